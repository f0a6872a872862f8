"""What each indicator of the grid measures: a ``GridItem.measure`` key → the activity's figure.

The figures come from what the activities record (indicators' targets and results, the
Wikimedia stakeholders' hours, the costs, the last good metrics snapshot) and from this app
(press mentions, the participants' questionnaires) or the partner's later proposals and
agreements. ``figures(data)`` computes
them all from one :class:`MeasureData` (loaded by ``selectors.evaluation_measure_data`` in a
fixed number of queries); a partnership's evaluation adds up its activities.

A figure is ``None`` when nothing measures it (no snapshot, no indicator of that kind, no
result yet): the page says "not measured", never 0.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

# The indicator kinds of activities/data/indicators.json read here.
PEOPLE_MADE_AWARE = "people_made_aware"
PEOPLE_TO_TRAIN = "people_to_train"
TRAINERS_TRAINED = "trainers_trained"


@dataclass
class MeasureData:
    """What the measures read, loaded once per page."""

    activities: Sequence[Any]  # with indicators, stakeholders, costs and good_snapshots prefetched
    mentions: Sequence[Any]
    proposals_after: Sequence[Any]  # the partners' proposals submitted after ``since``
    agreements_after: Sequence[Any]  # the partners' agreements signed after ``since``
    since: datetime.date | None  # the end of the evaluated action (a partnership's: its first)
    # Activity id → its participants' questionnaire (questionnaire_selectors.Satisfaction).
    satisfaction: dict[int, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    value: str | None  # formatted; None = not measured
    detail: str = ""


@dataclass
class Sustainability:
    since: datetime.date | None
    proposals: list[Any] = field(default_factory=list)
    trainers_trained: Decimal | None = None
    agreements: list[Any] = field(default_factory=list)


def _num(value: Decimal | int | float) -> str:
    if isinstance(value, Decimal):
        value = int(value) if value == value.to_integral() else value.normalize()
    if isinstance(value, float):
        return number_format(value, decimal_pos=1, use_l10n=True)
    return number_format(value, use_l10n=True, force_grouping=True)


def _snapshot(activity: Any) -> Any:
    """The activity's shown snapshot: the newest complete one, else the newest partial one."""
    snapshots = list(activity.good_snapshots)
    done = [s for s in snapshots if s.is_complete]
    return (done or snapshots or [None])[0]


def _snapshot_sum(data: MeasureData, name: str) -> int | None:
    values = [s.figure(name) for s in map(_snapshot, data.activities) if s is not None]
    values = [v for v in values if v is not None]
    return sum(values) if values else None


def _indicators(data: MeasureData, kind: str) -> list[Any]:
    return [i for a in data.activities for i in a.indicators.all() if i.kind == kind]


def _results(indicators: list[Any]) -> tuple[Decimal, Decimal | None]:
    """Targets added up, and results added up (None while any result is missing)."""
    target = sum((i.target for i in indicators), Decimal("0"))
    results = [i.manual_result for i in indicators]
    if not results or any(r is None for r in results):
        return target, None
    return target, sum(results, Decimal("0"))


def contributions_main_space(data: MeasureData) -> Figure:
    edits = _snapshot_sum(data, "edits")
    created = _snapshot_sum(data, "articles_created")
    detail = _("%(n)s articles created") % {"n": _num(created)} if created is not None else ""
    return Figure(
        "contributions_main_space", _("Edits in the main space"), None if edits is None else _num(edits), detail
    )


def people_made_aware(data: MeasureData) -> Figure:
    indicators = _indicators(data, PEOPLE_MADE_AWARE)
    target, result = _results(indicators)
    value = None if result is None else _num(result)
    detail = _("target: %(n)s") % {"n": _num(target)} if indicators else ""
    return Figure("people_made_aware", _("People made aware"), value, detail)


def people_trained_gap(data: MeasureData) -> Figure:
    """People to train against people trained: the gap (negative when more were trained)."""
    indicators = _indicators(data, PEOPLE_TO_TRAIN)
    target, result = _results(indicators)
    if result is None:
        return Figure("people_trained_gap", _("People to train and people trained"), None)
    detail = _("%(trained)s trained of %(target)s to train") % {"trained": _num(result), "target": _num(target)}
    return Figure("people_trained_gap", _("People to train and people trained"), _num(target - result), detail)


def files_reuse_share(data: MeasureData) -> Figure:
    total, in_use = _snapshot_sum(data, "files_total"), _snapshot_sum(data, "files_in_use")
    if not total or in_use is None:
        return Figure("files_reuse_share", _("Share of files reused on the projects"), None)
    share = 100 * in_use / total
    detail = _("%(used)s of %(total)s files in use") % {"used": _num(in_use), "total": _num(total)}
    return Figure("files_reuse_share", _("Share of files reused on the projects"), f"{_num(share)} %", detail)


