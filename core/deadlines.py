"""Deadlines: every date that matters, derived from the data, declared by the apps.

Each app declares its kinds of deadline in its ``AppConfig.ready()`` with
``deadline_kind_register(DeadlineKind(...))``; ``core`` imports no app above it. A kind knows
how to find, with ONE indexed range query, the occurrences whose date falls in a range (or on
a set of days). Everything else reads this module:

- pages (portal home and deadlines page, ICS feeds, the bell):
  ``upcoming_deadlines(start, end, ...)`` and ``overdue_deadlines(today, ...)``, or both at
  once with ``overdue_and_upcoming(today, end, ...)`` (one query per kind);
- the staff deadlines page, by pages: ``overdue_and_upcoming_lists(today, start, end, ...)``
  (two ``DeadlineList``: each page reads each kind's first rows only, see "Paged sources");
- the daily sweep (``core.reminders``): ``due_on(day)`` gives each (occurrence, offset) whose
  reminder falls on ``day``; ``recipients_for(occurrences)`` says who receives it.

Vocabulary
----------
``DeadlineKind``
    ``key`` (unique, stable: it is stored in the sent-log and in users' preferences), ``app``,
    ``label`` (lazy; French and English through the catalogues), ``sentence`` (lazy, with
    ``%(subject)s``: one line in lists and e-mails, e.g. "%(subject)s ends."),
    ``portal_sentence`` (the same line as the partner reads it; defaults to ``sentence``),
    ``offsets`` (days BEFORE the date a reminder goes out, e.g. ``(60, 30, 7)``; 0 = on the
    day), ``overdue`` (days AFTER the date a reminder goes out again while the item is still
    pending, e.g. ``(1, 7)``; a kind with ``overdue`` must only return pending items — an
    item done disappears from its source — and only such kinds are listed as overdue),
    ``mandatory`` (users cannot opt out), ``recipients`` (role keys, see below), ``portal``
    (partners see it in the portal; default: a partner role is among the recipients),
    ``occurrences`` (the source, see below), ``order`` (display order of the kinds),
    ``count`` (a paged source's capped count, see "Paged sources"; None: not paged).

``DeadlineQuery`` (what a source receives)
    ``start``/``end`` (inclusive dates), ``dates`` (None for pages; for the sweep, the only
    days wanted, within start..end), ``partner_id`` (None: every partner), ``today``,
    ``owner_id`` and ``region`` (the staff page's filters; None / "": any), ``limit`` (None:
    every occurrence; N: only the kind's first N, see "Paged sources").
    Sources build their filter with ``query.on("end_date")`` (a DateField whose value IS the
    date), ``query.on("end_date", shift=30)`` (the date is 30 days AFTER the field: a report
    due 30 days after the grant end), ``query.on_datetime("sent_at", shift=30)`` (aware
    datetimes, read as local dates in ``settings.TIME_ZONE``), ``query.partner(path)`` and
    ``query.owner(path)``; the date column must be indexed.

Paged sources
    The staff deadlines page lists thousands of deadlines a page at a time (``DeadlineList``):
    it asks each kind for its first ``offset + page size`` occurrences only, merges them in
    order (``heapq.merge``) and slices the page, and counts each kind up to
    ``LISTED_UP_TO + 1``. A kind that declares ``count`` is PAGED; its source then must
    (1) apply ``query.owner_id`` and ``query.region`` in SQL with exactly the meaning of
    ``Occurrence.owner_id`` / ``Occurrence.region`` (as it already applies the partner),
    (2) when ``query.limit`` is set, read only its first ``limit`` occurrences in the order of
    the lists (the date, then the pk: ``ORDER BY <date column>, pk LIMIT n`` on an index of
    those two columns; a source joining several rows per object limits the objects first,
    then fetches their rows: ``query.first(qs, ...)``), and never return an occurrence outside
    ``start``..``end``, and (3) give ``count(query)``: how many occurrences the query matches,
    counting at most ``query.limit`` (``query.count(qs, <date column>, "pk")``: one capped
    COUNT walking the same index). A paged kind that counts none is not read. A kind without
    ``count`` (small by nature: the fund's timeline, the failing impact figures, the sides of
    open evaluations) is read whole (once for the page's two lists), filtered and sorted
    here, then sliced like the others. The owner and region are filtered here too, for every
    kind: for a paged kind that is a check, never a loss.

``Occurrence`` (what a source returns; frozen, hashable)
    ``kind`` (key), ``model`` ("app_label.modelname"), ``pk``, ``date``, ``subject`` (names
    the object, user text, e.g. ``AG-2026-004 “Atelier”``), ``partner_id``, ``partner_name``,
    ``url`` (the staff page), ``portal_url`` (the partner's page, "" if none), ``owner_id``
    (the staff lead's user id, or None), ``region`` (a funding region code or a French
    region, "" if none), ``co_partner_ids`` (the other partners of a partnership with several;
    ``partner_ids`` is them all). ``key`` is "kind:model:pk:date" (the deadline's identity in the
    sent-log); ``text`` / ``portal_text`` render the kind's sentence in the active language;
    ``deadline_kind`` is the kind; ``days_from(today)`` is negative when overdue.

Recipients
----------
A role key names who receives a kind's reminders: ``STAFF_LEAD`` (the occurrence's
``owner_id``), ``PROGRAMME_OFFICER`` (every active programme officer), ``PARTNER_ADMINS``
(the partner's portal admins), ``PARTNER_CONTACTS`` (the partner's contacts with an e-mail
address; the contact's account, if it has one, else the address alone). Each role is
resolved by a function registered with ``recipient_role_register(role, resolve)``, where
``resolve(occurrences)`` returns ``{occurrence.key: [Recipient, ...]}`` with a fixed number
of queries whatever the number of occurrences. ``core`` resolves ``STAFF_LEAD``;
``accounts`` and ``partnerships`` register the others in their ``ready()``.
"""

