"""The deadline registry (core/deadlines.py): ranges, reminder days, overdue, recipients.

Sources here are plain functions over a list of dates, so the rules of the registry are
tested apart from any app; each app's kinds have their own tests with real rows."""

import datetime

import pytest
from django.db.models import Q

from core import deadlines
from core.deadlines import (
    DeadlineKind,
    DeadlineQuery,
    Occurrence,
    Recipient,
    deadline_kind_register,
    due_on,
    overdue_and_upcoming,
    overdue_and_upcoming_lists,
    overdue_deadlines,
    recipients_for,
    upcoming_deadline_list,
    upcoming_deadlines,
)

D = datetime.date
TODAY = D(2027, 1, 10)


def _source(kind, rows):
    """rows: (pk, date, partner_id, owner_id); mimics a source: honours range, dates and partner."""

    def occurrences(query: DeadlineQuery):
        for pk, date, partner_id, owner_id in rows:
            if query.partner_id is not None and partner_id != query.partner_id:
                continue
            if query.dates is not None and date not in query.dates:
                continue
            if query.start <= date <= query.end:
                yield Occurrence(
                    kind=kind, model="x.y", pk=pk, date=date, subject=f"#{pk}", partner_id=partner_id, owner_id=owner_id
                )

    return occurrences


@pytest.fixture
def kinds(monkeypatch):
    monkeypatch.setattr(deadlines, "_kinds", {})
    monkeypatch.setattr(deadlines, "_roles", dict(deadlines._roles))
    rows = [
        (1, TODAY + datetime.timedelta(days=60), 1, 7),
        (2, TODAY + datetime.timedelta(days=30), 2, 8),
        (3, TODAY + datetime.timedelta(days=29), 1, 7),
        (4, TODAY + datetime.timedelta(days=7), 1, None),
        (5, TODAY - datetime.timedelta(days=1), 2, 8),
    ]
    deadline_kind_register(
        DeadlineKind(
            key="ends",
            app="x",
            label="Ends",
            sentence="%(subject)s ends.",
            portal_sentence="%(subject)s ends (portal).",
            occurrences=_source("ends", rows),
            recipients=(deadlines.STAFF_LEAD, deadlines.PARTNER_ADMINS),
            offsets=(60, 30, 7),
            order=2,
        )
    )
    deadline_kind_register(
        DeadlineKind(
            key="report",
            app="x",
            label="Report",
            sentence="%(subject)s: report due.",
            occurrences=_source("report", [(9, TODAY - datetime.timedelta(days=7), 1, 7), (10, TODAY, 1, 7)]),
            recipients=(deadlines.STAFF_LEAD,),
            offsets=(0,),
            overdue=(1, 7),
            order=1,
        )
    )


def test_due_on_gives_each_offset_and_each_overdue_day_and_nothing_else(kinds):
    due = {(d.occurrence.kind, d.occurrence.pk): d.offset for d in due_on(TODAY)}
    # 60, 30 and 7 days before; not 29 days before; not the day after (that kind is not pending).
    assert due == {("ends", 1): 60, ("ends", 2): 30, ("ends", 4): 7, ("report", 9): -7, ("report", 10): 0}
    # The next day: the report due today is one day overdue; #3 is then 28 days ahead (no reminder).
    assert [(d.occurrence.pk, d.offset, d.overdue) for d in due_on(TODAY + datetime.timedelta(days=1))] == [
        (10, -1, True)
    ]
    # #3 is 30 days ahead the day before.
    assert [(d.occurrence.pk, d.offset) for d in due_on(TODAY - datetime.timedelta(days=1))] == [(3, 30)]


def test_due_on_asks_each_source_only_for_its_reminder_days(kinds, monkeypatch):
    asked = []
    kind = deadlines._kinds["ends"]
    monkeypatch.setitem(
        deadlines._kinds, "ends", DeadlineKind(**{**kind.__dict__, "occurrences": lambda q: asked.append(q) or []})
    )
    due_on(TODAY, kinds=["ends"])
    [query] = asked
    assert query.dates == {TODAY + datetime.timedelta(days=n) for n in (60, 30, 7)}
    assert (query.start, query.end) == (TODAY + datetime.timedelta(days=7), TODAY + datetime.timedelta(days=60))


def test_upcoming_is_sorted_by_date_then_kind_and_filters(kinds):
    found = upcoming_deadlines(TODAY, TODAY + datetime.timedelta(days=90), today=TODAY)
    assert [(o.kind, o.pk) for o in found] == [("report", 10), ("ends", 4), ("ends", 3), ("ends", 2), ("ends", 1)]
    assert [o.pk for o in upcoming_deadlines(TODAY, TODAY + datetime.timedelta(days=90), partner=2)] == [2]
    assert [o.pk for o in upcoming_deadlines(TODAY, TODAY + datetime.timedelta(days=90), owner=7)] == [10, 3, 1]
    assert [o.pk for o in upcoming_deadlines(TODAY, TODAY + datetime.timedelta(days=90), kinds=["report"])] == [10]
    # Only "ends" goes to a partner role: the portal sees it, not the report.
    assert {o.kind for o in upcoming_deadlines(TODAY, TODAY + datetime.timedelta(days=90), portal=True)} == {"ends"}
    assert found[1].text == "#4 ends." and found[1].portal_text == "#4 ends (portal)."
    assert found[0].key == f"report:x.y:10:{TODAY.isoformat()}"


