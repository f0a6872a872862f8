"""The impact of an activity measured on the Wikimedia projects: plain functions, no database.

:func:`collect_impact` takes an :class:`ImpactScope` (the wiki, the participants' usernames,
the time window, a Commons category, articles) and returns an :class:`ImpactResult`:

* contributions in the main namespace of the wiki (``list=usercontribs``, 50 users a request):
  edits, bytes added (the sum of positive size differences) and removed, articles edited and
  created (new pages), or Wikidata items edited when the wiki is Wikidata;
* files: those of the Commons category (``list=categorymembers``, files, subcategories to a
  given depth) and those the participants uploaded in the window (new file pages on Commons);
  how many are in use on another wiki (``prop=globalusage``, 50 files a request), the re-use
  share and the number of pages using them;
* page views of the articles concerned (edited, declared, or in the category of articles) over
  the window and the 30 days after (REST per-article API, summed).

Each part that fails is named in ``failures`` and the others are kept; a figure that depends on
a failed part is not computed from half its input. The result says how many requests it made
and how long it took. :meth:`ImpactResult.as_dict` gives the JSON a snapshot stores, with the
lists behind the counts (titles edited and created, file page ids, views by title), so that a
total over several activities counts a shared article or file once.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .wikimedia import NotAWikimediaProject, WikimediaClient, WikimediaError, normalize_wiki_host

DEFAULT_WIKI = "fr.wikipedia.org"
COMMONS = "commons.wikimedia.org"
WIKIDATA = "www.wikidata.org"
#: Deepest subcategory level walked below a Commons category.
MAX_CATEGORY_DEPTH = 3
#: Categories walked at most (Commons category trees are large and may loop).
MAX_CATEGORIES = 200
#: Articles whose page views are fetched at most (one REST request each).
MAX_PAGEVIEW_ARTICLES = 500
#: The largest ``uclimit`` / ``cmlimit`` / ``gulimit`` a client without bot rights may ask.
LIST_LIMIT = "500"
PAGEVIEWS_DAYS_AFTER = 30

T = TypeVar("T")


# --- Input ---------------------------------------------------------------------------------


class ScopeError(ValueError):
    """A scope that cannot be measured; ``field`` names the input, ``message`` fits a form."""

    def __init__(self, field: str, message: str | Promise) -> None:
        self.field, self.message = field, message
        super().__init__(str(message))


_USER_PREFIX = re.compile(r"^(?:user|utilisateur|utilisatrice|benutzer|usuario)\s*:\s*", re.IGNORECASE)
_CATEGORY_PREFIX = re.compile(r"^(?:category|catégorie|categorie)\s*:\s*", re.IGNORECASE)


def _canonical(text: str, *, capitalize: bool = True) -> str:
    text = " ".join(text.replace("_", " ").split())
    return text[:1].upper() + text[1:] if capitalize else text


def normalize_username(value: str) -> str:
    """``user:jean_dupont `` -> ``Jean dupont`` (MediaWiki capitalises the first letter)."""
    return _canonical(_USER_PREFIX.sub("", value.strip()))


def parse_usernames(text: str) -> tuple[str, ...]:
    """Usernames pasted one per line (a name may contain commas), normalised, deduplicated."""
    names = (normalize_username(line) for line in text.splitlines())
    return tuple(dict.fromkeys(n for n in names if n))


def _capitalized(host: str) -> bool:
    return not host.endswith(".wiktionary.org")  # Wiktionary keeps the first letter's case


def normalize_category(value: str, *, host: str) -> str:
    """``catégorie:Musée_X`` -> ``Category:Musée X`` (the canonical prefix works everywhere)."""
    name = _canonical(_CATEGORY_PREFIX.sub("", value.strip()), capitalize=_capitalized(host))
    return f"Category:{name}" if name else ""


@dataclass(frozen=True)
class ImpactScope:
    """What to measure for one activity. Dates are days in ``timezone``, both included.

    Contributions are counted from ``start`` to ``end`` plus ``tail_days``; page views over the
    same window plus ``pageviews_days_after`` days. Invalid input raises :class:`ScopeError`.
    """

    start: date
    end: date
    wiki: str = DEFAULT_WIKI
    usernames: tuple[str, ...] = ()
    tail_days: int = 0
    commons_category: str = ""
    category_depth: int = 0
    articles: tuple[str, ...] = ()
    articles_category: str = ""
    timezone: str = "Europe/Paris"
    pageviews_days_after: int = PAGEVIEWS_DAYS_AFTER

    def __post_init__(self) -> None:
        try:
            wiki = normalize_wiki_host(self.wiki)
        except NotAWikimediaProject as exc:
            raise ScopeError("wiki", exc.message) from exc
        if self.end < self.start:
            raise ScopeError("end", _("The time window ends before it starts."))
        if self.tail_days < 0 or self.pageviews_days_after < 0:
            raise ScopeError("tail_days", _("A number of days cannot be negative."))
        if not 0 <= self.category_depth <= MAX_CATEGORY_DEPTH:
            raise ScopeError(
                "category_depth",
                _("The depth of subcategories must be between 0 and %(max)d.") % {"max": MAX_CATEGORY_DEPTH},
            )
        try:
            ZoneInfo(self.timezone)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ScopeError("timezone", _("Unknown time zone.")) from exc
        names = (normalize_username(n) for n in self.usernames)
        titles = (_canonical(t, capitalize=_capitalized(wiki)) for t in self.articles)
        object.__setattr__(self, "wiki", wiki)
        object.__setattr__(self, "usernames", tuple(dict.fromkeys(n for n in names if n)))
        object.__setattr__(self, "articles", tuple(dict.fromkeys(t for t in titles if t)))
        object.__setattr__(self, "commons_category", normalize_category(self.commons_category, host=COMMONS))
        object.__setattr__(self, "articles_category", normalize_category(self.articles_category, host=wiki))

    @property
    def contributions_end(self) -> date:
        return self.end + timedelta(days=self.tail_days)

    def window_utc(self) -> tuple[datetime, datetime]:
        """First and last second of the contribution window, in UTC."""
        zone = ZoneInfo(self.timezone)
        first = datetime.combine(self.start, time.min, tzinfo=zone)
        last = datetime.combine(self.contributions_end, time(23, 59, 59), tzinfo=zone)
        return first.astimezone(UTC), last.astimezone(UTC)

    def pageviews_range(self, today: date) -> tuple[date, date] | None:
        """UTC days whose page views count, up to yesterday; ``None`` before the first one."""
        last = min(self.contributions_end + timedelta(days=self.pageviews_days_after), today - timedelta(days=1))
        return (self.start, last) if self.start <= last else None


# --- Checking a scope ----------------------------------------------------------------------


@dataclass
class ScopeCheck:
    """Which usernames and categories of a scope exist on their wiki."""

    existing_users: list[str] = field(default_factory=list)
    missing_users: list[str] = field(default_factory=list)
    invalid_users: list[str] = field(default_factory=list)
    missing_categories: list[tuple[str, str]] = field(default_factory=list)  # (host, category)

    @property
    def ok(self) -> bool:
        return not (self.missing_users or self.invalid_users or self.missing_categories)

    def messages(self, wiki: str) -> list[str]:
        """One clear sentence per problem, in the active language (form errors)."""
        return scope_problems(wiki, self.missing_users, self.invalid_users, self.missing_categories)


def scope_problems(
    wiki: str, missing_users: Iterable[str], invalid_users: Iterable[str], missing_categories: Iterable[Sequence[str]]
) -> list[str]:
    """The sentences telling staff what in a scope does not exist."""
    found = [_("No account named “%(name)s” on %(wiki)s.") % {"name": n, "wiki": wiki} for n in missing_users]
    found += [_("“%(name)s” is not a valid username.") % {"name": n} for n in invalid_users]
    found += [
        _("The category “%(name)s” does not exist on %(wiki)s.") % {"name": category, "wiki": host}
        for host, category in missing_categories
    ]
    return found


def check_scope(client: WikimediaClient, scope: ImpactScope) -> ScopeCheck:
    """Look up the scope's usernames (``list=users``, 50 a request) and categories
    (``prop=categoryinfo``): what a form reports before anything is saved."""
    check = ScopeCheck()
    status: dict[str, str] = {}
    names = list(scope.usernames)
    for page in client.query_batched(scope.wiki, {"list": "users"}, param="ususers", values=names):
        for user in page.get("query", {}).get("users", []):
            name = str(user.get("name", ""))
            status[name] = "invalid" if "invalid" in user else "missing" if "missing" in user else "ok"
    for name in names:
        state = status.get(name, "missing")
        {"ok": check.existing_users, "missing": check.missing_users, "invalid": check.invalid_users}[state].append(name)
    for host, category in ((COMMONS, scope.commons_category), (scope.wiki, scope.articles_category)):
        if category and not category_exists(client, host, category):
            check.missing_categories.append((host, category))
    return check


def category_exists(client: WikimediaClient, host: str, category: str) -> bool:
    """A category exists when its page does, or when it has members without a page."""
    data = client.action(host, {"action": "query", "prop": "categoryinfo", "titles": category})
    return any("missing" not in p or int(p.get("categoryinfo", {}).get("size", 0)) > 0 for p in _pages(data))


# --- The parts -----------------------------------------------------------------------------


def _pages(data: dict[str, Any]) -> list[dict[str, Any]]:
    """``query.pages`` as a list, whether the answer is in format version 1 or 2."""
    pages = data.get("query", {}).get("pages", [])
    return list(pages.values()) if isinstance(pages, dict) else list(pages)


def _flag(entry: dict[str, Any], name: str) -> bool:
    """A boolean flag: ``"new": ""`` in format version 1, ``"new": true`` in version 2."""
    return name in entry and entry[name] is not False


def _mw_timestamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%d%H%M%S")


@dataclass
class Contributions:
    """Contributions of the participants in one namespace of one wiki."""

    edits: int = 0
    bytes_added: int = 0
    bytes_removed: int = 0
    pages_edited: set[str] = field(default_factory=set)
    pages_created: set[str] = field(default_factory=set)
    contributors: set[str] = field(default_factory=set)


def collect_contributions(
    client: WikimediaClient, host: str, usernames: Sequence[str], start: datetime, end: datetime, *, namespace: int = 0
) -> Contributions:
    """``list=usercontribs`` of ``usernames`` between ``start`` and ``end`` (newest first)."""
    params = {
        "list": "usercontribs",
        "ucnamespace": str(namespace),
        "ucprop": "ids|title|timestamp|sizediff|flags",
        "uclimit": LIST_LIMIT,
        "ucstart": _mw_timestamp(end),
        "ucend": _mw_timestamp(start),
    }
    found = Contributions()
    for page in client.query_batched(host, params, param="ucuser", values=list(usernames)):
        for contrib in page.get("query", {}).get("usercontribs", []):
            found.edits += 1
            diff = int(contrib.get("sizediff", 0))
            if diff > 0:
                found.bytes_added += diff
            else:
                found.bytes_removed -= diff
            found.pages_edited.add(contrib["title"])
            if _flag(contrib, "new"):
                found.pages_created.add(contrib["title"])
            found.contributors.add(contrib["user"])
    return found


def collect_uploads(
    client: WikimediaClient, usernames: Sequence[str], start: datetime, end: datetime
) -> dict[int, str]:
    """Files the participants uploaded on Commons in the window: new pages of the File
    namespace (as the Wiki Education Dashboard counts them), by page id."""
    params = {
        "list": "usercontribs",
        "ucnamespace": "6",
        "ucshow": "new",
        "uclimit": LIST_LIMIT,
        "ucstart": _mw_timestamp(end),
        "ucend": _mw_timestamp(start),
    }
    files: dict[int, str] = {}
    for page in client.query_batched(COMMONS, params, param="ucuser", values=list(usernames)):
        for contrib in page.get("query", {}).get("usercontribs", []):
            files[int(contrib["pageid"])] = contrib["title"]
    return files


@dataclass
class CategoryMembers:
    """Members of a category tree, by page id."""

    members: dict[int, str] = field(default_factory=dict)
    categories: list[str] = field(default_factory=list)
    truncated: bool = False


def collect_category_files(
    client: WikimediaClient, category: str, *, depth: int = 0, host: str = COMMONS
) -> CategoryMembers:
    """Files of ``category`` and of its subcategories down to ``depth`` levels, each once."""
    found = CategoryMembers()
    queue: list[tuple[str, int]] = [(category, 0)]
    seen = {category}
    while queue:
        current, level = queue.pop(0)
        if len(found.categories) >= MAX_CATEGORIES:
            found.truncated = True
            break
        found.categories.append(current)
        cmtype = "file|subcat" if level < depth else "file"
        params = {"list": "categorymembers", "cmtitle": current, "cmtype": cmtype, "cmlimit": LIST_LIMIT}
        for page in client.query(host, params):
            for member in page.get("query", {}).get("categorymembers", []):
                if member["ns"] == 6:
                    found.members[int(member["pageid"])] = member["title"]
                elif member["ns"] == 14 and member["title"] not in seen:
                    seen.add(member["title"])
                    queue.append((member["title"], level + 1))
    return found


def collect_category_articles(client: WikimediaClient, host: str, category: str) -> CategoryMembers:
    """Articles (main namespace) directly in ``category`` of ``host``."""
    found = CategoryMembers(categories=[category])
    for page in client.query(host, {"list": "categorymembers", "cmtitle": category, "cmlimit": LIST_LIMIT}):
        for member in page.get("query", {}).get("categorymembers", []):
            if member["ns"] == 0:
                found.members[int(member["pageid"])] = member["title"]
    return found


@dataclass
class FileUsage:
    """Where files are used on the other wikis."""

    in_use: set[int] = field(default_factory=set)
    pages: set[tuple[str, str]] = field(default_factory=set)
    deleted: dict[int, str] = field(default_factory=dict)


def collect_file_usage(client: WikimediaClient, pageids: Iterable[int]) -> FileUsage:
    """``prop=globalusage`` of the files (50 page ids a request), outside Commons itself."""
    params = {"prop": "globalusage", "guprop": "namespace", "gulimit": LIST_LIMIT, "gufilterlocal": "1"}
    values = [str(p) for p in sorted(set(pageids))]
    usage = FileUsage()
    for page in client.query_batched(COMMONS, params, param="pageids", values=values):
        for file in _pages(page):
            pageid = int(file.get("pageid", 0))
            if _flag(file, "missing"):
                usage.deleted[pageid] = str(file.get("title", pageid))
                continue
            for use in file.get("globalusage", []):
                usage.in_use.add(pageid)
                usage.pages.add((use["wiki"], use["title"]))
    return usage


@dataclass
class PageViews:
    total: int = 0
    with_data: int = 0
    without_data: list[str] = field(default_factory=list)
    by_title: dict[str, int] = field(default_factory=dict)


def collect_pageviews(client: WikimediaClient, host: str, titles: Iterable[str], start: date, end: date) -> PageViews:
    """Page views of each article from ``start`` to ``end`` (UTC days), summed."""
    views = PageViews()
    for title in titles:
        items = client.pageviews(host, title, start, end)
        if not items:
            views.without_data.append(title)
            continue
        views.with_data += 1
        views.by_title[title] = sum(int(item["views"]) for item in items)
        views.total += views.by_title[title]
    return views


# --- The whole collection ------------------------------------------------------------------


@dataclass
class ImpactResult:
    """Figures of one collection; ``None`` means "not measured" (out of scope, or failed)."""

    wiki: str
    started_at: datetime
    duration_seconds: float = 0.0
    requests: int = 0
    # Contributions in the main namespace of the wiki.
    edits: int | None = None
    bytes_added: int | None = None
    bytes_removed: int | None = None
    articles_edited: int | None = None
    articles_created: int | None = None
    wikidata_items_edited: int | None = None
    active_participants: int | None = None
    # Files on Commons.
    files_in_category: int | None = None
    files_uploaded: int | None = None
    files_total: int | None = None
    files_in_use: int | None = None
    reuse_share: float | None = None
    pages_using_files: int | None = None
    # Page views of the articles concerned.
    page_views: int | None = None
    articles_viewed: int | None = None
    pageviews_start: date | None = None
    pageviews_end: date | None = None
    # The lists behind the counts, so that totals over several activities count an article or
    # a file once (evaluations/impact.py): titles on ``wiki``, Commons page ids, views by title.
    titles_edited: list[str] = field(default_factory=list)
    titles_created: list[str] = field(default_factory=list)
    file_ids: list[int] = field(default_factory=list)
    file_ids_in_use: list[int] = field(default_factory=list)
    views_by_title: dict[str, int] = field(default_factory=dict)
    # What the collection found wrong with the scope, and what failed.
    missing_users: list[str] = field(default_factory=list)
    invalid_users: list[str] = field(default_factory=list)
    missing_categories: list[tuple[str, str]] = field(default_factory=list)  # (host, category)
    deleted_files: list[str] = field(default_factory=list)
    truncated: list[str] = field(default_factory=list)
    failures: dict[str, str] = field(default_factory=dict)

    @property
    def complete(self) -> bool:
        return not self.failures

    def problems(self) -> list[str]:
        """What in the scope does not exist, as sentences in the active language."""
        return scope_problems(self.wiki, self.missing_users, self.invalid_users, self.missing_categories)

    def as_dict(self) -> dict[str, Any]:
        """Plain JSON values (dates as ISO strings) for a snapshot's JSON field."""
        data = dataclasses.asdict(self)
        for key, value in data.items():
            if isinstance(value, (date, datetime)):
                data[key] = value.isoformat()
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ImpactResult:
        values = dict(data)
        values["started_at"] = datetime.fromisoformat(values["started_at"])
        values["missing_categories"] = [tuple(pair) for pair in values.get("missing_categories", [])]
        for key in ("pageviews_start", "pageviews_end"):
            if values.get(key):
                values[key] = date.fromisoformat(values[key])
        return cls(**values)