from __future__ import annotations

import datetime
import heapq
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from itertools import islice
from typing import Any, overload

from django.conf import settings
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from .pagination import count_up_to

STAFF_LEAD = "staff_lead"
PROGRAMME_OFFICER = "programme_officer"
PARTNER_ADMINS = "partner_admins"
PARTNER_CONTACTS = "partner_contacts"
PARTNER_ROLES = frozenset({PARTNER_ADMINS, PARTNER_CONTACTS})

#: How far back ``overdue_deadlines`` looks by default.
OVERDUE_LOOKBACK = datetime.timedelta(days=365)
#: A ``DeadlineList`` counts this many occurrences at most, then says "more than" and pages up
#: to there: 10 pages of the staff page's upcoming list, 20 of its overdue one. Nobody reads
#: further; they narrow the period, the kind or the partner. The deepest page reads at most
#: this many rows per paged kind, whatever the size of the tables.
LISTED_UP_TO = 1000


@dataclass(frozen=True)
class DeadlineQuery:
    """The dates a source must return occurrences for (see the module docstring)."""

    start: datetime.date
    end: datetime.date
    today: datetime.date
    dates: frozenset[datetime.date] | None = None
    partner_id: int | None = None
    owner_id: int | None = None
    region: str = ""
    limit: int | None = None

    def on(self, field_name: str, *, shift: int = 0) -> Q:
        """Filter on a DateField whose value plus ``shift`` days is the occurrence's date."""
        delta = datetime.timedelta(days=shift)
        if self.dates is not None:
            return Q(**{f"{field_name}__in": sorted(d - delta for d in self.dates)})
        return Q(**{f"{field_name}__range": (self.start - delta, self.end - delta)})

    def on_datetime(self, field_name: str, *, shift: int = 0) -> Q:
        """Filter on a DateTimeField whose local date plus ``shift`` days is the occurrence's date."""
        days = sorted(self.dates) if self.dates is not None else None
        delta = datetime.timedelta(days=shift)
        spans = [(d, d) for d in days] if days is not None else [(self.start, self.end)]
        q = Q(pk__in=[])
        for first, last in spans:
            q |= Q(**{f"{field_name}__gte": day_start(first - delta), f"{field_name}__lt": day_start(last - delta, 1)})
        return q

    def partner(self, path: str = "partner") -> Q:
        """Filter on the partner when the query is for one partner (``path`` leads to its pk)."""
        return Q(**{path: self.partner_id}) if self.partner_id is not None else Q()

    def owner(self, path: str) -> Q:
        """Filter on the staff lead when the query names one (``path`` leads to the user's pk)."""
        return Q(**{path: self.owner_id}) if self.owner_id is not None else Q()

    def first(self, qs: QuerySet[Any], *order_by: Any) -> QuerySet[Any]:
        """``qs`` in the lists' order (``order_by``: the date column, then the pk), cut at
        ``limit`` when the query has one (``LIMIT n`` on the index of those columns)."""
        ordered = qs.order_by(*order_by)
        return ordered[: self.limit] if self.limit is not None else ordered

    def count(self, qs: QuerySet[Any], *order_by: Any) -> int:
        """How many rows ``qs`` matches, at most ``limit``: a capped COUNT (``count_up_to``)
        walking the index of ``order_by`` (the same columns as ``first``) and stopping there."""
        return count_up_to(qs, self.limit, order_by) if self.limit is not None else qs.count()


