"""Plans for the ``--scale`` filler: partners with contacts, memberships, tags,
partnerships and actions, as unsaved model instances the builders write in bulk.

Same seed, same plans: each generated partner has its own ``random.Random``. The states
planned here are those ``demo/story.py`` accepts (dates agree with statuses, actions sit
inside their partnership, the partner's relationship follows from its partnerships).

The rows are plain model instances, not ``demo/factories.py``'s ``.build()``: factory_boy's
declaration parsing made planning 4× slower (about 5 s more CPU at ``--scale 10000``,
measured). What the factories and this generator share are the pools of ``demo/pools.py``.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from taggit.models import Tag

from activities.models import Activity, ActivityStatus
from partnerships.models import (
    Contact,
    Membership,
    Partner,
    Partnership,
    PartnershipKind,
    PipelineStatus,
    PrincipleAcceptance,
    Region,
    RelationshipStatus,
)

from .build.activities import activity_dates, activity_status_for
from .builders import BuildContext
from .data import load
from .french import de, de_article
from .pools import ascii_slug, contact_email, fiction_phone, first_names, last_names

GENERATED_TAG = "demo-generated"
PS, RS = PipelineStatus, RelationshipStatus


@dataclass
class PlannedPartnership:
    partnership: Partnership
    subs: list = field(default_factory=list)  # [(priority number, position)]
    activities: list = field(default_factory=list)  # [(Activity, [sub-priority keys])]
    other_partners: list = field(default_factory=list)  # co-partners (already planned)


@dataclass
class Plan:
    """One generated partner and its dependent rows, before they have primary keys."""

    partner: Partner
    created_at: dt.datetime
    contacts: list = field(default_factory=list)
    memberships: list = field(default_factory=list)
    acceptance: PrincipleAcceptance | None = None
    tags: list = field(default_factory=list)
    partnerships: list = field(default_factory=list)


def weighted(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def relationship_for(rng: random.Random, statuses: set[str]) -> str:
    """A partner's relationship status, as its partnerships make it."""
    if statuses & {PS.ACTIVE, PS.DRAFTING}:
        return RS.ACTIVE
    if statuses & {PS.IDENTIFIED, PS.IN_DISCUSSION}:
        return RS.IN_DISCUSSION
    if PS.COMPLETED in statuses:
        return RS.FORMER
    if statuses:  # abandoned only
        return RS.DECLINED
    return weighted(rng, {RS.PROSPECT: 60, RS.IN_DISCUSSION: 25, RS.DECLINED: 15})