def hours_and_costs(data: MeasureData) -> Figure:
    stakeholders = [s for a in data.activities for s in a.stakeholders.all()]
    costs = [c for a in data.activities for c in a.costs.all() if c.actual is not None]
    if not stakeholders and not costs:
        return Figure("hours_and_costs", _("Hours given and costs"), None)
    volunteer = sum((s.hours for s in stakeholders if s.kind == "volunteer"), Decimal("0"))
    staff = sum((s.hours for s in stakeholders if s.kind != "volunteer"), Decimal("0"))
    spent = sum((c.actual for c in costs), Decimal("0"))
    value = _("%(hours)s h") % {"hours": _num(volunteer + staff)}
    detail = _("%(volunteer)s h by volunteers, %(staff)s h by employees; %(spent)s € spent") % {
        "volunteer": _num(volunteer),
        "staff": _num(staff),
        "spent": _num(spent),
    }
    return Figure("hours_and_costs", _("Hours given and costs"), value, detail)


def partner_proposals_after(data: MeasureData) -> Figure:
    if data.since is None:
        return Figure("partner_proposals_after", _("New actions on the partner’s initiative"), None)
    return Figure(
        "partner_proposals_after", _("New actions on the partner’s initiative"), _num(len(data.proposals_after))
    )


def trainers_trained(data: MeasureData) -> Figure:
    _target, result = _results(_indicators(data, TRAINERS_TRAINED))
    return Figure("trainers_trained", _("Trainers trained"), None if result is None else _num(result))


def agreement_after_pilot(data: MeasureData) -> Figure:
    if data.since is None:
        return Figure("agreement_after_pilot", _("Agreements signed after the action"), None)
    return Figure("agreement_after_pilot", _("Agreements signed after the action"), _num(len(data.agreements_after)))


def _participants(data: MeasureData, key: str, label: str, attribute: str) -> Figure:
    """The participants' mean rating of the questions feeding a criterion, weighted by each
    questionnaire's responses; not measured without a questionnaire answered."""
    rows = [s for s in data.satisfaction.values() if getattr(s, attribute) is not None and s.responses]
    if not rows:
        return Figure(key, label, None)
    responses = sum(s.responses for s in rows)
    mean = sum((getattr(s, attribute) * s.responses for s in rows), Decimal("0")) / responses
    detail = ngettext("%(n)s response", "%(n)s responses", responses) % {"n": _num(responses)}
    return Figure(key, label, _("%(mean)s / 5") % {"mean": _num(float(mean))}, detail)


def participants_relevance(data: MeasureData) -> Figure:
    return _participants(data, "participants_relevance", _("Participants’ satisfaction (relevance)"), "relevance")


def participants_relationship(data: MeasureData) -> Figure:
    label = _("Participants’ satisfaction (relationship)")
    return _participants(data, "participants_relationship", label, "relationship")


def press_mentions(data: MeasureData) -> Figure:
    """Mentions are recorded here, so none recorded is a count of 0."""
    counts = dict.fromkeys(("major_media", "local_press", "web"), 0)
    for mention in data.mentions:
        counts[mention.kind] = counts.get(mention.kind, 0) + 1
    detail = _("%(major)s in major media, %(local)s in the local press, %(web)s on the web") % {
        "major": counts["major_media"],
        "local": counts["local_press"],
        "web": counts["web"],
    }
    return Figure("press_mentions", _("Press and web mentions"), _num(len(data.mentions)), detail)


MEASURES: dict[str, Callable[[MeasureData], Figure]] = {
    "contributions_main_space": contributions_main_space,
    "people_made_aware": people_made_aware,
    "people_trained_gap": people_trained_gap,
    "files_reuse_share": files_reuse_share,
    "hours_and_costs": hours_and_costs,
    "partner_proposals_after": partner_proposals_after,
    "trainers_trained": trainers_trained,
    "agreement_after_pilot": agreement_after_pilot,
    "press_mentions": press_mentions,
    "participants_relevance": participants_relevance,
    "participants_relationship": participants_relationship,
}
NOT_MEASURED = gettext_lazy("not measured")


def figures(data: MeasureData, keys: Sequence[str] | None = None) -> dict[str, Figure]:
    """The figures of ``keys`` (default: all), by key; unknown keys are skipped."""
    keys = list(MEASURES) if keys is None else keys
    return {key: MEASURES[key](data) for key in keys if key in MEASURES}


def sustainability(data: MeasureData) -> Sustainability:
    _target, trained = _results(_indicators(data, TRAINERS_TRAINED))
    return Sustainability(
        since=data.since,
        proposals=list(data.proposals_after),
        trainers_trained=trained,
        agreements=list(data.agreements_after),
    )
