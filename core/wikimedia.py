"""The one client the app uses to talk to the Wikimedia APIs.

Every outside call the application makes goes through :class:`WikimediaClient`:

* the Action API (``/w/api.php``) of any Wikimedia project (:func:`normalize_wiki_host`
  refuses any other host), and
* the Wikimedia REST per-article page-views API (``wikimedia.org/api/rest_v1``).

It follows the Wikimedia API etiquette: the policy User-Agent with a contact address
(``settings.WIKIMEDIA_USER_AGENT``), ``maxlag=5`` on every Action API request with the wait
the answer asks for, ``continue`` handling, exponential back-off on 429 and 5xx (respecting
``Retry-After``) with a ceiling, requests in series, and batches of at most 50 users or
titles. ``settings.WIKIMEDIA_MIRROR`` sends every request to a server of ours instead
(``<mirror>/<original host><original path and query>``): tests, the worker integration run and
local replays reach :mod:`core.wikimedia_replay` that way.

The sleep function and the clock are injected, so tests never wait.
"""

from __future__ import annotations

import email.utils
import logging
import re
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

import requests
from django.utils.translation import gettext_lazy as _

log = logging.getLogger(__name__)

#: Most multi-value parameters (``ucuser``, ``titles``, ``pageids``, ``ids``, ``ususers``)
#: take at most 50 values for a client without the ``apihighlimits`` right.
BATCH_SIZE = 50
#: Seconds of replication lag beyond which the API asks us to come back later.
MAXLAG = 5
ACTION_API_PATH = "/w/api.php"
REST_HOST = "wikimedia.org"
PAGEVIEWS_PATH = "/api/rest_v1/metrics/pageviews/per-article"

ApiParams = Mapping[str, str | int]
SleepFn = Callable[[float], None]
ClockFn = Callable[[], float]


# --- Errors ------------------------------------------------------------------------------


class WikimediaError(Exception):
    """Anything the client refuses, or could not obtain from the Wikimedia APIs."""


class NotAWikimediaProject(WikimediaError, ValueError):  # noqa: N818 (reads as a form error)
    """The host given is not a Wikimedia project; ``message`` fits a form error."""

    def __init__(self, value: str) -> None:
        self.value = value
        super().__init__(str(self.message))

    @property
    def message(self) -> str:
        return _(
            "“%(host)s” is not a Wikimedia project. Give the address of a wiki such as "
            "fr.wikipedia.org, commons.wikimedia.org or www.wikidata.org."
        ) % {"host": self.value}


class WikimediaAPIError(WikimediaError):
    """The Action API answered with an ``error`` object (``code``, ``info``)."""

    def __init__(self, host: str, code: str, info: str) -> None:
        self.host, self.code, self.info = host, code, info
        super().__init__(f"{host}: {code}: {info}")


class WikimediaHTTPError(WikimediaError):
    """No usable answer: an HTTP error, a connection failure, or retries exhausted."""

    def __init__(self, url: str, status: int | None, detail: str) -> None:
        self.url, self.status, self.detail = url, status, detail
        super().__init__(f"{detail} ({url})")


# --- Hosts ---------------------------------------------------------------------------------

# One wiki per language: <code>.<project>.org
_LANGUAGE_PROJECTS = frozenset(
    {"wikipedia", "wiktionary", "wikibooks", "wikinews", "wikiquote", "wikisource", "wikiversity", "wikivoyage"}
)
# Language codes (fr, de, zh-min-nan, be-tarask, ...) and the few special sub-domains.
_LANGUAGE_CODE = re.compile(r"^(?:[a-z]{2,3}(?:-[a-z0-9]+)*|simple|test|test2|beta)$")
# Wikis on their own host. *.wikimedia.org is mostly infrastructure (phabricator, lists,
# upload, stats...), so only its wikis are listed.
_SINGLE_WIKIS = frozenset(
    {
        "www.wikidata.org",
        "test.wikidata.org",
        "www.wikifunctions.org",
        "www.mediawiki.org",
        "wikisource.org",
        "commons.wikimedia.org",
        "meta.wikimedia.org",
        "species.wikimedia.org",
        "incubator.wikimedia.org",
        "outreach.wikimedia.org",
        "foundation.wikimedia.org",
        "wikimania.wikimedia.org",
        "wikitech.wikimedia.org",
        "fr.wikimedia.org",  # Wikimédia France's own wiki
    }
)
# Mobile hosts name the same wiki: fr.m.wikipedia.org, m.wikidata.org, commons.m.wikimedia.org.
_MOBILE_BARE = {"m.wikidata.org": "www.wikidata.org", "m.mediawiki.org": "www.mediawiki.org"}


