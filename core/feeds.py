"""Calendar feeds (iCalendar): a private address per user and per partner, no login needed.

- The address carries a secret derived from the feed row's random ``salt`` and the
  SECRET_KEY (``feed_token``), never stored; a new salt is a new address (the old one gives
  404), deleting the row turns the feed off (404). Each feed is rate-limited by its token.
- What a feed holds: the deadlines (``core.deadlines``) its owner is reminded of, and the
  events the apps register (``calendar_events_register``: the activities), from 30 days
  back to a year ahead.
- ``ics_document`` writes it with the ``icalendar`` library: one VEVENT per item, UID stable
  per deadline key, DTSTAMP, all-day DTSTART/DTEND (VALUE=DATE), SUMMARY, URL.
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import hmac
import secrets
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import icalendar
from django.conf import settings
from django.utils import timezone

from .deadlines import Occurrence, recipients_for, upcoming_deadlines

#: A feed lists what falls from 30 days ago to a year ahead.
FEED_PAST = datetime.timedelta(days=30)
FEED_AHEAD = datetime.timedelta(days=365)
#: Calendar apps poll every few minutes to every few hours: 120 fetches an hour is plenty.
FEED_RATE_LIMIT = (120, 3600)


def new_salt() -> str:
    return secrets.token_urlsafe(16)


def feed_token(kind: str, salt: str) -> str:
    """The address's secret: HMAC of the salt (``kind`` "user" or "partner" keeps them apart)."""
    digest = hmac.new(settings.SECRET_KEY.encode(), f"wmfr-calendar:{kind}:{salt}".encode(), hashlib.sha256)
    return base64.urlsafe_b64encode(digest.digest()).rstrip(b"=").decode()


def feed_token_matches(kind: str, salt: str, token: str) -> bool:
    return hmac.compare_digest(feed_token(kind, salt), token)


def feed_window(today: datetime.date | None = None) -> tuple[datetime.date, datetime.date]:
    today = today or timezone.localdate()
    return today - FEED_PAST, today + FEED_AHEAD


@dataclass(frozen=True)
class CalendarEvent:
    """One all-day event: ``start`` to ``end`` inclusive (``end`` None: that day only)."""

    uid: str  # stable across fetches: the calendar app updates the event instead of duplicating it
    summary: str
    start: datetime.date
    end: datetime.date | None = None
    url: str = ""
    description: str = ""


@dataclass(frozen=True)
class FeedQuery:
    """What an event source is asked for: a user's feed (``user``) or a partner's (``partner_id``)."""

    start: datetime.date
    end: datetime.date
    user: Any = None  # the feed's owner (staff: what they lead; partners: their organisations')
    partner_ids: tuple[int, ...] = ()
    portal: bool = False  # partner wording and links


EventSource = Callable[[FeedQuery], Iterable[CalendarEvent]]
_sources: dict[str, EventSource] = {}


def calendar_events_register(key: str, source: EventSource) -> None:
    """``source(query)`` → the app's events for that feed, in a fixed number of queries."""
    _sources[key] = source


def calendar_events(query: FeedQuery) -> list[CalendarEvent]:
    return [e for key in sorted(_sources) for e in _sources[key](query)]


def _host() -> str:
    return urlsplit(settings.SITE_URL).hostname or "wmfr-partners"


def absolute(url: str) -> str:
    return f"{settings.SITE_URL.rstrip('/')}{url}" if url.startswith("/") else url


def uid(key: str) -> str:
    return f"{key}@{_host()}"


def deadline_events(occurrences: Iterable[Occurrence], *, portal: bool) -> list[CalendarEvent]:
    return [
        CalendarEvent(
            uid=uid(o.key),
            summary=o.portal_text if portal else o.text,
            start=o.date,
            url=absolute(o.portal_url if portal else o.url),
            description=str(o.deadline_kind.label),
        )
        for o in occurrences
    ]


def user_deadlines(user: Any, partner_ids: Sequence[int], start: datetime.date, end: datetime.date) -> list[Occurrence]:
    """The deadlines whose reminders go to ``user`` (``core.deadlines.recipients_for``): staff
    across every partner, a partner's user within their organisations and the portal kinds.
    Call with scopes disabled."""
    today = timezone.localdate()
    if user.is_staff:
        found = upcoming_deadlines(start, end, today=today)
    else:
        found = [o for pk in partner_ids for o in upcoming_deadlines(start, end, partner=pk, portal=True, today=today)]
    recipients = recipients_for(found)
    me = f"user:{user.pk}"
    return [o for o in found if any(r.key == me for r in recipients[o.key])]


def ics_document(name: str, events: Iterable[CalendarEvent]) -> bytes:
    """A VCALENDAR of all-day events (RFC 5545), as calendar apps subscribe to it."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Wikimedia France//Partnerships//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    stamp = timezone.now().astimezone(datetime.UTC).replace(microsecond=0)
    for e in events:
        event = icalendar.Event()
        event.add("uid", e.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", e.start)  # a date: VALUE=DATE, an all-day event
        event.add("dtend", (e.end or e.start) + datetime.timedelta(days=1))  # exclusive
        event.add("summary", e.summary)
        event.add("transp", "TRANSPARENT")  # a deadline does not make anyone busy
        if e.url:
            event.add("url", e.url)
        if e.description:
            event.add("description", e.description)
        calendar.add_component(event)
    document: bytes = calendar.to_ical()
    return document
