"""The demo data tells a true story: a table of rules checked over what is in the database.

Each rule says what must hold for one kind of row (a partnership's dates agree with its
pipeline status, an action sits inside its partnership, an agreement's status agrees
with its dates and with its partnership's status, a partner's relationship follows from
its partnerships...). ``story_check`` reads the rows once (a handful of queries, no
per-row query) and returns which rows break which rule:

    "52,345 rows checked against 19 rules, 0 broken"

``seed_demo`` prints it after every run; ``demo/tests/test_story.py`` asserts it over
``--scale 500``. A wing that adds demo data adds its rules here.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q
from django.utils import timezone
from django_scopes import scopes_disabled

from activities.models import Activity, ActivityStatus
from agreements.models import Agreement
from core.models import AuditEntry
from evaluations.questionnaire_models import Questionnaire
from partnerships.models import (
    Membership,
    Partner,
    Partnership,
    PipelineStatus,
    PrincipleAcceptance,
    RelationshipStatus,
)

PS, AS, RS = PipelineStatus, ActivityStatus, RelationshipStatus
CURRENT = {PS.ACTIVE, PS.DRAFTING}  # partnerships that make a partner "active"
NOT_STARTED = {PS.IDENTIFIED, PS.IN_DISCUSSION, PS.DRAFTING}


@dataclass(frozen=True)
class Rule:
    code: str
    subject: str  # the kind of row it reads
    text: str  # what must hold, in plain words
    holds: Callable[[dict, dt.date, dt.datetime], bool]


@dataclass
class Report:
    rules: list[Rule]
    rows: int = 0
    broken: list[tuple[Rule, dict]] = field(default_factory=list)

    def summary(self) -> str:
        return f"{self.rows:,} rows checked against {len(self.rules)} rules, {len(self.broken)} broken"

    def details(self, limit: int = 20) -> list[str]:
        return [f"{rule.code} {rule.text}: {row}" for rule, row in self.broken[:limit]]


# Rules the database already enforces (an end after the start, a fee of at least 100 €)
# are its constraints, not repeated here.


def _before(a: dt.date | None, b: dt.date | None) -> bool:
    """a ≤ b, or one of them is unknown."""
    return a is None or b is None or a <= b


# --- partnerships -------------------------------------------------------------------------


def _partnership_dates(p: dict, today: dt.date, now: dt.datetime) -> bool:
    start, end, status = p["start_date"], p["end_date"], p["status"]
    if status == PS.ACTIVE:
        return start is not None and start <= today and (end is None or end >= today)
    if status == PS.COMPLETED:
        return start is not None and end is not None and end < today
    if status in NOT_STARTED:
        return start is None or start > today
    return True  # abandoned: at any time


# --- actions --------------------------------------------------------------------------


def _activity_dates(a: dict, today: dt.date, now: dt.datetime) -> bool:
    start, end, status = a["start_date"], a["end_date"], a["status"]
    if status == AS.DONE:
        return end is not None and end < today
    if status == AS.IN_PREPARATION:
        return start is not None and start <= today and (end is None or end >= today)
    if status == AS.PLANNED:
        return start is None or start > today
    return True  # cancelled: a decision, at any time


def _activity_follows_partnership(a: dict, today: dt.date, now: dt.datetime) -> bool:
    allowed = {
        PS.IDENTIFIED: {AS.PLANNED, AS.CANCELLED},
        PS.IN_DISCUSSION: {AS.PLANNED, AS.CANCELLED},
        PS.DRAFTING: {AS.PLANNED, AS.CANCELLED},
        PS.ACTIVE: set(AS.values),
        PS.COMPLETED: {AS.DONE, AS.CANCELLED},
        PS.ABANDONED: {AS.CANCELLED, AS.DONE},
    }
    return a["status"] in allowed[a["partnership__status"]]


def _activity_inside_partnership(a: dict, today: dt.date, now: dt.datetime) -> bool:
    return _before(a["partnership__start_date"], a["start_date"]) and _before(a["end_date"], a["partnership__end_date"])


# --- partners -------------------------------------------------------------------------


def _relationship(p: dict, today: dt.date, now: dt.datetime) -> bool:
    statuses, status = p["statuses"], p["relationship_status"]
    current = bool(statuses & CURRENT)
    if status == RS.ACTIVE:
        return current
    if status == RS.FORMER:
        return not current and PS.COMPLETED in statuses
    if status == RS.PROSPECT:
        return not statuses & {PS.ACTIVE, PS.DRAFTING, PS.COMPLETED}
    return not current  # in discussion, declined


def _membership_paid(m: dict, today: dt.date, now: dt.datetime) -> bool:
    paid = m["paid_on"]
    return m["year"] <= today.year and (paid is None or (paid <= today and paid.year in (m["year"] - 1, m["year"])))


def _principles(a: dict, today: dt.date, now: dt.datetime) -> bool:
    return a["partner__created_at"] <= a["accepted_at"] <= now


PARTNERSHIP_RULES: list[Rule] = [
    Rule(
        "P1",
        "partnership",
        "an active partnership has started and not ended, a completed one has ended, one not yet active starts later",
        _partnership_dates,
    ),
    Rule("A1", "activity", "an action's status agrees with its dates (done: ended; planned: to come)", _activity_dates),
    Rule(
        "A2",
        "activity",
        "an action agrees with its partnership (none done before it is active, none open after it is completed)",
        _activity_follows_partnership,
    ),
    Rule("A3", "activity", "an action lies within its partnership's dates", _activity_inside_partnership),
    Rule(
        "R1",
        "partner",
        "a partner is active exactly when one of its partnerships is active or being drafted; a former "
        "partner had a completed one; a prospect has none under way or done",
        _relationship,
    ),
    Rule(
        "M1",
        "membership",
        "a membership is paid in its year (or the year before), never in the future",
        _membership_paid,
    ),
    Rule(
        "T1",
        "principle acceptance",
        "the guiding principles are accepted after the partner was added, never in the future",
        _principles,
    ),
]


# --- agreements ---------------------------------------------------------------------------

SIGNED_STATES = {"signed", "active", "ended", "terminated"}
SENT_STATES = {"sent"} | SIGNED_STATES


def _agreement_dates(a: dict, today: dt.date, now: dt.datetime) -> bool:
    status, start, end, signed = a["status"], a["start_date"], a["end_date"], a["signed_on"]
    if status in ("draft", "in_review", "sent"):
        return signed is None and (start is None or start > today)
    if signed is None or signed > today:
        return False
    if status == "signed":
        return start is None or start > today
    if status == "active":
        return start is not None and start <= today and (end is None or end >= today)
    if status == "ended":
        return end is not None and end < today
    return bool(a["termination_reason"])  # terminated


def _agreement_follows_partnership(a: dict, today: dt.date, now: dt.datetime) -> bool:
    allowed = {
        "draft": {PS.DRAFTING, PS.ACTIVE},
        "in_review": {PS.DRAFTING, PS.ACTIVE},
        "sent": {PS.DRAFTING, PS.ACTIVE},
        "signed": {PS.DRAFTING, PS.ACTIVE},
        "active": {PS.ACTIVE},
        "ended": {PS.ACTIVE, PS.COMPLETED},
        "terminated": {PS.ACTIVE, PS.COMPLETED, PS.ABANDONED},
    }
    return a["partnership__status"] in allowed[a["status"]]


def _agreement_inside_partnership(a: dict, today: dt.date, now: dt.datetime) -> bool:
    return _before(a["partnership__start_date"], a["start_date"]) and _before(a["end_date"], a["partnership__end_date"])


def _agreement_signed_before_start(a: dict, today: dt.date, now: dt.datetime) -> bool:
    return _before(a["signed_on"], a["start_date"])


def _agreement_party(a: dict, today: dt.date, now: dt.datetime) -> bool:
    return a["partner_is_party"]


def _agreement_drafted_before_signed(a: dict, today: dt.date, now: dt.datetime) -> bool:
    return a["signed_on"] is None or timezone.localdate(a["created_at"]) <= a["signed_on"]


def _history_in_time(e: dict, today: dt.date, now: dt.datetime) -> bool:
    recorded = e["recorded"]
    return e["at"] <= now and (recorded is None or e["at"] >= recorded - dt.timedelta(minutes=1))


def _agreement_frozen_version(a: dict, today: dt.date, now: dt.datetime) -> bool:
    return a["frozen_versions"] > 0 if a["status"] in SENT_STATES else a["frozen_versions"] == 0


HISTORY_RULES: list[Rule] = [
    Rule(
        "H1",
        "audit entry",
        "a partner's, partnership's or agreement's history starts when it was recorded and is never in the future",
        _history_in_time,
    ),
]

AGREEMENT_RULES: list[Rule] = [
    Rule(
        "G1",
        "agreement",
        "an agreement's status agrees with its dates (not signed before it is sent; active: started and "
        "not ended; ended: past its end)",
        _agreement_dates,
    ),
    Rule(
        "G2",
        "agreement",
        "an agreement agrees with its partnership's status (an active agreement on an active partnership)",
        _agreement_follows_partnership,
    ),
    Rule("G3", "agreement", "an agreement lies within its partnership's dates", _agreement_inside_partnership),
    Rule("G4", "agreement", "an agreement is signed before it starts", _agreement_signed_before_start),
    Rule("G5", "agreement", "an agreement's partner is a party to its partnership", _agreement_party),
    Rule("G7", "agreement", "an agreement is drafted before it is signed", _agreement_drafted_before_signed),
    Rule(
        "G6",
        "agreement",
        "an agreement sent for signature has a frozen version; a draft has none",
        _agreement_frozen_version,
    ),
]


# --- satisfaction questionnaires ---------------------------------------------------------


def _questionnaire_during_its_action(q: dict, today: dt.date, now: dt.datetime) -> bool:
    """Participants answer from the action's first day until after its last one."""
    start, end = q["activity__start_date"], q["activity__end_date"] or q["activity__start_date"]
    if start is None:
        return False
    closed_in_time = q["closed_at"] is None or q["closed_at"] <= now
    return q["opens_on"] <= start and q["closes_on"] >= end and closed_in_time