def test_overdue_lists_only_pending_kinds(kinds):
    # "ends" #5 is past too, but "ends" declares no overdue reminder: it is not pending.
    assert [(o.kind, o.pk) for o in overdue_deadlines(TODAY)] == [("report", 9)]
    assert overdue_deadlines(TODAY, portal=True) == []


def test_overdue_and_upcoming_give_the_two_lists_with_one_call_of_each_source(kinds, monkeypatch):
    end = TODAY + datetime.timedelta(days=90)
    for filters in ({}, {"partner": 2}, {"owner": 7}, {"portal": True}, {"kinds": ["report"]}):
        assert overdue_and_upcoming(TODAY, end, **filters) == (
            overdue_deadlines(TODAY, **filters),
            upcoming_deadlines(TODAY, end, today=TODAY, **filters),
        ), filters
    asked = []
    for key in ("ends", "report"):
        kind = deadlines._kinds[key]
        source = kind.occurrences
        monkeypatch.setitem(
            deadlines._kinds,
            key,
            DeadlineKind(**{**kind.__dict__, "occurrences": lambda q, s=source: asked.append(q) or s(q)}),
        )
    overdue, upcoming = overdue_and_upcoming(TODAY, end)
    assert [o.pk for o in overdue] == [9] and [o.pk for o in upcoming] == [10, 4, 3, 2, 1]
    # One call per kind: the pending kind over the year before to the end, the other from today.
    assert sorted((q.start, q.end) for q in asked) == [(TODAY - deadlines.OVERDUE_LOOKBACK, end), (TODAY, end)]


def test_query_filters_shift_the_dates_and_read_datetimes_in_paris_time():
    q = DeadlineQuery(start=D(2027, 2, 1), end=D(2027, 2, 3), today=TODAY)
    assert q.on("end_date", shift=30) == Q(end_date__range=(D(2027, 1, 2), D(2027, 1, 4)))
    q = DeadlineQuery(start=D(2027, 2, 1), end=D(2027, 2, 3), today=TODAY, dates=frozenset({D(2027, 2, 3)}))
    assert q.on("end_date") == Q(end_date__in=[D(2027, 2, 3)])
    spans = q.on_datetime("sent_at").children[-1]
    assert dict(spans.children)["sent_at__gte"].isoformat() == "2027-02-03T00:00:00+01:00"
    assert dict(spans.children)["sent_at__lt"].isoformat() == "2027-02-04T00:00:00+01:00"
    assert q.partner() == Q() and DeadlineQuery(start=TODAY, end=TODAY, today=TODAY, partner_id=3).partner() == Q(
        partner=3
    )


def test_a_kind_cannot_be_declared_twice_differently_nor_with_negative_offsets(kinds):
    kind = deadlines._kinds["ends"]
    deadline_kind_register(kind)  # the same declaration again (a second ready()) is fine
    with pytest.raises(ValueError, match="already registered"):
        deadline_kind_register(DeadlineKind(**{**kind.__dict__, "offsets": (1,)}))
    with pytest.raises(ValueError, match="not negative"):
        deadline_kind_register(DeadlineKind(**{**kind.__dict__, "key": "neg", "offsets": (-1,)}))


def test_recipients_are_resolved_per_role_and_deduplicated(kinds, monkeypatch):
    calls = []

    def resolver(name):
        def resolve(occurrences):
            calls.append((name, len(occurrences)))
            return {o.key: [Recipient(key="user:1", email="a@example.org", language="fr")] for o in occurrences}

        return resolve

    deadlines.recipient_role_register(deadlines.STAFF_LEAD, resolver("lead"))
    deadlines.recipient_role_register(deadlines.PARTNER_ADMINS, resolver("admins"))
    found = upcoming_deadlines(TODAY, TODAY + datetime.timedelta(days=90))
    result = recipients_for(found)
    assert all([r.key for r in rs] == ["user:1"] for rs in result.values())
    # One call per role for all occurrences (the resolver does a fixed number of queries).
    assert sorted(calls) == [("admins", 4), ("lead", 5)]


def test_the_apps_declare_their_kinds_and_every_role_has_a_resolver():
    keys = {k.key for k in deadlines.deadline_kinds()}
    assert {"agreement_end", "agreement_signature", "grant_submission", "grant_final_report"} <= keys
    roles = {role for k in deadlines.deadline_kinds() for role in k.recipients}
    assert roles <= set(deadlines.recipient_roles())
    assert set(deadlines.recipient_roles()) >= {
        deadlines.STAFF_LEAD,
        deadlines.PROGRAMME_OFFICER,
        deadlines.PARTNER_ADMINS,
        deadlines.PARTNER_CONTACTS,
    }


# --- Lists by pages (DeadlineList): a paged source and one read whole, merged -------------