_SENTINEL = "987654321"


def url_by_pk(name: str) -> Callable[[int], str]:
    """``reverse(name, args=[pk])`` for many pks at the cost of one ``reverse`` and a string
    replacement each: a sweep builds thousands of links, and each ``reverse`` costs tens of
    microseconds. Call it once per source call (it follows the URLconf of the moment)."""
    template = reverse(name, args=[int(_SENTINEL)])
    return lambda pk: template.replace(_SENTINEL, str(pk), 1)


def day_start(day: datetime.date, plus_days: int = 0) -> datetime.datetime:
    """Midnight of ``day`` (+ ``plus_days``) in the site's time zone, aware."""
    moment = datetime.datetime.combine(day + datetime.timedelta(days=plus_days), datetime.time())
    return timezone.make_aware(moment, timezone.get_default_timezone())


@dataclass(frozen=True)
class Occurrence:
    """One dated deadline of one object (see the module docstring)."""

    kind: str
    model: str
    pk: int
    date: datetime.date
    subject: str
    partner_id: int | None = None
    partner_name: str = ""
    url: str = ""
    portal_url: str = ""
    owner_id: int | None = None
    region: str = ""
    co_partner_ids: tuple[int, ...] = ()  # the other partners of a shared partnership

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.model}:{self.pk}:{self.date.isoformat()}"

    @property
    def deadline_kind(self) -> DeadlineKind:
        return _kinds[self.kind]

    @property
    def text(self) -> str:
        return str(self.deadline_kind.sentence) % {"subject": self.subject}

    @property
    def portal_text(self) -> str:
        kind = self.deadline_kind
        return str(kind.portal_sentence or kind.sentence) % {"subject": self.subject}

    def days_from(self, today: datetime.date) -> int:
        return (self.date - today).days

    @property
    def partner_ids(self) -> tuple[int, ...]:
        """Every partner concerned (a partnership may have several): each one's portal shows
        it and each one's people receive its reminders, under the same deadline key."""
        first = () if self.partner_id is None else (self.partner_id,)
        return first + tuple(p for p in self.co_partner_ids if p != self.partner_id)


Source = Callable[[DeadlineQuery], Iterable[Occurrence]]
Count = Callable[[DeadlineQuery], int]


@dataclass(frozen=True)
class DeadlineKind:
    """A kind of deadline an app declares (see the module docstring)."""

    key: str
    app: str
    label: Any  # lazy translation
    sentence: Any  # lazy translation with %(subject)s
    occurrences: Source
    recipients: tuple[str, ...]
    offsets: tuple[int, ...] = (0,)
    overdue: tuple[int, ...] = ()
    mandatory: bool = False
    portal: bool | None = None
    portal_sentence: Any = None
    order: int = 100
    count: Count | None = None  # a paged source's capped count (see "Paged sources")

    @property
    def shown_in_portal(self) -> bool:
        return self.portal if self.portal is not None else bool(PARTNER_ROLES & set(self.recipients))

    def reminder_days(self, day: datetime.date) -> dict[datetime.date, int]:
        """The deadline dates whose reminder falls on ``day`` → the signed offset (negative: overdue)."""
        days = {day + datetime.timedelta(days=o): o for o in self.offsets}
        days.update({day - datetime.timedelta(days=o): -o for o in self.overdue})
        return days


_kinds: dict[str, DeadlineKind] = {}


