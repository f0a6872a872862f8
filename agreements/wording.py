"""The wording of each kind of document, in French and English.

A framework agreement, an action sheet and a service contract do not say the same things:
"la présente convention" (feminine) is not "le présent contrat" (masculine), an action sheet
does not announce amendments for new actions. The partner's name takes its article and its
contractions (core.grammar), signatories their civility, the membership is one choice on the
agreement reflected both in the clauses and in the membership article.

Everything here returns plain text: the PDF templates escape it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.utils import formats, translation

from core import grammar
from partnerships.models import MEMBERSHIP_MINIMUM_FEE, Civility, Contact, Partner

from .models import Agreement, AgreementKind, Amendment, Clause, WmfrSignatory

K = AgreementKind


@dataclass(frozen=True)
class DocumentNoun:
    this: str  # "la présente convention", "this agreement"
    the: str  # "la convention", "the agreement"
    feminine: bool = True


NOUNS: dict[str, dict[str, DocumentNoun]] = {
    "fr": {
        K.PARTNERSHIP_AGREEMENT: DocumentNoun("la présente convention", "la convention"),
        K.ACTION_SHEET: DocumentNoun("la présente fiche action", "la fiche action"),
        K.TRAINING_AGREEMENT: DocumentNoun("la présente convention", "la convention"),
        K.SERVICE_CONTRACT: DocumentNoun("le présent contrat", "le contrat", feminine=False),
        K.SPONSORSHIP: DocumentNoun("la présente convention", "la convention"),
        K.PATRONAGE_EXPERTISE: DocumentNoun("la présente convention", "la convention"),
        K.PATRONAGE_IN_KIND: DocumentNoun("la présente convention", "la convention"),
    },
    "en": {
        K.PARTNERSHIP_AGREEMENT: DocumentNoun("this agreement", "the agreement"),
        K.ACTION_SHEET: DocumentNoun("this action sheet", "the action sheet"),
        K.TRAINING_AGREEMENT: DocumentNoun("this agreement", "the agreement"),
        K.SERVICE_CONTRACT: DocumentNoun("this contract", "the contract"),
        K.SPONSORSHIP: DocumentNoun("this agreement", "the agreement"),
        K.PATRONAGE_EXPERTISE: DocumentNoun("this agreement", "the agreement"),
        K.PATRONAGE_IN_KIND: DocumentNoun("this agreement", "the agreement"),
    },
}

# Framework documents announce amendments for new actions; the others describe what they cover.
FRAMEWORK_KINDS = {K.PARTNERSHIP_AGREEMENT, K.SPONSORSHIP, K.PATRONAGE_EXPERTISE, K.PATRONAGE_IN_KIND}

# The articles of a full document, in order (the template follows the same order; the numbers
# are used for cross-references such as the membership line of a clause).
ARTICLES = [
    "purpose",
    "implementation",
    "evaluation",
    "duration",
    "pilot",
    "means",
    "licences",
    "membership",
    "disputes",
    "principles",
]
IMPLEMENTATION_ARTICLE = ARTICLES.index("implementation") + 1
MEMBERSHIP_ARTICLE = ARTICLES.index("membership") + 1

# A contribution line about the membership fee, as the catalogue words it.
MEMBERSHIP_LINE = re.compile(r"\b(cotisation|adh[ée]sion|membership)\b", re.IGNORECASE)

DRAFT_MARK = {"fr": "PROJET", "en": "DRAFT"}


def _lang(language: str) -> str:
    return "en" if language == "en" else "fr"


def noun(kind: str, language: str) -> DocumentNoun:
    return NOUNS[_lang(language)].get(kind, NOUNS[_lang(language)][K.PARTNERSHIP_AGREEMENT])


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


# --- Names ------------------------------------------------------------------------------


def partner_name(partner: Partner, language: str, *, capital: bool = False, legal: bool = False) -> str:
    """ "la Bibliothèque nationale de France" in French, the bare name in English."""
    name = (partner.legal_name or partner.name) if legal else partner.name
    if _lang(language) == "en":
        return name
    return grammar.with_article(name, partner.article_code, capital=capital)


def for_partner(partner: Partner, language: str) -> str:
    """The heading of the partner's signature block: "Pour la Bibliothèque nationale de France"."""
    if _lang(language) == "en":
        return f"For {partner.name}"
    return grammar.for_(partner.name, partner.article_code, capital=True)


def civility(code: str, language: str) -> str:
    if not code:
        return ""
    if _lang(language) == "fr":
        return {Civility.MADAME: "Madame", Civility.MONSIEUR: "Monsieur"}[code]
    return {Civility.MADAME: "Ms", Civility.MONSIEUR: "Mr"}[code]