def _part(result: ImpactResult, name: str, run: Callable[[], T]) -> T | None:
    try:
        return run()
    except WikimediaError as exc:
        result.failures[name] = str(exc)
        return None


def collect_impact(
    scope: ImpactScope, *, client: WikimediaClient | None = None, today: date | None = None
) -> ImpactResult:
    """Measure ``scope``; never raises for a Wikimedia failure (see ``failures``)."""
    own_client = client is None
    api = client or WikimediaClient.from_settings()
    started, requests_before = api.clock(), api.requests_made
    result = ImpactResult(wiki=scope.wiki, started_at=datetime.fromtimestamp(started, UTC))
    today = today or result.started_at.date()
    try:
        _collect(api, scope, result, today)
    finally:
        result.duration_seconds = round(api.clock() - started, 3)
        result.requests = api.requests_made - requests_before
        if own_client:
            api.close()
    return result


def _collect(api: WikimediaClient, scope: ImpactScope, result: ImpactResult, today: date) -> None:
    start, end = scope.window_utc()

    check = _part(result, "scope", lambda: check_scope(api, scope))
    users = list(scope.usernames)
    if check is not None:
        result.missing_users, result.invalid_users = check.missing_users, check.invalid_users
        result.missing_categories = check.missing_categories
        users = check.existing_users
    # A participant may have uploaded on Commons without an account on the wiki.
    uploaders = [u for u in scope.usernames if u not in result.invalid_users]

    contribs: Contributions | None = Contributions()
    if users:
        contribs = _part(result, "contributions", lambda: collect_contributions(api, scope.wiki, users, start, end))
    if contribs is not None and scope.usernames:
        result.edits, result.bytes_added, result.bytes_removed = (
            contribs.edits,
            contribs.bytes_added,
            contribs.bytes_removed,
        )
        result.active_participants = len(contribs.contributors)
        result.titles_edited, result.titles_created = sorted(contribs.pages_edited), sorted(contribs.pages_created)
        if scope.wiki == WIKIDATA:
            result.wikidata_items_edited = len(contribs.pages_edited)
        else:
            result.articles_edited, result.articles_created = len(contribs.pages_edited), len(contribs.pages_created)

    # Files: the category's and the participants' uploads.
    uploads: dict[int, str] | None = {}
    if uploaders:
        uploads = _part(result, "uploads", lambda: collect_uploads(api, uploaders, start, end))
    category: CategoryMembers | None = CategoryMembers()
    if scope.commons_category:
        category = _part(
            result, "category", lambda: collect_category_files(api, scope.commons_category, depth=scope.category_depth)
        )
    if uploads is not None and uploaders:
        result.files_uploaded = len(uploads)
    if category is not None and scope.commons_category:
        result.files_in_category = len(category.members)
        if category.truncated:
            result.truncated.append("category")
    if uploaders or scope.commons_category:
        if uploads is None or category is None:
            result.failures["file_usage"] = "not measured: the list of files is incomplete"
        else:
            files = {**category.members, **uploads}
            usage = _part(result, "file_usage", lambda: collect_file_usage(api, files))
            if usage is not None:
                live = set(files) - set(usage.deleted)
                result.deleted_files = sorted(files.get(p, title) for p, title in usage.deleted.items())
                result.files_total = len(live)
                result.files_in_use = len(usage.in_use & live)
                result.file_ids, result.file_ids_in_use = sorted(live), sorted(usage.in_use & live)
                result.reuse_share = result.files_in_use / result.files_total if result.files_total else None
                result.pages_using_files = len(usage.pages)

    # Page views of the articles concerned.
    articles: CategoryMembers | None = CategoryMembers()
    if scope.articles_category:
        articles = _part(
            result, "articles_category", lambda: collect_category_articles(api, scope.wiki, scope.articles_category)
        )
    titles = set(scope.articles)
    if contribs is not None:
        titles |= contribs.pages_edited
    if articles is not None:
        titles |= set(articles.members.values())
    window = scope.pageviews_range(today)
    if not titles or window is None:
        return
    if contribs is None or articles is None:
        result.failures["pageviews"] = "not measured: the list of articles is incomplete"
        return
    chosen = sorted(titles)
    if len(chosen) > MAX_PAGEVIEW_ARTICLES:
        chosen = chosen[:MAX_PAGEVIEW_ARTICLES]
        result.truncated.append("pageviews")
    views = _part(result, "pageviews", lambda: collect_pageviews(api, scope.wiki, chosen, *window))
    if views is not None:
        result.page_views, result.articles_viewed = views.total, len(chosen)
        result.views_by_title = views.by_title
        result.pageviews_start, result.pageviews_end = window