def deadline_kind_register(kind: DeadlineKind) -> None:
    """Declare a kind of deadline (from the app's ``ready()``); a key is declared once."""
    existing = _kinds.get(kind.key)
    if existing is not None and existing != kind:
        raise ValueError(f"Deadline kind {kind.key!r} is already registered.")
    if any(o < 0 for o in kind.offsets + kind.overdue):
        raise ValueError(f"Deadline kind {kind.key!r}: offsets and overdue are days, not negative.")
    _kinds[kind.key] = kind


def deadline_kinds() -> list[DeadlineKind]:
    """Every declared kind, in display order."""
    return sorted(_kinds.values(), key=lambda k: (k.order, k.key))


def deadline_kind(key: str) -> DeadlineKind:
    return _kinds[key]


def _selected(kinds: Iterable[str] | None, portal: bool) -> list[DeadlineKind]:
    chosen = deadline_kinds() if kinds is None else [_kinds[k] for k in kinds if k in _kinds]
    return [k for k in chosen if k.shown_in_portal] if portal else chosen


def _sort_key(o: Occurrence) -> tuple[datetime.date, int, str, str, int]:
    return (o.date, _kinds[o.kind].order, o.kind, o.model, o.pk)


def _run(kind: DeadlineKind, query: DeadlineQuery) -> list[Occurrence]:
    wanted = query.dates
    found = []
    for occurrence in kind.occurrences(query):
        if not query.start <= occurrence.date <= query.end:
            continue  # a source may over-select (e.g. several dates per row); keep the contract
        if wanted is not None and occurrence.date not in wanted:
            continue
        found.append(occurrence)
    return found


def _filtered(
    found: Iterable[Occurrence], owner: int | None, region: str | None, partner_id: int | None
) -> list[Occurrence]:
    return [
        o
        for o in found
        if (owner is None or o.owner_id == owner)
        and (not region or o.region == region)
        and (partner_id is None or partner_id in o.partner_ids)
    ]


def _pk(obj: Any) -> int | None:
    return None if obj is None else obj if isinstance(obj, int) else obj.pk


def upcoming_deadlines(
    start: datetime.date,
    end: datetime.date,
    *,
    partner: Any = None,
    kinds: Iterable[str] | None = None,
    portal: bool = False,
    owner: Any = None,
    region: str | None = None,
    today: datetime.date | None = None,
) -> list[Occurrence]:
    """Every occurrence dated ``start``..``end`` (inclusive), sorted by date then kind order.

    ``partner`` (a Partner or its pk) restricts to that partner (the source filters in SQL);
    ``kinds`` to those keys; ``portal=True`` to the kinds partners see; ``owner`` (a user or
    pk) to the occurrences whose staff lead it is; ``region`` to one region code. One query per
    kind selected (plus what a source needs to build its titles and URLs, fixed per kind).
    """
    partner_id = _pk(partner)
    query = DeadlineQuery(start=start, end=end, today=today or timezone.localdate(), partner_id=partner_id)
    found = [o for kind in _selected(kinds, portal) for o in _run(kind, query)]
    return sorted(_filtered(found, _pk(owner), region, partner_id), key=_sort_key)


def overdue_deadlines(
    today: datetime.date | None = None,
    *,
    since: datetime.date | None = None,
    partner: Any = None,
    kinds: Iterable[str] | None = None,
    portal: bool = False,
    owner: Any = None,
    region: str | None = None,
) -> list[Occurrence]:
    """Pending items whose date has passed (``since``..yesterday), for the kinds with ``overdue``.

    Only kinds that declare ``overdue`` reminders are pending-only sources, so only they can
    be "overdue"; an activity that started last month is not overdue, a report not submitted is.
    """
    today = today or timezone.localdate()
    since = since or today - OVERDUE_LOOKBACK
    yesterday = today - datetime.timedelta(days=1)
    pending = [k.key for k in _selected(kinds, portal) if k.overdue]
    if not pending or since > yesterday:
        return []
    return upcoming_deadlines(
        since, yesterday, partner=partner, kinds=pending, portal=portal, owner=owner, region=region, today=today
    )


