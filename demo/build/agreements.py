"""Demo agreements (``agreements.yaml``): every kind, in several states, through the
agreement services (draft, clauses, versions, transitions); their PDFs are rendered
after the commit so a newcomer sees real documents at once."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from agreements.models import Agreement, AgreementDocument, AgreementStatus, DocumentState, WmfrSignatory
from agreements.rendering import document_render
from agreements.services import ActionSpec, agreement_draft, agreement_transition, clause_add, document_request
from partnerships.models import Contact, Partner

from ..builders import BuildContext
from ..data import day, load
from ..history import agreement_backdate

S = AgreementStatus
# The road from "draft" to each status, through the allowed transitions.
ROADS = {
    S.DRAFT: [],
    S.IN_REVIEW: [S.IN_REVIEW],
    S.SENT: [S.IN_REVIEW, S.SENT],
    S.SIGNED: [S.IN_REVIEW, S.SENT, S.SIGNED],
    S.ACTIVE: [S.IN_REVIEW, S.SENT, S.SIGNED, S.ACTIVE],
    S.ENDED: [S.IN_REVIEW, S.SENT, S.SIGNED, S.ACTIVE, S.ENDED],
    S.TERMINATED: [S.IN_REVIEW, S.SENT, S.SIGNED, S.TERMINATED],
}


def signature_day(start: dt.date | None, today: dt.date) -> dt.date:
    """Signed two weeks before the start, three days ago at the latest."""
    latest = today - dt.timedelta(days=3)
    return min(start - dt.timedelta(days=14), latest) if start else latest


def wmfr_signatories_ensure() -> None:
    """The authorised signatories for Wikimédia France (the first is the default one)."""
    for i, person in enumerate(load("wmfr_signatories")):
        WmfrSignatory.objects.get_or_create(
            first_name=person["first_name"],
            last_name=person["last_name"],
            defaults={**person, "is_default": i == 0 and not WmfrSignatory.objects.filter(is_default=True).exists()},
        )


def partner_signatories(partner: Partner) -> list[Contact]:
    """The partner's signatories, or its first contact made one: an agreement goes out for
    signature only with a real signatory on each side."""
    signatories = list(partner.contacts.filter(is_signatory=True))
    if signatories:
        return signatories
    contact = partner.contacts.order_by("pk").first()
    if contact is None:
        return []
    contact.is_signatory = True
    contact.save(update_fields=["is_signatory"])
    return [contact]


def build(ctx: BuildContext) -> None:
    types = ctx.reference["activity_types"]
    created = 0
    wmfr_signatories_ensure()
    for spec in load("agreements"):
        partnership = ctx.partnerships.get(spec["partnership"])
        partner = next((p for p in ctx.partners.values() if p.name == spec["partner"]), None)
        if partner is None or partnership is None:
            continue
        if Agreement.objects.filter(partner=partner, title=spec["title"]).exists():
            continue
        start = day(spec.get("start"), ctx.today) or partnership.start_date
        end = day(spec.get("end"), ctx.today) or partnership.end_date
        by = partnership.lead or ctx.staff[0]
        action_start = start or ctx.today + dt.timedelta(days=30)
        actions = []
        for code in spec["actions"]:
            action_end = action_start + dt.timedelta(days=30 * types[code].max_months - 1)
            actions.append(
                ActionSpec(
                    activity_type=types[code], start_date=action_start, end_date=min(action_end, end or action_end)
                )
            )
        with transaction.atomic():
            agreement = agreement_draft(
                partnership=partnership,
                partner=partner,
                kind=spec["kind"],
                language=spec["language"],
                by=by,
                title=spec["title"],
                start_date=start,
                end_date=end,
                actions=actions,
            )
            agreement.signatories.set(partner_signatories(partner))
            if spec["status"] in (S.DRAFT, S.IN_REVIEW):
                document_request(agreement=agreement, by=by)
            for step in ROADS[spec["status"]]:
                agreement_transition(
                    agreement=agreement,
                    to=step,
                    by=by,
                    signed_on=signature_day(start, ctx.today) if step == S.SIGNED else None,
                    reason=spec.get("termination_reason", "") if step == S.TERMINATED else "",
                )
            if spec.get("amendment"):  # an action added after the signature
                extra = spec["amendment"]
                clause_add(
                    agreement=agreement,
                    by=by,
                    spec=ActionSpec(activity_type=types[extra["type"]], title=extra["title"]),
                )
        agreement_backdate(ctx, agreement)
        created += 1
    ctx.totals["agreements"] = created


def after(ctx: BuildContext) -> None:
    """Render every pending version now; the queued tasks then find them ready."""
    pending = list(AgreementDocument.objects.exclude(state=DocumentState.READY).values_list("pk", flat=True))
    for document_id in pending:
        document_render(document_id=document_id)
    ctx.write(f"Agreements: {ctx.totals.get('agreements', 0)} created, {len(pending)} PDF versions rendered.")