def person(civility_code: str, first_name: str, last_name: str, language: str) -> str:
    return " ".join(p for p in (civility(civility_code, language), first_name, last_name) if p)


def contact_line(contact: Contact, language: str) -> str:
    name = person(contact.civility, contact.first_name, contact.last_name, language)
    return f"{name}, {contact.role}" if contact.role else name


def wmfr_line(signatory: WmfrSignatory | None, language: str) -> str:
    if signatory is None:
        return ""
    name = person(signatory.civility, signatory.first_name, signatory.last_name, language)
    title = signatory.title_in(_lang(language))
    return f"{name}, {title}" if title else name


def _enumerate(items: list[str], language: str) -> str:
    conjunction = " et " if _lang(language) == "fr" else " and "
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + conjunction + items[-1]


# --- Parties ----------------------------------------------------------------------------

TO_BE_NAMED = {"fr": "……………………………… (signataire à désigner)", "en": "……………………………… (signatory to be named)"}


def parties(agreement: Agreement, signatories: list[Contact]) -> dict[str, str]:
    """The two paragraphs naming the parties and their representatives."""
    language = _lang(agreement.language)
    wmfr = settings.WMFR_IDENTITY
    partner = agreement.partner
    wmfr_rep = wmfr_line(agreement.wmfr_signatory, language) or TO_BE_NAMED[language]
    partner_reps = _enumerate([contact_line(c, language) for c in signatories], language) or TO_BE_NAMED[language]
    address = ", ".join(
        p for p in (partner.street_address, " ".join(x for x in (partner.postal_code, partner.city) if x)) if p
    )
    if language == "fr":
        first = f"{wmfr['legal_name']}, dont le siège est situé {wmfr['address']}, représentée par {wmfr_rep}, "
        first += "ci-après « Wikimédia France »,"
        name = partner_name(partner, language, capital=True, legal=True)
        seat = f", dont le siège est situé {address}" if address else ""
        represented = grammar.agree("représenté", partner.article_code)
        second = f"{name}{seat}, {represented} par {partner_reps}, ci-après « {partner.name} » ou « le partenaire »."
        return {"wmfr": first, "partner": second, "between": "Entre", "and": "et"}
    first = f"{wmfr['legal_name']}, whose registered office is at {wmfr['address']}, represented by {wmfr_rep}, "
    first += "hereinafter “Wikimédia France”,"
    seat = f", whose registered office is at {address}" if address else ""
    second = (
        f"{partner.legal_name or partner.name}{seat}, represented by {partner_reps}, "
        f"hereinafter “{partner.name}” or “the partner”."
    )
    return {"wmfr": first, "partner": second, "between": "Between", "and": "and"}


def signature_blocks(agreement: Agreement, signatories: list[Contact]) -> list[dict]:
    """Two blocks of the same shape: heading, signatories, "Date et signature"."""
    language = _lang(agreement.language)
    date_and_signature = "Date et signature" if language == "fr" else "Date and signature"
    wmfr = wmfr_line(agreement.wmfr_signatory, language)
    return [
        {
            "heading": "Pour Wikimédia France" if language == "fr" else "For Wikimédia France",
            "names": [wmfr] if wmfr else [],
            "line": date_and_signature,
        },
        {
            "heading": for_partner(agreement.partner, language),
            "names": [contact_line(c, language) for c in signatories],
            "line": date_and_signature,
        },
    ]


def made_at(agreement: Agreement) -> str:
    """ "Fait à Paris, le …, en deux exemplaires originaux." before the signatures."""
    city = settings.WMFR_IDENTITY.get("city", "Paris")
    if _lang(agreement.language) == "fr":
        return f"Fait à {city}, le ……………………, en deux exemplaires originaux."
    return f"Done in {city} on ……………………, in two original copies."


# --- Sections ---------------------------------------------------------------------------


def money(amount: Decimal | int, language: str) -> str:
    with translation.override(_lang(language)):
        decimals = 0 if Decimal(amount) == Decimal(amount).to_integral_value() else 2
        figure = formats.number_format(amount, decimals, use_l10n=True, force_grouping=True)
    return f"{figure}{grammar.NBSP}€" if _lang(language) == "fr" else f"€{figure}"


def of_document(kind: str) -> str:
    """ "de la présente convention", "du présent contrat"."""
    this = noun(kind, "fr")
    return f"de {this.this}" if this.feminine else f"du {this.this.removeprefix('le ')}"


