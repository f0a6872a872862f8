"""Figures too costly to compute in a request, kept precomputed and refreshed off it.

A page that adds up whole tables (the staff dashboard, the impact dashboard) would otherwise
recompute them on the first view after every write, at a cost that grows with the data: 318 ms
at 100,000 partners for the dashboard, 550 ms for the impact dashboard. Instead its figures are
a **summary**: named (``"dashboard"``, ``"impact:region=BRE"``), computed by a function the app
that owns it registers from its ``AppConfig.ready()`` (:func:`summary_kind_register`; ``core``
imports no app above it), stored as plain data (dicts, lists, strings, numbers, dates: never a
model instance) with the data version it was computed at (core/dataversion.py), the day it was
computed for, and when.

Reading one (:func:`summary_read`) is stale-while-revalidate:

- current (same data version, same day): returned as it is;
- stale (a write since, or an earlier day): returned as it is, marked ``pending``, and its
  refresh enqueued once the caller's transaction commits, at most one pending per summary (a
  short-lived lock taken with ``cache.add``); then read once more, so that with eager tasks
  (the tests) the page shows the fresh figures, and with a worker the previous ones for a moment;
- missing (first use, eviction): computed in the request, once, and stored.

The refresh (:func:`summary_refresh`, run by the task ``core.refresh_summary``) reads the
data version **before** computing, so a write during the computation leaves the summary stale
and the next read enqueues another refresh. It never writes the database: a write would give
the data a new version and make every summary stale again.

They live in the "summaries" cache, which every process shares (Redis when ``REDIS_URL`` is
set, files under ``VAR_DIR`` otherwise): the worker stores what the web processes read.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from django.core.cache import caches
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, pgettext

from . import dataversion

logger = logging.getLogger(__name__)

CACHE_ALIAS = "summaries"
#: How long the lock of a pending refresh lasts: longer than a refresh and its retries' backoff
#: (core/tasks.py); a refresh lost with its worker is enqueued again by a read after it.
LOCK_SECONDS = 120
#: How long a summary is kept unread (then the next read computes it in the request).
KEEP_SECONDS = 30 * 24 * 3600

#: What a summary's data may hold (:func:`is_plain`).
PLAIN_SCALARS = (str, int, float, bool, Decimal, datetime.date, type(None))


@dataclass(frozen=True)
class SummaryKind:
    key: str
    #: ``params`` (the part of the name after ``key:``, "" for none) → plain data.
    compute: Callable[[str], Any]


_KINDS: dict[str, SummaryKind] = {}


def summary_kind_register(key: str, compute: Callable[[str], Any]) -> None:
    """Register (or replace, on a second ``ready()``) a kind of summary."""
    if ":" in key:
        raise ValueError(f"a summary kind has no colon: {key!r}")
    _KINDS[key] = SummaryKind(key=key, compute=compute)


def summary_name(kind: str, params: str = "") -> str:
    """``kind``, or ``kind:params`` (each combination of a page's filters is its own summary)."""
    return f"{kind}:{params}" if params else kind


@dataclass(frozen=True)
class Summary:
    name: str
    data: Any
    version: str
    day: datetime.date
    computed_at: datetime.datetime
    #: Stale, its refresh enqueued and not done yet.
    pending: bool = False

    @property
    def stamp(self) -> str:
        """What the page's cached block depends on besides the data version: a refresh done
        by the worker writes nothing, so the block's key must change with the summary."""
        return f"{self.version}.{self.computed_at.timestamp():.6f}.{int(self.pending)}"

    @property
    def freshness(self) -> str:
        """ "Figures as of 3 December 2026, 10:42", Paris time, and whether they are updating."""
        local = timezone.localtime(self.computed_at)
        day = pgettext("first day of the month, in a date", "1") if local.day == 1 else str(local.day)
        # Translators: the date's month, year and time after the day, Django's date format.
        rest = date_format(local, pgettext("figures' freshness", "F Y, H:i"))
        if self.pending:
            return gettext("Figures as of %(when)s (updating)") % {"when": f"{day} {rest}"}
        return gettext("Figures as of %(when)s") % {"when": f"{day} {rest}"}


def _cache() -> Any:
    return caches[CACHE_ALIAS]


def _key(name: str) -> str:
    return f"summary:{name}"


def _lock_key(name: str) -> str:
    return f"summary-refresh:{name}"


def _kind(name: str) -> tuple[SummaryKind, str]:
    key, _sep, params = name.partition(":")
    return _KINDS[key], params


def _load(name: str) -> Summary | None:
    stored = _cache().get(_key(name))
    if not isinstance(stored, dict):
        return None
    return Summary(
        name=name,
        data=stored["data"],
        version=stored["version"],
        day=stored["day"],
        computed_at=stored["computed_at"],
    )


def _is_current(summary: Summary) -> bool:
    return summary.version == dataversion.current() and summary.day == timezone.localdate()


def is_plain(value: Any) -> bool:
    """Plain data only: what any process can read back whatever its code (no model instance,
    no queryset, no lazy translation, no object of the app's classes)."""
    if type(value) is dict:
        return all(type(k) in PLAIN_SCALARS and is_plain(v) for k, v in value.items())
    if type(value) in (list, tuple):
        return all(is_plain(v) for v in value)
    return type(value) in PLAIN_SCALARS or type(value) is datetime.datetime


def _compute_and_store(name: str) -> Summary:
    kind, params = _kind(name)
    # Read before computing: a write during the computation leaves the summary stale.
    version, day, started = dataversion.current(), timezone.localdate(), timezone.now()
    data = kind.compute(params)
    if not is_plain(data):
        raise TypeError(f"summary {name!r}: its data must be plain (dicts, lists, strings, numbers, dates)")
    stored = {"data": data, "version": version, "day": day, "computed_at": started}
    _cache().set(_key(name), stored, timeout=KEEP_SECONDS)
    return Summary(name=name, data=data, version=version, day=day, computed_at=started)


def _enqueue(name: str) -> None:
    from kombu.exceptions import OperationalError

    from .tasks import refresh_summary

    try:
        refresh_summary.delay(name)
    except OperationalError:
        # The broker is unreachable: the page shows what is stored; a later read tries again.
        logger.exception("summary %s: its refresh could not be enqueued", name)
        _cache().delete(_lock_key(name))


def _after_commit(callback: Callable[[], None]) -> None:
    """``callback`` once the caller's transaction commits, at once when none is open. The
    transaction a test case wraps each test in is not the caller's: it never commits."""
    connection = transaction.get_connection()
    if connection.in_atomic_block and all(getattr(b, "_from_testcase", False) for b in connection.atomic_blocks):
        callback()
    else:
        transaction.on_commit(callback)


def summary_read(name: str) -> Summary:
    """The summary, stale-while-revalidate (see the module's docstring). No SQL query unless
    nothing is stored (or, with eager tasks, it was stale)."""
    summary = _load(name)
    if summary is None:
        return _compute_and_store(name)
    if _is_current(summary):
        return summary
    if _cache().add(_lock_key(name), 1, timeout=LOCK_SECONDS):
        _after_commit(lambda: _enqueue(name))
    again = _load(name)
    if again is not None and _is_current(again):
        return again  # refreshed already (eager tasks)
    return replace(again or summary, pending=True)


def summary_refresh(name: str) -> Summary:
    """The refresh task's body: recompute and store the summary under the data version read
    before computing, then free its lock. Idempotent: a summary already current (a second
    delivery) is left as it is. Reads only: never writes the database."""
    summary = _load(name)
    if summary is None or not _is_current(summary):
        summary = _compute_and_store(name)
    summary_release(name)
    return summary


def summary_release(name: str) -> None:
    """Free the lock of a pending refresh (done, or given up)."""
    _cache().delete(_lock_key(name))


def refresh_pending(name: str) -> bool:
    """Whether a refresh of this summary is enqueued and not done (its lock is held)."""
    return _cache().get(_lock_key(name)) is not None