class Planner:
    def __init__(self, ctx: BuildContext, taken: set):
        self.ctx = ctx
        self.taken = taken
        self.g = load("generation")
        self.cities = self.g["cities"]
        self.city_weights = [6 if c["name"] == "Paris" else 3 if c["university"] else 1 for c in self.cities]
        self.first_names, self.last_names = first_names(), last_names()
        self.last_active: Partner | None = None  # a co-partner for some active partnerships

    def name(self, rng: random.Random):
        """A partner type, template and city whose name is free; a number only when needed."""
        last, attempts = None, 0
        while last is None or attempts < 40:
            attempts += 1
            partner_type = weighted(rng, self.g["type_weights"])
            template = rng.choice(self.g["name_templates"][partner_type])
            city = rng.choices(self.cities, weights=self.city_weights)[0]
            needs = template["needs"]
            if (needs == "prefecture" and not city["of_department"]) or (
                needs == "university" and not city["university"]
            ):
                continue
            name = template["template"].format(
                de_city=de(city["name"]),
                dept=city["of_department"],
                patron=rng.choice(self.g["lycee_patrons"]),
                word=rng.choice(self.g["words"]),
                surname=rng.choice(self.last_names),
            )
            last = partner_type, template, name, city
            if (name.lower(), city["name"].lower()) not in self.taken:
                return last
        partner_type, template, name, city = last
        number = 2
        while (f"{name} {number}".lower(), city["name"].lower()) in self.taken:
            number += 1
        return partner_type, template, f"{name} {number}", city

    def plan(self, rng: random.Random) -> Plan:
        ctx, g = self.ctx, self.g
        partner_type, template, name, city = self.name(rng)
        region = city["region"]
        created_at = ctx.now - dt.timedelta(seconds=rng.randint(3600, 3 * 365 * 86400))
        # Partnerships first: the partner's relationship status follows from them.
        statuses = []
        if rng.random() < 0.40:
            statuses.append(weighted(rng, g["pipeline_weights"]))
            if rng.random() < 0.12:
                statuses.append(weighted(rng, g["pipeline_weights"]))
        staff = ctx.staff
        partner = Partner(
            name=name,
            partner_type=partner_type,
            sector=template["sector"],
            legal_status=template["legal_status"],
            legal_name=f"Commune {de(city['name'])}" if name.startswith("Mairie ") else "",
            street_address=f"{rng.randint(1, 120)}, {rng.choice(g['street_kinds'])} {rng.choice(g['street_names'])}",
            postal_code=city["postal_code"],
            city=city["name"],
            region=region,
            country="FR",
            website=f"https://{ascii_slug(name)[:60]}.example.org" if rng.random() < 0.6 else "",
            relationship_status=relationship_for(rng, set(statuses)),
            owner=staff[rng.randrange(len(staff))] if rng.random() < 0.75 else None,
            notes="Partenaire de démonstration généré automatiquement." if rng.random() < 0.1 else "",
        )
        plan = Plan(partner=partner, created_at=created_at)
        people = list(zip(rng.sample(self.first_names, 2), rng.sample(self.last_names, 2), strict=True))
        for position, (first, last) in enumerate(people):
            plan.contacts.append(
                Contact(
                    partner=partner,
                    first_name=first,
                    last_name=last,
                    role=rng.choice(g["roles"][partner_type]),
                    email=contact_email(first, last),
                    phone=fiction_phone(rng, region) if rng.random() < 0.6 else "",
                    preferred_language="en" if rng.random() < 0.05 else "fr",
                    is_signatory=position == 0 and rng.random() < 0.6,
                )
            )
        self.memberships(rng, plan)
        if statuses and rng.random() < 0.5:
            first, last = people[0]
            accepted = created_at + dt.timedelta(days=rng.randint(1, 120))
            plan.acceptance = PrincipleAcceptance(
                partner=partner, accepted_by_name=f"{first} {last}", accepted_at=min(accepted, ctx.now)
            )
        tags = [GENERATED_TAG, *rng.sample(g["thematic_tags"][partner_type], rng.randint(0, 2))]
        if rng.random() < 0.4:
            tags.append(str(Region(region).label))
        plan.tags = list(dict.fromkeys(tags))
        for status in statuses:
            plan.partnerships.append(self.partnership(rng, plan, status))
        return plan

    def memberships(self, rng: random.Random, plan: Plan) -> None:
        """WMFR memberships for about 30 %: a run of consecutive years, paid in their year."""
        today = self.ctx.today
        if rng.random() >= 0.30:
            return
        last_year = today.year - (0 if rng.random() < 0.5 else rng.randint(1, 4))
        for year in range(last_year - rng.randint(0, 3), last_year + 1):
            paid = dt.date(year, rng.randint(1, 12), rng.randint(1, 28))
            if year == today.year and (paid > today or rng.random() < 0.2):
                paid = None
            plan.memberships.append(
                Membership(
                    partner=plan.partner,
                    year=year,
                    amount=Decimal(rng.choice([100, 100, 100, 150, 200, 250, 500])),
                    paid_on=paid,
                )
            )

    def partnership(self, rng: random.Random, plan: Plan, status: str) -> PlannedPartnership:
        ctx, g, today = self.ctx, self.g, self.ctx.today
        partner = plan.partner
        theme = rng.choice(g["themes"])
        if partner.region in g["regional_language_regions"] and rng.random() < 0.2:
            theme = "langues régionales"
        start = end = None
        if status == PS.ACTIVE:
            start = today - dt.timedelta(days=rng.randint(20, 900))
            end = today + dt.timedelta(days=rng.randint(30, 500)) if rng.random() < 0.6 else None
        elif status == PS.COMPLETED:
            start = today - dt.timedelta(days=rng.randint(200, 3000))
            end = min(start + dt.timedelta(days=rng.randint(60, 720)), today - dt.timedelta(days=rng.randint(1, 90)))
            end = max(end, start)
        elif status == PS.DRAFTING:
            start = today + dt.timedelta(days=rng.randint(15, 150)) if rng.random() < 0.7 else None
        elif status == PS.ABANDONED and rng.random() < 0.5:
            start = today - dt.timedelta(days=rng.randint(100, 1500))
        fmt = {
            "partner": partner.name,
            "de_partner": de_article(partner.name),
            "city": partner.city,
            "de_city": de(partner.city),
            "theme": theme,
            "theme_cap": theme[0].upper() + theme[1:],
            "year": (start or today).year,
        }
        kinds = g["kind_for_type"].get(partner.partner_type, [PartnershipKind.AGREEMENT])
        staff = ctx.staff
        planned = PlannedPartnership(
            partnership=Partnership(
                title=rng.choice(g["partnership_titles"]).format(**fmt)[:200],
                goal=rng.choice(g["goals"][partner.partner_type]).format(**fmt),
                kind=rng.choice(kinds),
                status=status,
                start_date=start,
                end_date=end,
                is_pilot=rng.random() < 0.2,
                lead=staff[rng.randrange(len(staff))] if rng.random() < 0.85 else None,
            )
        )
        sub_choices = [tuple(s) for s in g["type_sub_priorities"][partner.partner_type]]
        planned.subs = sub_choices[:1]
        if rng.random() < 0.5:
            planned.subs.append(rng.choice(sub_choices))
        if theme == "langues régionales":
            planned.subs.append((2, 4))
        elif rng.random() < 0.15:
            planned.subs.append(rng.choice([(6, 1), (6, 2), (4, 2), (2, 3)]))
        planned.activities = self.activities(rng, planned, partner.partner_type, fmt)
        # Some active or drafting partnerships are shared with another active partner.
        if rng.random() < 0.1 and status in (PS.ACTIVE, PS.DRAFTING) and self.last_active is not None:
            planned.other_partners.append(self.last_active)
        return planned

    def activities(self, rng: random.Random, planned: PlannedPartnership, partner_type: str, fmt: dict) -> list:
        """Actions of types open to the partner's type, inside the partnership's dates."""
        today = self.ctx.today
        partnership = planned.partnership
        start, end, status = partnership.start_date, partnership.end_date, partnership.status
        if status in (PS.ACTIVE, PS.COMPLETED):
            count = rng.randint(1, 3)
        elif status in (PS.DRAFTING, PS.ABANDONED):
            count = rng.randint(0, 1)
        else:
            count = 0
        eligible = self.ctx.reference["types_for"][partner_type]
        activities = []
        for _ in range(count if eligible else 0):
            activity_type = rng.choice(eligible)
            if status == PS.COMPLETED:
                a_start = start + dt.timedelta(days=rng.randint(0, max((end - start).days - 30, 0)))
            elif status == PS.ACTIVE:
                a_start = start + dt.timedelta(days=rng.randint(0, (today - start).days + 120))
            elif status == PS.DRAFTING:  # after today, when it has no start yet
                a_start = max(start or today, today) + dt.timedelta(days=rng.randint(1, 90))
            else:
                a_start = (start or today) + dt.timedelta(days=rng.randint(0, 90))
            months = rng.randint(activity_type.min_months, activity_type.max_months)
            a_start, a_end = activity_dates(activity_type, a_start, months, end)
            if status == PS.ABANDONED:
                a_status = ActivityStatus.CANCELLED
            elif status == PS.DRAFTING:
                a_status = ActivityStatus.PLANNED
            else:
                a_status = activity_status_for(a_start, a_end, today)
                if a_status == ActivityStatus.DONE and rng.random() < 0.05:
                    a_status = ActivityStatus.CANCELLED
            title = self.g["activity_titles"][activity_type.code].format(**{**fmt, "year": a_start.year})
            activity = Activity(
                activity_type=activity_type,
                title=title[:200],
                status=a_status,
                start_date=a_start,
                end_date=a_end,
                location="En ligne" if rng.random() < 0.1 else fmt["city"],
            )
            activities.append((activity, planned.subs[:1] if rng.random() < 0.6 else []))
        return activities