def membership_article(agreement: Agreement) -> str:
    language = _lang(agreement.language)
    minimum = money(MEMBERSHIP_MINIMUM_FEE, language)
    if language == "fr":
        name = partner_name(agreement.partner, language, capital=True)
        if agreement.membership_included:
            amount = money(agreement.membership_amount or MEMBERSHIP_MINIMUM_FEE, language)
            return (
                f"{name} adhère à l’association Wikimédia France en tant que personne morale, "
                f"moyennant une cotisation annuelle de {amount}."
            )
        of_this = of_document(agreement.kind)
        return (
            f"{name} peut adhérer à l’association Wikimédia France en tant que personne morale (cotisation "
            f"annuelle de {minimum} minimum) ; l’adhésion n’est pas une condition {of_this}."
        )
    name = agreement.partner.name
    if agreement.membership_included:
        amount = money(agreement.membership_amount or MEMBERSHIP_MINIMUM_FEE, language)
        return f"{name} joins the Wikimédia France association as a legal entity, for an annual fee of {amount}."
    return (
        f"{name} may join the Wikimédia France association as a legal entity (annual fee of {minimum} minimum); "
        f"membership is not a condition of {noun(agreement.kind, language).this}."
    )


def membership_item(agreement: Agreement) -> str:
    """The clause's line about the membership: only when the agreement includes it (one choice,
    the same as the membership article says)."""
    if not agreement.membership_included:
        return ""
    amount = money(agreement.membership_amount or MEMBERSHIP_MINIMUM_FEE, agreement.language)
    if _lang(agreement.language) == "fr":
        return f"Adhésion à Wikimédia France (cotisation annuelle de {amount}, article {MEMBERSHIP_ARTICLE})"
    return f"Membership of Wikimédia France (annual fee of {amount}, article {MEMBERSHIP_ARTICLE})"


def without_membership(lines: list[str]) -> list[str]:
    return [line for line in lines if not MEMBERSHIP_LINE.search(line)]


def partner_items(clause: Clause, agreement: Agreement, *, with_membership: bool) -> list[str]:
    """The partner's contributions to a clause: the catalogue's membership line is never copied;
    the agreement's membership choice is said once, in the first clause whose type expects the
    fee (nothing when the agreement does not include the membership)."""
    items = without_membership(clause.partner_items)
    extra = membership_item(agreement) if with_membership else ""
    return [*items, extra] if extra else items


def licence_sentence(agreement: Agreement) -> str:
    licence = agreement.get_licence_display()
    if _lang(agreement.language) == "fr":
        return (
            f"Les contenus produits dans le cadre {of_document(agreement.kind)} sont publiés sous la licence "
            f"libre {licence}."
        )
    return f"Content produced under {noun(agreement.kind, 'en').this} is published under the free licence {licence}."


def principles_intro(agreement: Agreement) -> str:
    if _lang(agreement.language) == "fr":
        name = partner_name(agreement.partner, "fr", capital=True)
        return f"{name} adhère aux principes directeurs des partenariats de Wikimédia France :"
    return f"{agreement.partner.name} supports the guiding principles of Wikimédia France’s partnerships:"


def amendment_intro(agreement: Agreement, amendment: Amendment, clauses: list[Clause]) -> str:
    language = _lang(agreement.language)
    the = noun(agreement.kind, language)
    signed = grammar.long_date(agreement.signed_on, language)
    if language == "fr":
        participle = "signée" if the.feminine else "signé"
        which = "la clause suivante" if len(clauses) == 1 else "les clauses suivantes"
        when = f", {participle} le {signed}," if signed else ","
        return (
            f"Le présent avenant complète {the.the} {agreement.reference}{when} par {which}, dans les mêmes conditions."
        )
    which = "the following clause" if len(clauses) == 1 else "the following clauses"
    when = f", signed on {signed}," if signed else ","
    return f"This amendment supplements {the.the} {agreement.reference}{when} with {which}, under the same terms."


def timetable(clause: Clause, language: str) -> str:
    if not clause.start_date:
        return "à convenir" if _lang(language) == "fr" else "to be agreed"
    start = grammar.long_date(clause.start_date, language)
    if not clause.end_date or clause.end_date == clause.start_date:
        return start
    return f"{start} – {grammar.long_date(clause.end_date, language)}"


def document_context(agreement: Agreement, signatories: list[Contact], *, frozen: bool) -> dict:
    """What the PDF templates need beyond the agreement itself."""
    language = _lang(agreement.language)
    return {
        "parties": parties(agreement, signatories),
        "signature_blocks": signature_blocks(agreement, signatories),
        "made_at": made_at(agreement),
        "membership_article": membership_article(agreement),
        "licence_sentence": licence_sentence(agreement),
        "principles_intro": principles_intro(agreement),
        "draft_mark": "" if frozen else DRAFT_MARK[language],
    }