def normalize_wiki_host(value: str) -> str:
    """Return the canonical host of a Wikimedia wiki, or raise :class:`NotAWikimediaProject`.

    Accepts a bare host (``fr.wikipedia.org``), a URL pasted from the browser
    (``https://fr.m.wikipedia.org/wiki/Lyon``), any case and a trailing dot.
    """
    raw = (value or "").strip()
    candidate = raw if "//" in raw else f"//{raw}"
    try:
        parts = urlsplit(candidate)
        port = parts.port
    except ValueError as exc:
        raise NotAWikimediaProject(raw) from exc
    host = (parts.hostname or "").rstrip(".")
    if parts.scheme not in ("", "http", "https") or port is not None or parts.username or not host:
        raise NotAWikimediaProject(raw)
    host = _MOBILE_BARE.get(host, host)
    labels = host.split(".")
    if len(labels) == 4 and labels[1] == "m":
        labels.pop(1)
        host = ".".join(labels)
    if host in _SINGLE_WIKIS:
        return host
    if (
        len(labels) == 3
        and labels[2] == "org"
        and labels[1] in _LANGUAGE_PROJECTS
        and labels[0] != "www"  # the portals (www.wikipedia.org...), not wikis
        and _LANGUAGE_CODE.match(labels[0])
    ):
        return host
    raise NotAWikimediaProject(raw)


def pageviews_project(host: str) -> str:
    """The ``project`` segment of the page-views API for a wiki host (fr.wikipedia, wikidata)."""
    host = normalize_wiki_host(host)
    return host.removeprefix("www.").removesuffix(".org")


# --- Client --------------------------------------------------------------------------------


@dataclass(frozen=True)
class RetryPolicy:
    """How hard the client tries before it gives up on one request.

    ``attempts`` counts every try of a request; a failed try waits ``backoff * 2**n`` seconds
    (or what ``Retry-After`` asks), never more than ``max_wait``. A server asking for more
    than ``max_wait`` gets no early retry: the client gives up at once.
    """

    attempts: int = 5
    backoff: float = 1.0
    max_wait: float = 60.0