def _paged_source(kind, rows, asked):
    """A paged source: honours the range, partner, owner and limit (its first n by date, pk);
    records each query."""
    plain = _source(kind, rows)

    def first(query: DeadlineQuery):
        found = sorted(
            (o for o in plain(query) if query.owner_id is None or o.owner_id == query.owner_id),
            key=lambda o: (o.date, o.pk),
        )
        return found[: query.limit] if query.limit is not None else found

    def occurrences(query: DeadlineQuery):
        asked.append(("rows", query))
        return first(query)

    def count(query: DeadlineQuery):
        asked.append(("count", query))
        return len(first(query))

    return occurrences, count


@pytest.fixture
def paged_kinds(kinds, monkeypatch):
    """ "ends" made paged (with many ties on one date); "report" stays read whole, and its source
    returns its rows unsorted, ignoring the limit."""
    asked: list[tuple[str, DeadlineQuery]] = []
    tie = TODAY + datetime.timedelta(days=10)
    rows = [(pk, tie if pk % 2 else TODAY + datetime.timedelta(days=pk), 1 + pk % 2, 7 + pk % 2) for pk in range(1, 13)]
    occurrences, count = _paged_source("ends", rows, asked)
    ends = deadlines._kinds["ends"]
    monkeypatch.setitem(
        deadlines._kinds,
        "ends",
        DeadlineKind(**{**ends.__dict__, "occurrences": occurrences, "count": count, "overdue": (1,)}),
    )
    report_rows = [(pk, TODAY + datetime.timedelta(days=pk % 5 * 3 - 4), 1, 9) for pk in (30, 21, 25, 22, 28, 24)]
    report = deadlines._kinds["report"]
    plain = _source("report", report_rows)
    monkeypatch.setitem(
        deadlines._kinds,
        "report",
        DeadlineKind(**{**report.__dict__, "occurrences": lambda q: asked.append(("whole", q)) or list(plain(q))}),
    )
    return asked


def test_a_list_by_pages_is_the_full_list_sliced(paged_kinds):
    end = TODAY + datetime.timedelta(days=90)
    for filters in ({}, {"partner": 2}, {"owner": 7}, {"kinds": ["report"]}):
        full = upcoming_deadlines(TODAY, end, today=TODAY, **filters)
        listed = upcoming_deadline_list(TODAY, end, today=TODAY, **filters)
        assert len(listed) == len(full) > 0
        for start, stop in ((0, 3), (3, 6), (5, 9), (8, 40), (0, len(full))):
            assert listed[start:stop] == full[start:stop], (filters, start, stop)
        assert listed[-1] == full[-1]


def test_a_paged_kind_is_asked_for_the_slices_end_and_counted_up_to_the_cap(paged_kinds):
    end = TODAY + datetime.timedelta(days=90)
    listed = upcoming_deadline_list(TODAY, end, today=TODAY, up_to=5)
    assert len(listed) == 5 and listed.capped
    # "report" (read whole) counted by that read, "ends" counted up to 6 (the cap + 1).
    assert [(what, q.limit) for what, q in paged_kinds] == [("whole", None), ("count", 6)]
    full = upcoming_deadlines(TODAY, end, today=TODAY)
    paged_kinds.clear()
    assert listed[2:4] == full[2:4]
    # Only its first 4 asked of the paged kind; the kind read whole is not read again.
    assert [(what, q.limit) for what, q in paged_kinds] == [("rows", 4)]


def test_a_paged_kind_that_counted_none_is_not_read(paged_kinds):
    end = TODAY + datetime.timedelta(days=90)
    listed = upcoming_deadline_list(TODAY, end, today=TODAY, owner=9)  # the reports' only
    assert listed[0:10] == upcoming_deadlines(TODAY, end, today=TODAY, owner=9) != []
    assert [what for what, _q in paged_kinds if _q.owner_id == 9] == ["whole", "count"]


def test_both_lists_read_a_kind_read_whole_once(paged_kinds):
    end, later = TODAY + datetime.timedelta(days=90), TODAY + datetime.timedelta(days=5)
    ref_overdue = overdue_deadlines(TODAY)
    ref_upcoming, ref_later = upcoming_deadlines(TODAY, end, today=TODAY), upcoming_deadlines(later, end, today=TODAY)
    assert ref_overdue and ref_upcoming and ref_later
    paged_kinds.clear()
    overdue, upcoming = overdue_and_upcoming_lists(TODAY, TODAY, end)
    assert overdue[0:50] == ref_overdue and upcoming[0:50] == ref_upcoming
    wholes = [(q.start, q.end) for what, q in paged_kinds if what == "whole"]
    assert wholes == [(TODAY - deadlines.OVERDUE_LOOKBACK, end)]  # once, over both ranges
    # A period that does not meet the overdue one: each list reads its own range.
    paged_kinds.clear()
    overdue, upcoming = overdue_and_upcoming_lists(TODAY, later, end)
    assert overdue[0:50] == ref_overdue and upcoming[0:50] == ref_later
    assert [(q.start, q.end) for what, q in paged_kinds if what == "whole"] == [
        (TODAY - deadlines.OVERDUE_LOOKBACK, TODAY - datetime.timedelta(days=1)),
        (later, end),
    ]
