"""The staff deadlines page's lists by pages (core.deadlines.DeadlineList, "Paged sources"):
what a page shows is what the full read, sorted then sliced, shows; each paged source reads
only its first rows, in the lists' order, and counts up to a cap; the filters stay exact.

The data is real (the demo factories and the services), frozen on 10 December 2027 at 08:00
in Paris, with ties on purpose: on 31 December five memberships end, with an agreement, three
actions and two questionnaires; three actions start the same day; an agreement's signature
and an evaluation fall due the same day. The reference
is the unlimited path (``upcoming_deadlines`` / ``overdue_deadlines``), which reads everything
and filters the owner and the region in Python."""

from __future__ import annotations

import datetime
import re
from dataclasses import replace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_scopes import scopes_disabled

from activities.models import Activity, ActivityType
from activities.services import activity_create
from agreements.models import Agreement
from agreements.services import ActionSpec, agreement_draft
from core.deadlines import (
    OVERDUE_LOOKBACK,
    DeadlineQuery,
    deadline_kinds,
    overdue_and_upcoming_lists,
    overdue_deadline_list,
    overdue_deadlines,
    upcoming_deadline_list,
    upcoming_deadlines,
)
from core.pagination import page_of
from evaluations.questionnaire_services import questionnaire_create, questionnaire_templates_load
from evaluations.services import evaluation_create, grid_load
from tests.factories import MembershipFactory, PartnerFactory, PartnershipFactory, StaffFactory
from tests.frozen import at

TODAY = datetime.date(2027, 12, 10)
END = TODAY + datetime.timedelta(days=90)
DAY = datetime.timedelta(days=1)
#: The kinds whose source pages in SQL (they declare ``count``).
PAGED = {k.key for k in deadline_kinds() if k.count is not None}


@pytest.fixture
def world(db, catalogue):
    """Partners in three regions, two staff leads; the deadlines of every paged kind, at least
    three of each over the past year and the next 90 days."""
    with at(TODAY), scopes_disabled():
        grid_load()
        lea, marc = StaffFactory(username="lea"), StaffFactory(username="marc")
        regions = ["ARA", "BRE", "OCC", "BRE", "ARA", "OCC", "BRE", "ARA"]
        owners = [lea, marc, None, lea, marc, lea, None, marc]
        a, b, c, d, e, f, g, h = (
            PartnerFactory(name=f"Partenaire {n}", region=r, owner=o)
            for n, r, o in zip("ABCDEFGH", regions, owners, strict=True)
        )
        # Memberships: five of 2027 end on 31 December (ties); three of 2026 were not renewed.
        for partner in (a, b, c, d, e):
            MembershipFactory(partner=partner, year=2027)
        for partner in (a, f, g, h):
            MembershipFactory(partner=partner, year=2026)  # A renewed it: not overdue
        # Partnerships with one or two partners (the first by pk gives an action its region).
        ab = PartnershipFactory(partners=[a, b], lead=lea, title="AB")
        cg = PartnershipFactory(partners=[c, g], lead=marc, title="CG")
        de = PartnershipFactory(partners=[d, e], lead=None, title="DE")
        edit = ActivityType.objects.get(code="edit-a-thon")

        def action(partnership, title, start, end, region="", status=None):
            made = activity_create(
                partnership=partnership,
                activity_type=edit,
                title=title,
                start_date=TODAY + start * DAY,
                end_date=TODAY + end * DAY,
                region=region,
                by=None,
            )
            if status:
                Activity.objects.filter(pk=made.pk).update(status=status)
            return made

        dec31 = (datetime.date(2027, 12, 31) - TODAY).days
        act1 = action(ab, "Atelier 1", 5, 21)
        act2 = action(cg, "Atelier 2", 5, 21, region="OCC")
        act3 = action(de, "Atelier 3", 21, dec31)
        action(de, "Atelier 4", 5, 40, status="in_preparation")
        action(ab, "Atelier 5", 6, 7, status="done")  # carried out: no start nor end to remind
        action(cg, "Atelier 6", 60, 61, region="BRE", status="cancelled")
        ended = [
            action(ab, "Passé 1", -60, -40, status="done"),
            action(cg, "Passé 2", -60, -40, status="done"),
            action(de, "Passé 3", -20, -5, status="done"),
            action(ab, "Passé 4", -80, -60, status="done"),
            action(cg, "Passé 5", -50, -40, status="cancelled"),  # cancelled: no evaluation due
        ]
        # Passé 2 is evaluated: no evaluation due; its open evaluation's sides fall due.
        evaluation_create(partnership=cg, activity=ended[1])
        # Agreements of A: in force, ending; awaiting a signature (sent 40 and 5 days ago).
        for title, update in (
            ("Fin 1", {"status": "active", "end_date": TODAY + 21 * DAY}),
            ("Fin 2", {"status": "signed", "end_date": TODAY + 30 * DAY}),
            ("Fin 3", {"status": "active", "end_date": TODAY - 30 * DAY}),  # not pending: not overdue
            ("Fin 4", {"status": "active", "end_date": TODAY + 30 * DAY}),
            ("Signature 1", {"status": "sent", "sent_on": TODAY - 40 * DAY}),
            ("Signature 2", {"status": "sent", "sent_on": TODAY - 5 * DAY}),
            ("Signature 3", {"status": "sent", "sent_on": TODAY - 5 * DAY}),
            ("Brouillon", {}),
        ):
            made = agreement_draft(
                partnership=ab, partner=a, kind="partnership_agreement", language="fr", by=lea,
                actions=[ActionSpec(activity_type=edit)],
            )  # fmt: skip
            Agreement.objects.filter(pk=made.pk).update(title=title, start_date=TODAY - 300 * DAY, **update)
        template = questionnaire_templates_load()[0]
        for activity, closes in ((act1, 21), (act2, 21), (act3, 30)):
            questionnaire_create(activity=activity, template=template, opens_on=TODAY, closes_on=TODAY + closes * DAY)
    return {"lea": lea, "marc": marc, "a": a, "b": b, "c": c, "g": g}


