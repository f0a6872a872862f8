"""Demo agreements for seed_demo: every kind, in several states, with their PDFs rendered."""

import datetime

from django.db import transaction
from django.utils import timezone
from django_scopes import scopes_disabled

from activities.models import ActivityType
from partnerships.models import Contact, Partner

from .models import Agreement, AgreementDocument, AgreementStatus, DocumentState, WmfrSignatory
from .rendering import document_render
from .services import ActionSpec, agreement_draft, agreement_transition, clause_add, document_request

S = AgreementStatus
PATHS = {
    S.DRAFT: [],
    S.IN_REVIEW: [S.IN_REVIEW],
    S.SENT: [S.IN_REVIEW, S.SENT],
    S.SIGNED: [S.IN_REVIEW, S.SENT, S.SIGNED],
    S.ACTIVE: [S.IN_REVIEW, S.SENT, S.SIGNED, S.ACTIVE],
    S.ENDED: [S.IN_REVIEW, S.SENT, S.SIGNED, S.ACTIVE, S.ENDED],
    S.TERMINATED: [S.IN_REVIEW, S.SENT, S.SIGNED, S.TERMINATED],
}

# (partner name, kind, language, final status, catalogue codes, title)
DEMO_AGREEMENTS = [
    (
        "Bibliothèque nationale de France",
        "partnership_agreement",
        "fr",
        S.ACTIVE,
        ["content-upload", "edit-a-thon"],
        "Gallica et Wikisource",
    ),
    (
        "Archives nationales",
        "partnership_agreement",
        "fr",
        S.SIGNED,
        ["content-upload"],
        "Versement de fonds photographiques",
    ),
    ("Centre Pompidou", "action_sheet", "fr", S.SENT, ["conference"], "Conférence « Art et communs »"),
    (
        "Mairie de Toulouse",
        "partnership_agreement",
        "fr",
        S.ENDED,
        ["wikipedia-in-town", "public-domain-day"],
        "Wikipédia en ville à Toulouse",
    ),
    (
        "Fondation d'entreprise L'Oréal",
        "patronage_expertise",
        "fr",
        S.IN_REVIEW,
        ["training"],
        "Mécénat de compétences",
    ),
    (
        "Fondation d'entreprise Galeries Lafayette",
        "sponsorship",
        "en",
        S.DRAFT,
        ["wikitech-lunches"],
        "Wikitech lunches",
    ),
    ("Inria", "training_agreement", "en", S.ACTIVE, ["training"], "Wikidata training for researchers"),
    ("Institut français", "service_contract", "fr", S.TERMINATED, ["training"], "Formations à l’international"),
    (
        "Château de Versailles",
        "patronage_in_kind",
        "fr",
        S.SIGNED,
        ["wikipedian-in-residence"],
        "Wikipédien en résidence",
    ),
]


# A fictional signatory for Wikimédia France (the real ones are entered by admins).
DEMO_WMFR_SIGNATORY = {
    "civility": "mme",
    "first_name": "Hélène",
    "last_name": "Marchand",
    "title_fr": "Présidente de Wikimédia France",
    "title_en": "Chair of Wikimédia France",
}


def _partner_signatories(partner: Partner) -> list[Contact]:
    """The partner's signatories, or its first contact made one (every demo agreement that is
    sent needs a real signatory on the partner's side)."""
    signatories = list(partner.contacts.filter(is_signatory=True))
    if signatories:
        return signatories
    contact = partner.contacts.order_by("pk").first()
    if contact is None:
        contact = Contact.objects.create(
            partner=partner, civility="mme", first_name="Claire", last_name="Dubois", role="Directrice"
        )
    contact.is_signatory = True
    contact.save(update_fields=["is_signatory"])
    return [contact]


def demo_agreements_ensure(*, by, today: datetime.date | None = None) -> tuple[int, int]:
    """Create the demo agreements that are missing; render every pending version.

    Returns (agreements created, versions rendered). Idempotent.
    """
    today = today or timezone.localdate()
    created = 0
    if not WmfrSignatory.objects.filter(is_default=True).exists():
        WmfrSignatory.objects.create(**DEMO_WMFR_SIGNATORY, is_default=True)
    with scopes_disabled():
        types = {t.code: t for t in ActivityType.objects.all()}
        for name, kind, language, status, codes, title in DEMO_AGREEMENTS:
            partner = Partner.objects.filter(name__iexact=name).first()
            if partner is None or Agreement.objects.filter(partner=partner, title=title).exists():
                continue
            partnership = partner.partnerships.order_by("created_at").first()
            if partnership is None:
                continue
            start = partnership.start_date or today - datetime.timedelta(days=60)
            with transaction.atomic():
                agreement = agreement_draft(
                    partnership=partnership,
                    partner=partner,
                    kind=kind,
                    language=language,
                    by=by,
                    title=title,
                    actions=[
                        ActionSpec(
                            activity_type=types[code],
                            start_date=start,
                            end_date=start + datetime.timedelta(days=30 * types[code].max_months - 1),
                        )
                        for code in codes
                    ],
                )
                agreement.signatories.set(_partner_signatories(partner))
                if status in (S.DRAFT, S.IN_REVIEW):
                    document_request(agreement=agreement, by=by)
                for step in PATHS[status]:
                    agreement_transition(
                        agreement=agreement,
                        to=step,
                        by=by,
                        signed_on=min(start + datetime.timedelta(days=7), today) if step == S.SIGNED else None,
                        reason="Réorganisation du programme international." if step == S.TERMINATED else "",
                    )
                if status == S.ACTIVE and language == "fr":
                    clause_add(
                        agreement=agreement,
                        by=by,
                        spec=ActionSpec(
                            activity_type=types["awareness-session"], title="Séance de sensibilisation aux licences"
                        ),
                    )
            created += 1
        # Render synchronously so a newcomer sees real documents at once; the queued tasks
        # then find them ready and do nothing.
        pending = list(AgreementDocument.objects.exclude(state=DocumentState.READY).values_list("pk", flat=True))
        for document_id in pending:
            document_render(document_id=document_id)
    return created, len(pending)
