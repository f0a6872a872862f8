"""Partners, contacts, memberships, principles and partnerships.

The policy's real partners (``partners.yaml``) and their partnerships
(``partnerships.yaml``) are written through the services (``partner_create``,
``partnership_create``, ``partnership_set_status``, ``principles_accept``), so each
partnership's history shows the road it took. The ``--scale`` filler is written in bulk (``bulk``).
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from taggit.models import Tag

from core.services import model_full_clean
from partnerships.lifecycle import OPEN
from partnerships.models import (
    Contact,
    Membership,
    Partner,
    PartnerMember,
    Partnership,
    PipelineStatus,
    PrincipleAcceptance,
    StrategicPlan,
    SubPriority,
)
from partnerships.services import (
    ContactData,
    partner_create,
    partner_index,
    partnership_create,
    partnership_set_status,
    principles_accept,
)

from ..builders import BuildContext
from ..data import dates_as_given, day, load
from ..history import entries_backdate
from ..pools import contact_email, fiction_phone

PS = PipelineStatus
# The road from "identified" to each pipeline status, through the allowed transitions.
PIPELINE_ROADS = {
    PS.IDENTIFIED: [],
    PS.IN_DISCUSSION: [PS.IN_DISCUSSION],
    PS.DRAFTING: [PS.IN_DISCUSSION, PS.DRAFTING],
    PS.ACTIVE: [PS.IN_DISCUSSION, PS.DRAFTING, PS.ACTIVE],
    PS.COMPLETED: [PS.IN_DISCUSSION, PS.DRAFTING, PS.ACTIVE, PS.COMPLETED],
    PS.ABANDONED: [PS.IN_DISCUSSION, PS.ABANDONED],
}


def stable_days(text: str) -> int:
    """A stable small number from a string (Python's hash() changes between runs)."""
    return sum(ord(c) for c in text)


def reference_load(ctx: BuildContext) -> None:
    plan = StrategicPlan.objects.get(is_current=True)
    ctx.reference["sub_ids"] = {
        (sp.priority.number, sp.position): sp.pk
        for sp in SubPriority.objects.filter(priority__plan=plan).select_related("priority")
    }


def sub_priority_ids(ctx: BuildContext, keys) -> list[int]:
    sub_ids = ctx.reference["sub_ids"]
    return [sub_ids[tuple(k)] for k in dict.fromkeys(tuple(k) for k in keys) if tuple(k) in sub_ids]


def build(ctx: BuildContext) -> None:
    reference_load(ctx)
    created = 0
    for index, spec in enumerate(load("partners")):
        partner = Partner.objects.filter(name__iexact=spec["name"], city__iexact=spec["city"]).first()
        if partner is None:
            partner = real_partner_create(ctx, spec, index)
            created += 1
        ctx.partners[spec["key"]] = partner
    specs = load("partnerships")
    made = 0
    for spec in specs:
        partnership = Partnership.objects.filter(title=spec["title"]).first()
        if partnership is None:
            partnership = real_partnership_create(ctx, spec)
            made += 1
        ctx.partnerships[spec["title"]] = partnership
    total = len(ctx.partners)
    ctx.write(
        f"Policy partners: {created} created, {total - created} already there; "
        f"their partnerships: {made} created, {len(specs) - made} already there."
    )
    portal_members_ensure(ctx)


def real_partner_create(ctx: BuildContext, spec: dict, index: int) -> Partner:
    partner = partner_create(
        by=None,
        name=spec["name"],
        legal_name=spec.get("legal_name", ""),
        partner_type=spec["partner_type"],
        sector=spec["sector"],
        legal_status=spec["legal_status"],
        street_address=spec.get("street", ""),
        postal_code=spec.get("postal", ""),
        city=spec["city"],
        region=spec["region"],
        country=spec.get("country", "FR"),
        website=spec.get("website", ""),
        wikidata_id=spec.get("wikidata_id", ""),
        relationship_status=spec["status"],
        owner=ctx.staff[spec.get("owner", 0) % len(ctx.staff)],
        notes=spec.get("notes", ""),
        tags=spec.get("tags", []),
        contacts=[
            ContactData(
                first_name=person["first_name"],
                last_name=person["last_name"],
                role=person["role"],
                is_signatory=person["is_signatory"],
                email=contact_email(person["first_name"], person["last_name"]),
                phone=fiction_phone(random.Random(f"{person['first_name']}{person['last_name']}"), spec["region"]),
                preferred_language=person.get("language", "fr"),
            )
            for person in spec["contacts"]
        ],
    )
    # Added to the directory over the last three years, oldest partners first.
    created_at = ctx.now - dt.timedelta(days=1090 - index * 9, hours=index)
    Partner.objects.filter(pk=partner.pk).update(created_at=created_at, updated_at=created_at)
    partner.created_at = created_at
    for row in spec.get("memberships", []):  # no membership service yet: the model's rules
        year = ctx.today.year if row["year"] == "current" else row["year"]
        paid = dt.date(year, 3, 15) if year < ctx.today.year else min(dt.date(year, 2, 10), ctx.today)
        membership = Membership(partner=partner, year=year, amount=Decimal(row["amount"]), paid_on=paid)
        model_full_clean(membership)
        membership.save()
    if spec.get("principles"):
        first = spec["contacts"][0]
        principles_accept(partner=partner, name=f"{first['first_name']} {first['last_name']}")
    return partner


def real_partnership_create(ctx: BuildContext, spec: dict) -> Partnership:
    """Create the partnership and move it along its road while it is open; the moves that
    close it (completed, abandoned) wait for ``close``, after the actions and agreements."""
    lead = ctx.staff[spec["lead"] % len(ctx.staff)]
    partners = [ctx.partners[key] for key in spec["partners"]]
    partnership = partnership_create(
        by=lead,
        title=spec["title"],
        goal=spec["goal"],
        partners=partners,
        sub_priorities=list(SubPriority.objects.filter(pk__in=sub_priority_ids(ctx, spec["subs"]))),
        kind=spec["kind"],
        start_date=day(spec["start"], ctx.today),
        end_date=day(spec["end"], ctx.today),
        is_pilot=spec.get("pilot", False),
        lead=lead,
    )
    road = PIPELINE_ROADS[spec["status"]]
    opening = [status for status in road if status in OPEN]
    for status in opening:
        partnership_set_status(partnership=partnership, status=status, by=lead)
    ctx.reference.setdefault("closing", []).append((partnership, road[len(opening) :], lead))
    # Recorded a little after its partners were added to the directory.
    added = max(p.created_at for p in partners)
    created_at = min(added + dt.timedelta(days=7 + stable_days(spec["title"]) % 90), ctx.now)
    Partnership.objects.filter(pk=partnership.pk).update(created_at=created_at, updated_at=created_at)
    return partnership


def close(ctx: BuildContext) -> None:
    """The last moves of the real partnerships (completed, abandoned), once every builder
    has added what it adds to an open partnership."""
    for partnership, road, lead in ctx.reference.pop("closing", []):
        for status in road:
            partnership_set_status(partnership=partnership, status=status, by=lead)
        partnership.refresh_from_db(fields=["created_at"])
        entries_backdate(ctx, partnership, partnership.created_at)
    for partner in ctx.partners.values():
        entries_backdate(ctx, partner, partner.created_at)


def portal_members_ensure(ctx: BuildContext) -> None:
    """Demo accounts that stand for a partner's contact take that contact's name."""
    for spec in load("accounts")["demo_accounts"]:
        member = spec.get("partner_member")
        user = ctx.accounts.get(spec["username"])
        if not member or user is None:
            continue
        partner = ctx.partners[member["partner"]]
        contact = partner.contacts.order_by("pk").first()
        if contact:
            user.first_name, user.last_name, user.email = contact.first_name, contact.last_name, contact.email
            user.save(update_fields=["first_name", "last_name", "email"])
        PartnerMember.objects.get_or_create(partner=partner, user=user, defaults={"role": member["role"]})


# --- the --scale filler ----------------------------------------------------------------

BATCH = 1000


def bulk(ctx: BuildContext, batch: list) -> None:
    """Write the partners-layer rows of one batch of plans (see demo/scale.py)."""
    totals = ctx.totals
    partners = [partner_index(plan.partner) for plan in batch]
    for plan in batch:
        plan.partner.created_at = plan.partner.updated_at = plan.created_at
    with dates_as_given(Partner):
        Partner.objects.bulk_create(partners, batch_size=BATCH)
    if not all(p.pk for p in partners):
        raise RuntimeError("This database does not return primary keys from bulk inserts.")

    contacts = [c for plan in batch for c in plan.contacts]
    Contact.objects.bulk_create(contacts, batch_size=BATCH)
    memberships = [m for plan in batch for m in plan.memberships]
    Membership.objects.bulk_create(memberships, batch_size=BATCH)
    PrincipleAcceptance.objects.bulk_create([p.acceptance for p in batch if p.acceptance], batch_size=BATCH)

    # Tags: create the missing Tag rows once, then the through rows.
    tag_ids = ctx.reference.setdefault("tag_ids", {})
    for name in sorted({name for plan in batch for name in plan.tags if name not in tag_ids}):
        tag_ids[name] = Tag.objects.get_or_create(name=name)[0].pk
    tagged_item = Partner.tags.through
    content_type_id = ContentType.objects.get_for_model(Partner).pk
    tagged_item.objects.bulk_create(
        [
            tagged_item(content_type_id=content_type_id, object_id=plan.partner.pk, tag_id=tag_ids[name])
            for plan in batch
            for name in plan.tags
        ],
        batch_size=BATCH,
    )

    rows = [(plan, p) for plan in batch for p in plan.partnerships]
    partnerships = [p.partnership for _plan, p in rows]
    for plan, planned in rows:
        delay = dt.timedelta(days=stable_days(planned.partnership.title) % 60)
        planned.partnership.created_at = planned.partnership.updated_at = min(plan.created_at + delay, ctx.now)
    with dates_as_given(Partnership):
        Partnership.objects.bulk_create(partnerships, batch_size=BATCH)
    partner_links, sub_links = [], []
    partnership_partner = Partnership.partners.through
    partnership_sub = Partnership.sub_priorities.through
    for plan, planned in rows:
        partnership = planned.partnership
        for partner in [plan.partner, *planned.other_partners]:
            partner_links.append(partnership_partner(partnership_id=partnership.pk, partner_id=partner.pk))
        sub_links += [
            partnership_sub(partnership_id=partnership.pk, subpriority_id=sid)
            for sid in sub_priority_ids(ctx, planned.subs)
        ]
    partnership_partner.objects.bulk_create(partner_links, batch_size=BATCH)
    partnership_sub.objects.bulk_create(sub_links, batch_size=BATCH)

    for kind, rows_written in (
        ("partners", partners),
        ("contacts", contacts),
        ("memberships", memberships),
        ("partnerships", partnerships),
    ):
        totals[kind] = totals.get(kind, 0) + len(rows_written)
