"""The agreements read as the partner's lawyer reads them: every kind of document in French and
English, parsed back with pypdf. The partner's name with its article, the real signatories with
their civility, no "(e)" forms, the membership said once and the same way in the clauses and in
its article, "Fait à Paris, le …", the wording of each kind, a draft watermark until sent."""

import datetime
import io
import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django_scopes import scopes_disabled
from pypdf import PdfReader

from agreements import wording
from agreements.models import AgreementKind, AgreementStatus, DocumentState, WmfrSignatory
from agreements.services import agreement_transition, document_request
from agreements.tests.test_pdf import render, text_of
from tests.files import stored_bytes

pytestmark = pytest.mark.django_db

KINDS = [k.value for k in AgreementKind]
LANGUAGES = ["fr", "en"]
GENDER_PLACEHOLDER = re.compile(r"\w\((e|s|es|e\)s)\)|\(e\)")

EXPECTED = {
    "fr": {
        "wmfr_party": "représentée par Madame Hélène Marchand, Présidente de Wikimédia France",
        "partner_party": "La Bibliothèque nationale de France (BnF), dont le siège est situé",
        "represented": "représentée par Madame Camille Roques, Directrice",
        "for_wmfr": "Pour Wikimédia France",
        "for_partner": "Pour la Bibliothèque nationale de France",
        "made_at": "Fait à Paris, le",
        "made_at_end": "en deux exemplaires originaux.",
        "mark": "PROJET",
        "dates": "1er mars 2026 – 30 avril 2026",
    },
    "en": {
        "wmfr_party": "represented by Ms Hélène Marchand, Chair of Wikimédia France",
        "partner_party": "Bibliothèque nationale de France (BnF), whose registered office is at",
        "represented": "represented by Ms Camille Roques, Directrice",
        "for_wmfr": "For Wikimédia France",
        "for_partner": "For Bibliothèque nationale de France",
        "made_at": "Done in Paris on",
        "made_at_end": "in two original copies.",
        "mark": "DRAFT",
        "dates": "1 March 2026 – 30 April 2026",
    },
}
FRENCH_LEFTOVERS = ["Pour ", "Fait à", "PROJET", "représenté", "Madame", "dénommé", "Président(e)", " le partenaire"]


def bnf_agreement(agreement_factory, *, language, kind="partnership_agreement", **kwargs):
    return agreement_factory(
        language=language,
        kind=kind,
        partner_name="Bibliothèque nationale de France",
        legal_name="Bibliothèque nationale de France (BnF)",
        **kwargs,
    )


def send(agreement, staff_user, capture):
    """Draft → in review → sent for signature; returns the frozen version rendered by the worker."""
    with scopes_disabled():
        agreement_transition(agreement=agreement, to=AgreementStatus.IN_REVIEW, by=staff_user)
        with capture(execute=True):
            agreement_transition(agreement=agreement, to=AgreementStatus.SENT, by=staff_user)
        document = agreement.documents.get(frozen=True)
    assert document.state == DocumentState.READY, document.error
    return document, PdfReader(io.BytesIO(stored_bytes(document.file)))


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_reads_right(kind, language, agreement_factory, staff_user, django_capture_on_commit_callbacks):
    agreement = bnf_agreement(agreement_factory, language=language, kind=kind)
    with scopes_disabled():
        _, _, reader = render(agreement, staff_user, django_capture_on_commit_callbacks)
    text = text_of(reader)
    expected = EXPECTED[language]
    # The partner's name with its article, the parties represented by real, named signatories.
    for key in ("wmfr_party", "partner_party", "represented", "for_wmfr", "for_partner"):
        assert expected[key] in text, key
    assert "La présidence" not in text and "Chair(" not in text
    # No "(e)" forms anywhere.
    assert not GENDER_PLACEHOLDER.search(text), GENDER_PLACEHOLDER.search(text)
    # "Fait à Paris, le …, en deux exemplaires originaux." before the signature blocks.
    made_at = text.index(expected["made_at"])
    assert text.index(expected["made_at_end"]) > made_at
    assert made_at < text.rindex(expected["for_wmfr"]) and made_at < text.rindex(expected["for_partner"])
    # Dates written out in the document's language (never 03/01/2026).
    assert expected["dates"] in text
    assert not re.search(r"\b\d{2}/\d{2}/\d{4}\b", text)
    if language == "en":
        for leftover in FRENCH_LEFTOVERS:
            assert leftover not in text, leftover
    # A draft: the watermark on every page.
    for page in reader.pages:
        assert expected["mark"] in page.extract_text()


