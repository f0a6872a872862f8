"""The rendered PDFs, read back with pypdf: parties, sections, clauses, pages, metadata."""

import hashlib
import io
import re

import pytest
from django.utils import translation
from django_scopes import scopes_disabled
from pypdf import PdfReader

from activities.models import ActivityType
from agreements import wording
from agreements.models import DocumentState
from agreements.services import document_request
from core.pdf import FETCHER, render_pdf
from tests.files import stored_bytes

pytestmark = pytest.mark.django_db

SECTIONS = {
    "fr": [
        "Préambule",
        "Objet",
        "Modalités de mise en œuvre",
        "Évaluation",
        "Durée",
        "Phase d’expérimentation",
        "Moyens mis en œuvre",
        "Licences libres",
        "Adhésion",
        "Litiges et résiliation",
        "Principes directeurs",
    ],
    "en": [
        "Preamble",
        "Purpose",
        "Implementation arrangements",
        "Evaluation",
        "Duration",
        "Experimentation phase",
        "Means used",
        "Free licences",
        "Membership",
        "Disputes and termination",
        "Guiding principles",
    ],
}


def render(agreement, staff_user, capture, **kwargs):
    with capture(execute=True), scopes_disabled():
        document = document_request(agreement=agreement, by=staff_user, **kwargs)
    document.refresh_from_db()
    assert document.state == DocumentState.READY, document.error
    data = stored_bytes(document.file)
    return document, data, PdfReader(io.BytesIO(data))


def text_of(reader) -> str:
    # Join lines: WeasyPrint wraps long lines; compare on single spaces.
    return re.sub(r"\s+", " ", "\n".join(page.extract_text() for page in reader.pages))


@pytest.mark.parametrize("language", ["fr", "en"])
def test_pdf_has_parties_sections_clauses_and_page_numbers(
    language, agreement_factory, staff_user, django_capture_on_commit_callbacks
):
    agreement = agreement_factory(language=language)
    document, _data, reader = render(agreement, staff_user, django_capture_on_commit_callbacks)
    text = text_of(reader)
    # Parties and their representatives.
    assert "Wikimédia France – Association pour le libre partage de la connaissance" in text
    assert "Musée Saint-Raymond (régie municipale)" in text
    assert "Camille Roques" in text
    assert agreement.reference in text
    # Every section, numbered as an article.
    for heading in SECTIONS[language]:
        assert heading in text, heading
    assert re.search(r"Article 1 – (Objet|Purpose)", text)
    # One clause per action, with the catalogue's contributions in the agreement's language.
    edit_a_thon = ActivityType.objects.get(code="edit-a-thon")
    upload = ActivityType.objects.get(code="content-upload")
    assert "2.1 – Edit-a-thon « Toulouse antique »" in text
    assert f"2.2 – {getattr(upload, f'name_{language}')}" in text
    for activity_type in (edit_a_thon, upload):
        for item in getattr(activity_type, f"wmfr_contribution_{language}").splitlines():
            assert re.sub(r"\s+", " ", item) in text, item
        for item in wording.without_membership(getattr(activity_type, f"partner_contribution_{language}").splitlines()):
            assert re.sub(r"\s+", " ", item) in text, item
    assert "2.3 –" not in text
    # "Page X / Y" on every page, Y the real count.
    pages = len(reader.pages)
    assert document.pages == pages >= 2
    for number in range(1, pages + 1):
        assert f"Page {number} / {pages}" in text
    # Metadata: title, author, language.
    assert reader.metadata.title.startswith(agreement.title)
    assert reader.metadata.author == "Wikimédia France"
    assert reader.trailer["/Root"]["/Lang"] == language
    assert document.sha256 and len(document.sha256) == 64
    assert document.sha256 == hashlib.sha256(_data).hexdigest()
    # The archival variant, level A (tagged): PDF/A-3a identification in the XMP metadata, and an
    # output intent.
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data()
    assert b"<pdfaid:part>3</pdfaid:part>" in xmp or b'pdfaid:part="3"' in xmp
    assert b'pdfaid:conformance="A"' in xmp or b"<pdfaid:conformance>A</pdfaid:conformance>" in xmp
    assert "/OutputIntents" in reader.trailer["/Root"]