QUESTIONNAIRE_RULES: list[Rule] = [
    Rule(
        "Q1",
        "questionnaire",
        "a satisfaction questionnaire is open from its action's start until after its end, closed by hand "
        "never in the future",
        _questionnaire_during_its_action,
    ),
]


def _questionnaire_rows() -> list[dict]:
    return list(
        Questionnaire.objects.values(
            "pk", "opens_on", "closes_on", "closed_at", "activity__start_date", "activity__end_date"
        )
    )


# --- reading the rows ----------------------------------------------------------------------


def _partnership_rows() -> list[dict]:
    return list(Partnership.objects.values("pk", "status", "start_date", "end_date"))


def _activity_rows() -> list[dict]:
    return list(
        Activity.objects.values(
            "pk",
            "status",
            "start_date",
            "end_date",
            "partnership__status",
            "partnership__start_date",
            "partnership__end_date",
        )
    )


def _partner_rows() -> list[dict]:
    statuses: dict[int, set] = defaultdict(set)
    for partner_id, status in Partnership.partners.through.objects.values_list("partner_id", "partnership__status"):
        statuses[partner_id].add(status)
    return [
        {**row, "statuses": statuses.get(row["pk"], set())}
        for row in Partner.objects.values("pk", "name", "relationship_status")
    ]