def _filters(world) -> list[dict]:
    w = world
    return [
        {},
        {"owner": w["lea"]},
        {"owner": w["marc"].pk},
        {"region": "ARA"},
        {"region": "BRE"},
        {"region": "OCC"},
        {"partner": w["b"]},  # the second partner of AB: its actions are B's, in B's region
        {"partner": w["b"], "region": "BRE"},
        {"partner": w["b"], "region": "ARA"},
        {"partner": w["g"], "region": "BRE"},
        {"partner": w["a"], "owner": w["lea"]},
        {"owner": w["lea"], "region": "BRE"},
        {"kinds": ["membership_renewal"]},
        {"kinds": ["activity_end"], "region": "ARA"},
        {"kinds": ["evaluation_staff_side"]},  # a kind read whole
    ]


def _keys(occurrences) -> list[str]:
    return [o.key for o in occurrences]


def _references(f):
    return (
        overdue_deadlines(TODAY, **f),
        upcoming_deadlines(TODAY, END, today=TODAY, **f),
    )


def test_the_world_has_ties_and_every_paged_kind(world):
    with at(TODAY), scopes_disabled():
        overdue, upcoming = _references({})
    found = {o.kind for o in overdue + upcoming}
    assert found >= PAGED
    assert found >= {"evaluation_staff_side", "evaluation_partner_side"}  # kinds read whole
    dates = [o.date for o in upcoming]
    # 31 December: five memberships, an agreement, an action starting, three ending, two
    # questionnaires closing (21 days from today).
    assert dates.count(datetime.date(2027, 12, 31)) == 12
    assert len(overdue) >= 6 and len(upcoming) >= 20


@pytest.mark.parametrize("size", [1, 2, 3, 7])
def test_every_page_is_the_full_sort_sliced_whatever_the_filter(world, size):
    with at(TODAY), scopes_disabled():
        for f in _filters(world):
            ref_overdue, ref_upcoming = _references(f)
            lists = {
                "alone": (overdue_deadline_list(TODAY, **f), upcoming_deadline_list(TODAY, END, today=TODAY, **f)),
                "together": overdue_and_upcoming_lists(TODAY, TODAY, END, **f),
            }
            for how, pair in lists.items():
                for listed, ref in zip(pair, (ref_overdue, ref_upcoming), strict=True):
                    assert len(listed) == len(ref) and not listed.capped, (how, f)
                    pages = page_of(listed, 1, size).paginator.num_pages
                    shown = []
                    for number in range(1, pages + 1):
                        page = page_of(listed, number, size)
                        assert _keys(page.object_list) == _keys(ref[(number - 1) * size : number * size]), (how, f)
                        shown += page.object_list
                    assert _keys(shown) == _keys(ref), (how, f)