@pytest.mark.parametrize("language", LANGUAGES)
def test_membership_is_one_choice_said_the_same_in_clause_and_article(
    language, agreement_factory, staff_user, django_capture_on_commit_callbacks
):
    # The edit-a-thon's catalogue row lists the membership fee; the agreement's choice decides.
    agreement = bnf_agreement(agreement_factory, language=language)
    assert agreement.membership_included and agreement.membership_amount == 100  # from the catalogue's flag
    with scopes_disabled():
        assert not any(wording.MEMBERSHIP_LINE.search(c.partner_contribution) for c in agreement.clauses.all())

    agreement.membership_included, agreement.membership_amount = False, None
    agreement.save()
    with scopes_disabled():
        text = text_of(render(agreement, staff_user, django_capture_on_commit_callbacks)[2])
        clauses = text[text.index("2.1 –") : text.index("Article 3")]
        assert not re.search(r"(?i)cotisation|membership fee|annual fee|adhésion à", clauses)
        optional = {
            "fr": "peut adhérer à l’association Wikimédia France en tant que personne morale",
            "en": "may join the Wikimédia France association as a legal entity",
        }
        assert optional[language] in text

        agreement.membership_included, agreement.membership_amount = True, Decimal("150")
        agreement.save()
        text = text_of(render(agreement, staff_user, django_capture_on_commit_callbacks)[2])
        clauses = text[text.index("2.1 –") : text.index("Article 3")]
        line = {
            "fr": "Adhésion à Wikimédia France (cotisation annuelle de 150 €, article 8)",
            "en": "Membership of Wikimédia France (annual fee of €150, article 8)",
        }
        article = {
            "fr": "Article 8 – Adhésion La Bibliothèque nationale de France adhère à l’association Wikimédia France "
            "en tant que personne morale, moyennant une cotisation annuelle de 150 €.",
            "en": "Article 8 – Membership Bibliothèque nationale de France joins the Wikimédia France association as "
            "a legal entity, for an annual fee of €150.",
        }
        # Both types expect the fee; the membership is one: said once, in the first clause.
        assert clauses.count(line[language]) == 1
    assert line[language] in clauses[: clauses.index("2.2 –")]
    assert article[language] in text
    assert optional[language] not in text


@pytest.mark.parametrize(
    ("name", "article", "expected"),
    [
        (
            "Centre Pompidou",
            "",
            ["Le Centre Pompidou (régie municipale), dont", "représenté par", "Pour le Centre Pompidou"],
        ),
        ("Inria", "", ["L’Inria (régie municipale), dont", "représenté par", "Pour l’Inria"]),
        (
            "Archives nationales",
            "",
            ["Les Archives nationales (régie municipale), dont", "représentées par", "Pour les Archives nationales"],
        ),
        # Staff correct an article the name does not tell.
        ("Comédie-Française", "la", ["La Comédie-Française (régie municipale)", "représentée par", "Pour la Comédie"]),
    ],
)
def test_french_articles_and_agreement_with_the_partner(
    name, article, expected, agreement_factory, staff_user, django_capture_on_commit_callbacks
):
    agreement = agreement_factory(language="fr", partner_name=name, name_article=article)
    with scopes_disabled():
        text = text_of(render(agreement, staff_user, django_capture_on_commit_callbacks)[2])
    for fragment in expected:
        assert fragment in text, fragment
    assert f"Pour {name}" not in text


def test_action_sheet_has_its_own_wording_and_the_licence_is_said_once(
    agreement_factory, staff_user, django_capture_on_commit_callbacks
):
    with scopes_disabled():
        framework = text_of(render(agreement_factory(language="fr"), staff_user, django_capture_on_commit_callbacks)[2])
        sheet = text_of(
            render(
                agreement_factory(language="fr", kind="action_sheet", partner_name="Musée B"),
                staff_user,
                django_capture_on_commit_callbacks,
            )[2]
        )
        assert "toute action nouvelle fait l’objet d’un avenant" in framework
        assert "avenant" not in sheet
        assert "La présente fiche action a pour objet" in sheet
        assert "La présente fiche action prend effet" in sheet
        for text in (framework, sheet):
            licences = text[text.index("Article 7 – Licences libres") : text.index("Article 8")]
            assert licences.count("CC BY-SA 4.0") == 1
            assert "licence libre choisie ci-dessus" not in licences


def test_contract_is_masculine(agreement_factory, staff_user, django_capture_on_commit_callbacks):
    with scopes_disabled():
        text = text_of(
            render(
                agreement_factory(language="fr", kind="service_contract"),
                staff_user,
                django_capture_on_commit_callbacks,
            )[2]
        )
    assert "Le présent contrat a pour objet" in text
    assert "dans le cadre du présent contrat" in text
    assert "de le présent" not in text and "La présente convention" not in text