def test_french_and_english_documents_differ_in_language(
    agreement_factory, staff_user, django_capture_on_commit_callbacks
):
    fr = text_of(
        render(
            agreement_factory(language="fr", partner_name="Musée A"), staff_user, django_capture_on_commit_callbacks
        )[2]
    )
    en = text_of(
        render(
            agreement_factory(language="en", partner_name="Musée B"), staff_user, django_capture_on_commit_callbacks
        )[2]
    )
    assert "Convention de partenariat" in fr
    assert "Partnership agreement" in en
    assert "Mobilize Wikimedia France stakeholders" in en
    assert "Mobilize Wikimedia France stakeholders" not in fr


@pytest.mark.parametrize(
    "kind",
    [
        "action_sheet",
        "training_agreement",
        "service_contract",
        "sponsorship",
        "patronage_expertise",
        "patronage_in_kind",
    ],
)
def test_every_kind_has_its_own_template(kind, agreement_factory, staff_user, django_capture_on_commit_callbacks):
    from agreements.models import AgreementKind

    agreement = agreement_factory(kind=kind, language="en", partner_name=f"Partner {kind}")
    text = text_of(render(agreement, staff_user, django_capture_on_commit_callbacks)[2])
    with translation.override("en"):
        assert str(AgreementKind(kind).label) in text


HOSTILE = [
    '<img src="file:///etc/passwd">',
    '<link rel="attachment" href="file:///etc/passwd">',
    "http://169.254.169.254/latest/meta-data/",
    "<script>alert(1)</script>",
]


def test_hostile_text_is_literal_and_fetches_nothing(agreement_factory, staff_user, django_capture_on_commit_callbacks):
    agreement = agreement_factory(language="en", partner_name='Musée <img src="file:///etc/passwd">')
    with scopes_disabled():
        clause = agreement.clauses.first()
        clause.purpose = " ".join(HOSTILE)
        clause.save()
        agreement.preamble = '<link rel="attachment" href="file:///etc/hostname"> <img src="http://169.254.169.254/">'
        agreement.save()
        FETCHER.blocked.clear()
        _, data, reader = render(agreement, staff_user, django_capture_on_commit_callbacks)
        text = text_of(reader)
        squeezed = re.sub(r"\s+", "", text)  # long URLs may wrap across lines
        for hostile in HOSTILE:
            assert re.sub(r"\s+", "", hostile) in squeezed
        assert 'Musée <img src="file:///etc/passwd">' in text
        assert "root:x:0:0" not in text
        assert b"root:x:" not in data
        assert b"/EmbeddedFile" not in data
        assert list(FETCHER.blocked) == []  # escaped: nothing was even attempted
        assert not any("/EmbeddedFiles" in str(reader.trailer["/Root"].get(k, "")) for k in reader.trailer["/Root"])


def test_fetcher_refuses_files_network_and_redirects_but_serves_own_assets():
    html = """<html><head><title>t</title><link rel="stylesheet" href="agreement.css"></head><body>
      <img src="file:///etc/passwd"><link rel="attachment" href="file:///etc/passwd">
      <img src="http://169.254.169.254/"><img src="https://example.org/x.png">
      <img src="../../../../etc/passwd"><img src="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg'/%3E">
      <p>ok</p></body></html>"""
    FETCHER.blocked.clear()
    data = render_pdf(html)
    blocked = list(FETCHER.blocked)
    assert any(u.startswith("file:///etc/passwd") for u in blocked)
    assert any(u.startswith("http://169.254.169.254") for u in blocked)
    assert any(u.startswith("https://example.org") for u in blocked)
    assert b"root:x:" not in data
    assert b"/EmbeddedFile" not in data
    # The bundled stylesheet and a data: URL were served (no error for them).
    assert not any("agreement.css" in u or u.startswith("data:") for u in blocked)