BATCH = 1000


def generated_ensure(ctx: BuildContext, writers: list) -> None:
    """Plan and write generated partners until there are ``ctx.scale`` of them.

    Idempotent: partners made by an earlier run carry the ``demo-generated`` tag and are
    counted; a second run with the same scale adds nothing.
    """
    marker, _ = Tag.objects.get_or_create(name=GENERATED_TAG)
    tagged = Partner.tags.through.objects.filter(tag=marker, content_type=ContentType.objects.get_for_model(Partner))
    generated_ids = set(tagged.values_list("object_id", flat=True))
    generated_keys, taken = set(), set()
    for pk, name, city in Partner.objects.values_list("pk", "name", "city").iterator(chunk_size=5000):
        (generated_keys if pk in generated_ids else taken).add((name.lower(), city.lower()))
    need = ctx.scale - len(generated_keys)
    if need <= 0:
        ctx.write(f"Generated partners: {len(generated_keys)} already there (wanted {ctx.scale}); none added.")
        return
    planner = Planner(ctx, taken)
    batch: list[Plan] = []
    index = 0
    while need > 0:
        plan = planner.plan(random.Random(ctx.seed * 1_000_003 + index))
        index += 1
        key = (plan.partner.name.lower(), plan.partner.city.lower())
        taken.add(key)
        if key in generated_keys:
            continue  # made by an earlier run
        if plan.partner.relationship_status == RS.ACTIVE:
            planner.last_active = plan.partner
        batch.append(plan)
        need -= 1
        if len(batch) == BATCH or need == 0:
            for write in writers:
                write(ctx, batch)
            batch = []
    t = ctx.totals
    ctx.write(
        f"Generated partners: {t.get('partners', 0)} created ({len(generated_keys)} already there), "
        f"{t.get('contacts', 0)} contacts, {t.get('memberships', 0)} memberships, "
        f"{t.get('partnerships', 0)} partnerships, {t.get('activities', 0)} activities."
    )