class WikimediaClient:
    """A serial, polite HTTP client for the Wikimedia APIs (one ``requests.Session``).

    ``requests_made`` counts every HTTP request sent (retries included) and ``waited`` the
    seconds spent sleeping, so a caller can report what a collection cost. Requests are sent
    one at a time, even if the client is shared between threads.
    """

    def __init__(
        self,
        *,
        user_agent: str,
        mirror: str = "",
        session: requests.Session | None = None,
        sleep: SleepFn = time.sleep,
        clock: ClockFn = time.time,
        timeout: float = 30.0,
        retry: RetryPolicy | None = None,
        maxlag: int = MAXLAG,
    ) -> None:
        if not user_agent or ("@" not in user_agent and "http" not in user_agent):
            raise ValueError("The Wikimedia User-Agent must carry a contact (an e-mail address or a URL).")
        if mirror and urlsplit(mirror).scheme not in ("http", "https"):
            raise ValueError(f"WIKIMEDIA_MIRROR must be an http(s) URL, not {mirror!r}.")
        self.mirror = mirror.rstrip("/")
        self.session = session or requests.Session()
        self.session.headers["User-Agent"] = user_agent
        self.session.headers["Accept"] = "application/json"
        self.sleep = sleep
        self.clock = clock
        self.timeout = timeout
        self.retry = retry or RetryPolicy()
        self.maxlag = maxlag
        self.requests_made = 0
        self.waited = 0.0
        self._lock = threading.Lock()

    @classmethod
    def from_settings(cls, **overrides: Any) -> WikimediaClient:
        """The client configured by ``WIKIMEDIA_USER_AGENT`` and ``WIKIMEDIA_MIRROR``."""
        from django.conf import settings

        options: dict[str, Any] = {
            "user_agent": settings.WIKIMEDIA_USER_AGENT,
            "mirror": getattr(settings, "WIKIMEDIA_MIRROR", ""),
        }
        options.update(overrides)
        return cls(**options)

    def close(self) -> None:
        self.session.close()

    def __enter__(self) -> WikimediaClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # --- URLs ---

    def url_for(self, host: str, path: str, query: str = "") -> str:
        """The URL really requested: the original one, or its mirror."""
        base = f"{self.mirror}/{host}" if self.mirror else f"https://{host}"
        return f"{base}{path}" + (f"?{query}" if query else "")

    # --- Action API ---

    def action(self, host: str, params: ApiParams) -> dict[str, Any]:
        """One Action API request on a Wikimedia wiki; returns the decoded answer.

        Raises :class:`WikimediaAPIError` when the answer carries an ``error`` (other than
        ``maxlag``, which is waited out and retried).
        """
        host = normalize_wiki_host(host)
        query = {str(k): str(v) for k, v in params.items()}
        query.update({"format": "json", "maxlag": str(self.maxlag)})
        url = self.url_for(host, ACTION_API_PATH, urlencode(query, quote_via=quote))
        data = self._get_json(url, host=host, action_api=True)
        if data is None:  # pragma: no cover (404 is only tolerated on the REST API)
            raise WikimediaHTTPError(url, 404, "Not found")
        if "error" in data:
            error = data["error"]
            raise WikimediaAPIError(host, str(error.get("code", "")), str(error.get("info", "")))
        for module, warning in (data.get("warnings") or {}).items():
            log.warning("Wikimedia API warning from %s (%s): %s", host, module, warning)
        return data

    def query(self, host: str, params: ApiParams) -> Iterator[dict[str, Any]]:
        """Yield every page of an ``action=query`` request, following ``continue``."""
        base = {**params, "action": "query"}
        carry: dict[str, str] = {}
        while True:
            data = self.action(host, {**base, **carry})
            yield data
            if "continue" not in data:
                return
            carry = {str(k): str(v) for k, v in data["continue"].items()}

    def query_batched(
        self, host: str, params: ApiParams, *, param: str, values: Sequence[str], batch_size: int = BATCH_SIZE
    ) -> Iterator[dict[str, Any]]:
        """Yield every page of one query per batch of ``values`` joined into ``param``."""
        if not 0 < batch_size <= BATCH_SIZE:
            raise ValueError(f"batch_size must be between 1 and {BATCH_SIZE}")
        for start in range(0, len(values), batch_size):
            batch = values[start : start + batch_size]
            yield from self.query(host, {**params, param: "|".join(batch)})

    # --- REST page views ---

    def pageviews(
        self,
        host: str,
        title: str,
        start: date,
        end: date,
        *,
        access: str = "all-access",
        agent: str = "user",
    ) -> list[dict[str, Any]]:
        """Daily page views of one article from ``start`` to ``end`` (UTC days, inclusive).

        An article the API has no data for (it answers 404) has no items: that is zero views,
        not an error.
        """
        article = quote(title.replace(" ", "_"), safe="")
        path = (
            f"{PAGEVIEWS_PATH}/{pageviews_project(host)}/{access}/{agent}/{article}/daily/"
            f"{start:%Y%m%d}00/{end:%Y%m%d}00"
        )
        data = self._get_json(self.url_for(REST_HOST, path), host=REST_HOST, action_api=False)
        if data is None:
            return []
        return list(data.get("items", []))

    # --- Transport ---

    def _get_json(self, url: str, *, host: str, action_api: bool) -> dict[str, Any] | None:
        with self._lock:
            return self._get_json_serial(url, host=host, action_api=action_api)

    def _get_json_serial(self, url: str, *, host: str, action_api: bool) -> dict[str, Any] | None:
        policy = self.retry
        for attempt in range(1, policy.attempts + 1):
            last = attempt == policy.attempts
            backoff = min(policy.max_wait, policy.backoff * 2 ** (attempt - 1))
            self.requests_made += 1
            try:
                response = self.session.get(url, timeout=self.timeout, allow_redirects=False)
            except requests.RequestException as exc:
                if last:
                    raise WikimediaHTTPError(url, None, f"No answer after {attempt} attempts: {exc}") from exc
                log.info("Wikimedia request failed (%s), retrying in %.1f s", exc, backoff)
                self._wait(backoff)
                continue

            status = response.status_code
            if status == 429 or status >= 500:
                asked = self._retry_after(response)
                if asked is not None and asked > policy.max_wait:
                    raise WikimediaHTTPError(url, status, f"HTTP {status}: asked to wait {asked:.0f} s, giving up")
                if last:
                    raise WikimediaHTTPError(url, status, f"HTTP {status} after {attempt} attempts")
                self._wait(max(backoff, asked or 0.0))
                continue
            if status == 404 and not action_api:
                return None
            if status != 200:
                raise WikimediaHTTPError(url, status, f"HTTP {status}")
            try:
                data = response.json()
            except ValueError as exc:
                raise WikimediaHTTPError(url, status, "The answer is not JSON") from exc
            if not isinstance(data, dict):
                raise WikimediaHTTPError(url, status, "The answer is not a JSON object")

            error = data.get("error") if action_api else None
            if isinstance(error, dict) and error.get("code") == "maxlag":
                if last:
                    raise WikimediaAPIError(host, "maxlag", str(error.get("info", "")))
                asked = self._retry_after(response)
                if asked is None:
                    asked = float(error.get("lag") or policy.backoff)
                wait = min(policy.max_wait, max(asked, 1.0))
                log.info("Wikimedia servers lagged (%s), waiting %.1f s", error.get("info"), wait)
                self._wait(wait)
                continue
            return data
        raise AssertionError("unreachable")  # pragma: no cover

    def _wait(self, seconds: float) -> None:
        self.waited += seconds
        self.sleep(seconds)

    def _retry_after(self, response: requests.Response) -> float | None:
        """Seconds asked by ``Retry-After`` (a number or an HTTP date), if any."""
        value = response.headers.get("Retry-After", "").strip()
        if not value:
            return None
        if value.isdigit():
            return float(value)
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        return max(0.0, when.timestamp() - self.clock())