def test_any_slice_even_past_one_kinds_end(world):
    """Offsets past the end of a kind's rows (an agreement's two, a questionnaire's three) and
    past the list's end."""
    with at(TODAY), scopes_disabled():
        for f in ({}, {"region": "ARA"}, {"owner": world["lea"]}):
            ref = upcoming_deadline_list(TODAY, END, today=TODAY, **f)
            full = _keys(upcoming_deadlines(TODAY, END, today=TODAY, **f))
            for start, stop in ((0, 1), (2, 5), (4, 9), (9, 13), (len(full) - 2, len(full) + 5), (40, 50)):
                assert _keys(ref[start:stop]) == full[start:stop], (f, start, stop)
            assert ref[0].key == full[0] and ref[-1].key == full[-1]


def test_past_the_cap_a_list_counts_up_to_it_and_pages_up_to_it(world):
    with at(TODAY), scopes_disabled():
        full = upcoming_deadlines(TODAY, END, today=TODAY)
        listed = upcoming_deadline_list(TODAY, END, today=TODAY, up_to=7)
        assert len(full) > 7
        assert listed.capped and len(listed) == 7
        # No kind is counted past the cap + 1, whatever it holds (five memberships are due).
        assert max(listed.counts().values()) <= 8
        assert _keys(listed[0:7]) == _keys(full[:7])
        assert page_of(listed, 1, 3).paginator.num_pages == 3  # 3 + 3 + 1, not the whole list
        assert _keys(page_of(listed, 99, 3).object_list) == _keys(full[6:7])
        exact = upcoming_deadline_list(TODAY, END, today=TODAY, up_to=len(full))
        assert not exact.capped and len(exact) == len(full)


def _queries(world, kind_key: str):
    """The kind's ranges: the past year (if it can be overdue) and the next 90 days."""
    kind = next(k for k in deadline_kinds() if k.key == kind_key)
    ranges = [(TODAY, END)] + ([(TODAY - OVERDUE_LOOKBACK, TODAY - DAY)] if kind.overdue else [])
    return kind, ranges


@pytest.mark.parametrize("kind_key", sorted(PAGED))
def test_a_paged_source_reads_its_first_rows_in_order_and_counts_up_to_a_cap(world, kind_key):
    """The source contract (core.deadlines, "Paged sources"), kind by kind: asked for its first
    n, it returns exactly the reference's first n of that kind (so ONE row per object even when
    the partners' join gives several), and its count stops at n; with each filter in SQL."""
    kind, ranges = _queries(world, kind_key)
    with at(TODAY), scopes_disabled():
        seen = 0
        for start, end in ranges:
            for f in _filters(world):
                if "kinds" in f:
                    continue
                partner, owner = f.get("partner"), f.get("owner")
                query = DeadlineQuery(
                    start=start,
                    end=end,
                    today=TODAY,
                    partner_id=getattr(partner, "pk", partner),
                    owner_id=getattr(owner, "pk", owner),
                    region=f.get("region", ""),
                )
                ref = upcoming_deadlines(start, end, today=TODAY, kinds=[kind_key], **f)
                seen = max(seen, len(ref))
                for n in range(1, len(ref) + 2):
                    limited = replace(query, limit=n)
                    raw = list(kind.occurrences(limited))
                    assert len(raw) == min(n, len(ref)), (f, n)  # its LIMIT: only those rows
                    assert _keys(sorted(raw, key=lambda o: (o.date, o.pk))) == _keys(ref[:n]), (f, n)
                    assert kind.count(limited) == min(n, len(ref)), (f, n)  # a capped count
                assert kind.count(query) == len(ref), f
        assert seen >= 2  # the LIMIT cut something


@pytest.mark.parametrize("kind_key", sorted(PAGED))
def test_a_paged_sources_limit_orders_by_its_date_then_its_pk(world, kind_key):
    """Ties on the same date are cut by the pk, as the lists sort them (core.deadlines
    ``_sort_key``): the query that takes the LIMIT orders by the date column, then the pk."""
    kind, ranges = _queries(world, kind_key)
    with at(TODAY), scopes_disabled():
        for start, end in ranges:
            query = DeadlineQuery(start=start, end=end, today=TODAY, limit=2)
            for read in (kind.occurrences, kind.count):
                with CaptureQueriesContext(connection) as ctx:
                    list(read(query)) if read is kind.occurrences else read(query)
                limited = [q["sql"] for q in ctx.captured_queries if re.search(r"LIMIT 2\b", q["sql"])]
                assert len(limited) == 1, [q["sql"] for q in ctx.captured_queries]
                order = re.search(r"ORDER BY ([^()]*?) LIMIT 2\b", limited[0])
                assert order, limited[0]
                last = order.group(1).split(",")[-1].strip()
                # The pk: by name, or by its position when it is the first column selected.
                assert re.fullmatch(r'(\S+\."id"|1) ASC', last), order.group(1)
