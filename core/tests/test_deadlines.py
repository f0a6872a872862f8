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
    overdue_deadlines,
    recipients_for,
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