def overdue_and_upcoming(
    today: datetime.date,
    end: datetime.date,
    *,
    since: datetime.date | None = None,
    partner: Any = None,
    kinds: Iterable[str] | None = None,
    portal: bool = False,
    owner: Any = None,
    region: str | None = None,
) -> tuple[list[Occurrence], list[Occurrence]]:
    """``overdue_deadlines(today, since=...)`` and ``upcoming_deadlines(today, end, ...)`` at
    once, ONE query per kind rather than two for the kinds that can be overdue: such a kind is
    read over ``since``..``end`` and its occurrences split at ``today`` (a source returns what
    is dated in its range, so the two halves are what the two calls would return)."""
    since = since or today - OVERDUE_LOOKBACK
    yesterday = today - datetime.timedelta(days=1)
    partner_id = _pk(partner)
    overdue: list[Occurrence] = []
    upcoming: list[Occurrence] = []
    for kind in _selected(kinds, portal):
        pending = bool(kind.overdue) and since <= yesterday
        query = DeadlineQuery(start=since if pending else today, end=end, today=today, partner_id=partner_id)
        for occurrence in _run(kind, query):
            if occurrence.date >= today:
                upcoming.append(occurrence)
            elif pending:
                overdue.append(occurrence)
    owner_id = _pk(owner)
    return (
        sorted(_filtered(overdue, owner_id, region, partner_id), key=_sort_key),
        sorted(_filtered(upcoming, owner_id, region, partner_id), key=_sort_key),
    )


def _sorted_filtered(found: Iterable[Occurrence], q: DeadlineQuery) -> list[Occurrence]:
    return sorted(_filtered(found, q.owner_id, q.region or None, q.partner_id), key=_sort_key)


class _SharedReads:
    """The kinds read whole by two lists of one page (overdue, and the period), each read
    ONCE over a range covering both; each list keeps its own dates."""

    def __init__(self, keys: Iterable[str], query: DeadlineQuery) -> None:
        self.keys = frozenset(keys)
        self.query = query
        self._found: dict[str, list[Occurrence]] = {}

    def of(self, kind: DeadlineKind) -> list[Occurrence]:
        if kind.key not in self._found:
            self._found[kind.key] = _sorted_filtered(_run(kind, self.query), self.query)
        return self._found[kind.key]


class DeadlineList(Sequence[Occurrence]):
    """The occurrences of some kinds dated in one range, filtered and in order, read by slices
    (a paginator's pages) at the cost of the slice, not of the range (see "Paged sources").

    ``len()`` is the number of occurrences up to ``up_to`` (each kind counted up to
    ``up_to + 1``: one capped COUNT per paged kind); ``capped`` says there are more. A slice
    ``[a:b]`` asks each paged kind for its first ``b`` occurrences (one query each), merges
    them in order and keeps ``a``..``b``. A kind that is not paged is read whole once (that
    read gives its count too; ``shared`` reads it once for two lists, see
    ``overdue_and_upcoming_lists``). Queries, per paged kind: one COUNT, then one per slice
    unless it counted none; per other kind: one."""

    def __init__(
        self,
        kinds: Sequence[DeadlineKind],
        query: DeadlineQuery,
        *,
        up_to: int = LISTED_UP_TO,
        shared: _SharedReads | None = None,
    ) -> None:
        self.kinds = list(kinds)
        self.query = query
        self.up_to = up_to
        self._shared = shared
        self._whole: dict[str, list[Occurrence]] = {}
        self._counts: dict[str, int] | None = None

    def _sorted(self, found: Iterable[Occurrence]) -> list[Occurrence]:
        return _sorted_filtered(found, self.query)

    def _read_whole(self, kind: DeadlineKind) -> list[Occurrence]:
        if kind.key not in self._whole:
            q, shared = self.query, self._shared
            if shared is not None and kind.key in shared.keys:
                found = [o for o in shared.of(kind) if q.start <= o.date <= q.end]
            else:
                found = self._sorted(_run(kind, q))
            self._whole[kind.key] = found
        return self._whole[kind.key]

    def counts(self) -> dict[str, int]:
        """Each kind's number of occurrences, counted up to ``up_to + 1``."""
        if self._counts is None:
            capped = replace(self.query, limit=self.up_to + 1)
            self._counts = {
                kind.key: kind.count(capped) if kind.count is not None else len(self._read_whole(kind))
                for kind in self.kinds
            }
        return self._counts

    def first(self, kind: DeadlineKind, n: int) -> list[Occurrence]:
        """The kind's first ``n`` occurrences in the lists' order (a paged kind reads only those,
        and nothing when it counted none)."""
        if kind.count is None:
            return self._read_whole(kind)[:n]
        n = min(n, self.counts()[kind.key])
        return self._sorted(_run(kind, replace(self.query, limit=n)))[:n] if n else []

    @property
    def capped(self) -> bool:
        return sum(self.counts().values()) > self.up_to

    def __len__(self) -> int:
        return min(sum(self.counts().values()), self.up_to)

    @overload
    def __getitem__(self, index: int) -> Occurrence: ...

    @overload
    def __getitem__(self, index: slice) -> list[Occurrence]: ...

    def __getitem__(self, index: int | slice) -> Occurrence | list[Occurrence]:
        if isinstance(index, int):
            position = index + len(self) if index < 0 else index
            found = self[position : position + 1] if 0 <= position < len(self) else []
            if not found:
                raise IndexError("DeadlineList index out of range")
            return found[0]
        start, stop, step = index.indices(len(self))
        if stop <= start:
            return []
        merged = heapq.merge(*(self.first(kind, stop) for kind in self.kinds), key=_sort_key)
        return list(islice(merged, start, stop, step))