def _membership_rows() -> list[dict]:
    return list(Membership.objects.values("pk", "year", "paid_on"))


def _acceptance_rows() -> list[dict]:
    return list(PrincipleAcceptance.objects.values("pk", "accepted_at", "partner__created_at"))


def _agreement_rows() -> list[dict]:
    parties = set(Partnership.partners.through.objects.values_list("partnership_id", "partner_id"))
    rows = Agreement.objects.annotate(frozen_versions=Count("documents", filter=Q(documents__frozen=True)))
    return [
        {**row, "partner_is_party": (row["partnership_id"], row["partner_id"]) in parties}
        for row in rows.values(
            "pk",
            "title",
            "status",
            "created_at",
            "start_date",
            "end_date",
            "signed_on",
            "termination_reason",
            "frozen_versions",
            "partner_id",
            "partnership_id",
            "partnership__status",
            "partnership__start_date",
            "partnership__end_date",
        )
    ]


def _audit_rows() -> list[dict]:
    """Entries about partners, partnerships and agreements, with when their object was recorded."""
    recorded: dict[int, dict[str, dt.datetime]] = {}
    for model in (Partner, Partnership, Agreement):
        content_type = ContentType.objects.get_for_model(model)
        recorded[content_type.pk] = {str(pk): at for pk, at in model.objects.values_list("pk", "created_at")}
    entries = AuditEntry.objects.filter(content_type__in=list(recorded)).values(
        "pk", "action", "at", "content_type_id", "object_id"
    )
    return [{**e, "recorded": recorded[e["content_type_id"]].get(e["object_id"])} for e in entries]


READERS: dict[str, Callable[[], list[dict]]] = {
    "partnership": _partnership_rows,
    "activity": _activity_rows,
    "partner": _partner_rows,
    "membership": _membership_rows,
    "principle acceptance": _acceptance_rows,
    "agreement": _agreement_rows,
    "audit entry": _audit_rows,
    "questionnaire": _questionnaire_rows,
}


RULES: list[Rule] = PARTNERSHIP_RULES + AGREEMENT_RULES + HISTORY_RULES + QUESTIONNAIRE_RULES


def story_check(*, today: dt.date, now: dt.datetime, only: Iterable[Rule] | None = None) -> Report:
    """Check every rule over every row of its kind."""
    chosen = list(only) if only is not None else RULES
    report = Report(rules=chosen)
    by_subject: dict[str, list[Rule]] = defaultdict(list)
    for rule in chosen:
        by_subject[rule.subject].append(rule)
    with scopes_disabled():
        for subject, subject_rules in by_subject.items():
            rows: list[dict[str, Any]] = READERS[subject]()
            report.rows += len(rows)
            for row in rows:
                for rule in subject_rules:
                    if not rule.holds(row, today, now):
                        report.broken.append((rule, row))
    return report