def test_french_typography_non_breaking_spaces(agreement_factory, staff_user, django_capture_on_commit_callbacks):
    with scopes_disabled():
        reader = render(agreement_factory(language="fr"), staff_user, django_capture_on_commit_callbacks)[2]
    raw = "\n".join(page.extract_text() for page in reader.pages)
    assert "«\u00a0Toulouse antique\u00a0»" in raw
    assert "commun\u00a0: «\u00a0Toulouse antique sur Wikipédia\u00a0»" in raw
    # No ordinary space (nor line break) before a colon, semicolon, "!" or "?", nor inside « ».
    assert not re.search(r"[ \n][:;!?](\s|$)", raw)
    assert not re.search(r"«[ \n]|[ \n]»", raw)


def test_draft_is_watermarked_and_the_sent_version_is_not(
    agreement_factory, staff_user, django_capture_on_commit_callbacks
):
    agreement = agreement_factory(language="fr")
    with scopes_disabled():
        _, _, draft = render(agreement, staff_user, django_capture_on_commit_callbacks)
    assert all("PROJET" in page.extract_text() for page in draft.pages)
    document, sent = send(agreement, staff_user, django_capture_on_commit_callbacks)
    assert document.frozen
    assert not any("PROJET" in page.extract_text() for page in sent.pages)
    assert "Fait à Paris, le" in text_of(sent)


def test_generating_twice_without_change_makes_no_new_version(
    agreement_factory, staff_user, django_capture_on_commit_callbacks
):
    agreement = agreement_factory(language="fr")
    with django_capture_on_commit_callbacks(execute=True), scopes_disabled():
        first = document_request(agreement=agreement, by=staff_user)
    with django_capture_on_commit_callbacks(execute=True) as callbacks, scopes_disabled():
        again = document_request(agreement=agreement, by=staff_user)
    assert again.pk == first.pk and callbacks == []  # nothing re-rendered either
    with scopes_disabled():
        assert agreement.documents.count() == 1
        first.refresh_from_db()
        assert len(first.input_sha256) == 64
        clause = agreement.clauses.first()
    clause.means = "Une salle de lecture."
    clause.save()
    with django_capture_on_commit_callbacks(execute=True), scopes_disabled():
        changed = document_request(agreement=agreement, by=staff_user)
    assert changed.version == 2 and changed.input_sha256 != first.input_sha256


def test_sending_requires_real_signatories_on_both_sides(
    agreement_factory, staff_user, django_capture_on_commit_callbacks
):
    with scopes_disabled():
        WmfrSignatory.objects.update(is_default=False)
    agreement = agreement_factory(language="fr", with_signatory=False)
    assert agreement.wmfr_signatory is None
    with scopes_disabled():
        agreement_transition(agreement=agreement, to=AgreementStatus.IN_REVIEW, by=staff_user)
        with pytest.raises(ValidationError) as error:
            agreement_transition(agreement=agreement, to=AgreementStatus.SENT, by=staff_user)
        assert error.value.messages == [
            "Choisissez qui signe pour Wikimédia France parmi les signataires habilités.",
            "Choisissez au moins un signataire pour le partenaire.",
        ]
        agreement.refresh_from_db()
        assert agreement.status == AgreementStatus.IN_REVIEW and not agreement.documents.exists()
        agreement.wmfr_signatory = WmfrSignatory.objects.get()
        agreement.save()
        contact = agreement.partner.contacts.create(first_name="Léa", last_name="Martin", civility="mme")
        with pytest.raises(ValidationError, match="au moins un signataire"):
            agreement_transition(agreement=agreement, to=AgreementStatus.SENT, by=staff_user)
        agreement.signatories.set([contact])
        with django_capture_on_commit_callbacks(execute=True):
            agreement_transition(agreement=agreement, to=AgreementStatus.SENT, by=staff_user)
        agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.SENT


def test_pdf_is_tagged_dated_and_uses_only_the_vendored_fonts(
    agreement_factory, staff_user, django_capture_on_commit_callbacks
):
    with scopes_disabled():
        document, _data, reader = render(
            agreement_factory(language="en"), staff_user, django_capture_on_commit_callbacks
        )
        root = reader.trailer["/Root"]
        assert "/StructTreeRoot" in root and bool(root["/MarkInfo"]["/Marked"]) is True
        created = reader.metadata.creation_date
        assert created is not None
        assert abs(created - document.created_at) < datetime.timedelta(seconds=2)
        fonts = set()
        for page in reader.pages:
            for font in page["/Resources"]["/Font"].values():
                fonts.add(str(font.get_object()["/BaseFont"]).split("+", 1)[-1])
    assert fonts and all(f.startswith("WMFR-") for f in fonts), fonts