def upcoming_deadline_list(
    start: datetime.date,
    end: datetime.date,
    *,
    partner: Any = None,
    kinds: Iterable[str] | None = None,
    portal: bool = False,
    owner: Any = None,
    region: str | None = None,
    today: datetime.date | None = None,
    up_to: int = LISTED_UP_TO,
) -> DeadlineList:
    """What ``upcoming_deadlines`` returns, as a ``DeadlineList``: read by pages, counted up to
    ``up_to``; nothing is read until it is counted or sliced."""
    query = DeadlineQuery(
        start=start,
        end=end,
        today=today or timezone.localdate(),
        partner_id=_pk(partner),
        owner_id=_pk(owner),
        region=region or "",
    )
    return DeadlineList(_selected(kinds, portal), query, up_to=up_to)


def overdue_deadline_list(
    today: datetime.date | None = None,
    *,
    since: datetime.date | None = None,
    partner: Any = None,
    kinds: Iterable[str] | None = None,
    portal: bool = False,
    owner: Any = None,
    region: str | None = None,
    up_to: int = LISTED_UP_TO,
) -> DeadlineList:
    """What ``overdue_deadlines`` returns, as a ``DeadlineList`` (the kinds with ``overdue``)."""
    today = today or timezone.localdate()
    since = since or today - OVERDUE_LOOKBACK
    yesterday = today - datetime.timedelta(days=1)
    pending = [k.key for k in _selected(kinds, portal) if k.overdue] if since <= yesterday else []
    return upcoming_deadline_list(
        since,
        yesterday,
        partner=partner,
        kinds=pending,
        portal=portal,
        owner=owner,
        region=region,
        today=today,
        up_to=up_to,
    )


def overdue_and_upcoming_lists(
    today: datetime.date,
    start: datetime.date,
    end: datetime.date,
    *,
    since: datetime.date | None = None,
    partner: Any = None,
    kinds: Iterable[str] | None = None,
    portal: bool = False,
    owner: Any = None,
    region: str | None = None,
    up_to: int = LISTED_UP_TO,
) -> tuple[DeadlineList, DeadlineList]:
    """``overdue_deadline_list(today, ...)`` and ``upcoming_deadline_list(start, end, ...)`` for
    one page: a kind read whole (not paged) that is in both lists is read ONCE, over the two
    ranges together when they meet (the default period starts today), and each list keeps its
    dates (a source returns what is dated in its range, as ``overdue_and_upcoming`` relies on)."""
    keys = None if kinds is None else list(kinds)  # read by both lists
    chosen: dict[str, Any] = {"partner": partner, "kinds": keys, "portal": portal, "owner": owner, "region": region}
    overdue = overdue_deadline_list(today, since=since, up_to=up_to, **chosen)
    upcoming = upcoming_deadline_list(start, end, today=today, up_to=up_to, **chosen)
    both = {k.key for k in overdue.kinds if k.count is None} & {k.key for k in upcoming.kinds if k.count is None}
    o, u = overdue.query, upcoming.query
    day = datetime.timedelta(days=1)
    if both and u.start <= o.end + day and o.start <= u.end + day:
        shared = _SharedReads(both, replace(o, start=min(o.start, u.start), end=max(o.end, u.end)))
        overdue._shared = upcoming._shared = shared
    return overdue, upcoming


@dataclass(frozen=True)
class Due:
    """An occurrence whose reminder falls on the sweep's day, with its signed offset."""

    occurrence: Occurrence
    offset: int  # days before the date; negative: days after it (overdue)

    @property
    def overdue(self) -> bool:
        return self.offset < 0


def due_on(day: datetime.date, *, kinds: Iterable[str] | None = None) -> list[Due]:
    """Every (occurrence, offset) whose reminder falls on ``day``: one query per kind, on the
    few exact dates its offsets point to (``date IN (...)`` on an indexed column), so the cost
    follows what is due, not the size of the tables."""
    due: list[Due] = []
    for kind in _selected(kinds, portal=False):
        days = kind.reminder_days(day)
        query = DeadlineQuery(start=min(days), end=max(days), today=day, dates=frozenset(days))
        due.extend(Due(occurrence=o, offset=days[o.date]) for o in _run(kind, query))
    return sorted(due, key=lambda d: _sort_key(d.occurrence))


# --- Recipients ------------------------------------------------------------------------


@dataclass(frozen=True)
class Recipient:
    """Someone a reminder goes to: a user (``user_id``), or a partner's contact without account."""

    key: str  # "user:<pk>" or "contact:<pk>": the sent-log's recipient
    email: str
    language: str
    name: str = ""
    user_id: int | None = None
    is_staff: bool = False


RoleResolver = Callable[[Sequence[Occurrence]], dict[str, list[Recipient]]]
_roles: dict[str, RoleResolver] = {}


def recipient_role_register(role: str, resolve: RoleResolver) -> None:
    """``resolve(occurrences)`` → ``{occurrence.key: [Recipient]}`` in a fixed number of queries."""
    _roles[role] = resolve


def recipient_roles() -> list[str]:
    return sorted(_roles)


def recipients_for(occurrences: Sequence[Occurrence]) -> dict[str, list[Recipient]]:
    """Who receives each occurrence's reminders, by its kind's roles (deduplicated, in order)."""
    by_role: dict[str, list[Occurrence]] = {}
    for o in occurrences:
        for role in o.deadline_kind.recipients:
            by_role.setdefault(role, []).append(o)
    result: dict[str, list[Recipient]] = {o.key: [] for o in occurrences}
    for role in sorted(by_role):
        if role not in _roles:
            raise KeyError(f"No resolver registered for the recipient role {role!r}.")
        for key, recipients in _roles[role](by_role[role]).items():
            seen = {r.key for r in result[key]}
            for recipient in recipients:
                if recipient.key not in seen:
                    seen.add(recipient.key)
                    result[key].append(recipient)
    return result


def user_recipient(user: Any) -> Recipient:
    return Recipient(
        key=f"user:{user.pk}",
        email=user.email,
        language=user.preferred_language or settings.LANGUAGE_CODE,
        name=str(user),
        user_id=user.pk,
        is_staff=user.is_staff,
    )


def _staff_lead(occurrences: Sequence[Occurrence]) -> dict[str, list[Recipient]]:
    from django.contrib.auth import get_user_model

    ids = {o.owner_id for o in occurrences if o.owner_id is not None}
    users = {u.pk: u for u in get_user_model().objects.filter(pk__in=ids, is_active=True).exclude(email="")}
    return {o.key: [user_recipient(users[o.owner_id])] if o.owner_id in users else [] for o in occurrences}


recipient_role_register(STAFF_LEAD, _staff_lead)


# --- Regions ---------------------------------------------------------------------------

RegionChoices = Callable[[], Iterable[tuple[str, Any]]]
_region_sources: dict[str, RegionChoices] = {}


def deadline_regions_register(key: str, choices: RegionChoices) -> None:
    """``choices()`` → ``[(code, label)]``: the region codes an app puts in ``Occurrence.region``
    (the regions of France, the funding regions), offered by the deadlines pages' filter."""
    _region_sources[key] = choices


def deadline_region_choices() -> list[tuple[str, Any]]:
    """Every registered app's regions, in the order of the keys (a source may read the database)."""
    return [choice for key in sorted(_region_sources) for choice in _region_sources[key]()]
