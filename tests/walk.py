"""The URL × role walk engine: every pattern of the resolver, requested by every role, each
answer compared with the one answer expected (pretix's permission matrix, derived).

The expected answer is derived from what each view declares (``core.access``): a new view is
covered by construction, a view that declares nothing is a wrong answer, and a pattern the
walk cannot build fails the walk. The tables (``ACCESS``, ``PARAMS``, ``SUCCESSES``, ``LEAK_ALLOWED``)
live in ``tests/test_url_access.py`` and ``<app>/tests/walk_tables.py``; this module only walks.

Rules, for a pattern whose view declares ``(access, permissions, admin_only)`` (or, when the
pattern has a row in the reviewed ``ACCESS`` tables, for that row: ``tests/test_url_access.py``
checks that declarations and rows agree, so loosening a view in the code fails twice):

- ``PUBLIC``: the view's own success answer, for every role.
- anonymous on anything else: 302 to ``LOGIN_URL``.
- ``LOGGED_IN``: success for every logged-in role.
- ``STAFF``: 403 unless the role is staff *and* holds every permission the view names
  (superuser: all); then success.
- ``PORTAL``: 403 without an organisation (staff included), 403 for a member on an
  ``admin_only`` view, 405 for a method the view does not define, 404 when the URL names an
  object of partner A and the role belongs to partner B; then success.
- the Django admin (namespace ``admin``) is handled explicitly in ``admin_expected``.

"Success" is 200 for GET and POST (405 when the class defines no such method), unless
``SUCCESSES[(key, method)]`` says otherwise (an int, or a dict role name → int with ``"*"``).
``key`` is the pattern's name (``"staff:partner_list"``) or, for an unnamed pattern, its
route (``"staff/careless/"``).

Leaks: every body (HTML, JSON, CSV, XLSX via openpyxl, PDF text via pypdf) answered to a role
that may not see partner A (``Role.sees_a`` false) is searched for every marker of partner
A (its name, a contact's e-mail, a partnership title, an agreement reference). Leaks and
wrong answers are counted apart in ``STATS``, printed by the root ``conftest.py``.

Extension points (for apps added later: grants, activities, evaluations...):

- a new URL needs nothing if it has no parameters; otherwise add a ``PARAMS`` entry
  (``tests/test_url_access.py`` or ``<app>/tests/walk_tables.py``), returning the kwargs as
  objects of the cast: a partner-owned instance (``tests/isolation.py``) makes the URL
  "partner A's object", so partner B must get 404 on the portal.
- ``<app>/tests/walk_tables.py`` may define ``PARAMS``, ``SUCCESSES``, ``LEAK_ALLOWED``
  (merged into the project's tables), ``ROLES`` (a list of ``Role``) and
  ``extend_cast(cast)`` (adds the app's objects of partner A to the cast before the walk).
  Staff roles registered in ``accounts.roles`` (programme officer, committee member,
  evaluator...) are walked automatically with the permissions the apps grant them.
"""

from __future__ import annotations

import importlib
import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, urlencode

from django.apps import apps
from django.conf import settings
from django.core.signals import request_finished
from django.db import close_old_connections, models
from django.shortcuts import resolve_url
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.urls.exceptions import Resolver404
from django.urls.resolvers import RegexPattern
from django_scopes import scopes_disabled

from core.access import Access, declared_access

STATS: dict[str, Any] = {"patterns": 0, "requests": 0, "leaks": 0, "wrong": 0, "roles": []}
METHODS = ("get", "post")


# --- Patterns ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Route:
    route: str  # the full pattern, as written ("staff/partners/<id:pk>/")
    name: str | None  # "staff:partner_detail", or None for an unnamed pattern
    namespace: str  # "staff", "portal", "admin", "catalogue" or ""
    callback: Callable[..., Any]
    regex: bool  # a re_path()

    @property
    def key(self) -> str:
        return self.name or self.route


def _walk(patterns, prefix: str = "", namespace: str = "", regex: bool = False):
    for p in patterns:
        is_regex = regex or isinstance(p.pattern, RegexPattern)
        if isinstance(p, URLResolver):
            ns = namespace
            if p.namespace:
                ns = f"{namespace}:{p.namespace}" if namespace else p.namespace
            yield from _walk(p.url_patterns, prefix + str(p.pattern), ns, is_regex)
        elif isinstance(p, URLPattern):
            name = f"{namespace}:{p.name}" if namespace and p.name else p.name
            yield Route(prefix + str(p.pattern), name, namespace, p.callback, is_regex)


def all_routes(urlconf: str | None = None) -> list[Route]:
    """Every pattern of the resolver, named or not, admin included."""
    return list(_walk(get_resolver(urlconf).url_patterns))


_ROUTE_PARAM = re.compile(r"<(?:(?P<conv>[^>:]+):)?(?P<name>[^>]+)>")
_REGEX_PARAM = re.compile(r"\(\?P<(?P<name>\w+)>[^)]*\)")


class UnbuildableError(Exception):
    pass


def _as_url_value(value: Any) -> str:
    return str(value.pk) if isinstance(value, models.Model) else str(value)


def build_url(route: Route, kwargs: dict[str, Any], urlconf: str | None = None) -> str:
    """Fill the pattern's parameters in and check the result resolves to the same view."""
    text = route.route
    wanted = {m.group("name") for m in _ROUTE_PARAM.finditer(text)} if not route.regex else set()
    wanted |= {m.group("name") for m in _REGEX_PARAM.finditer(text)}
    missing = wanted - set(kwargs)
    if missing:
        raise UnbuildableError(f"no value for {sorted(missing)}")
    if route.regex:
        text = _REGEX_PARAM.sub(lambda m: quote(_as_url_value(kwargs[m.group("name")]), safe="/"), text)
        text = text.replace("^", "").replace("$", "").replace("\\", "")
    else:
        text = _ROUTE_PARAM.sub(lambda m: quote(_as_url_value(kwargs[m.group("name")]), safe=""), text)
    url = "/" + text
    try:
        match = resolve(url, urlconf)
    except Resolver404 as exc:
        raise UnbuildableError(f"{url} does not resolve") from exc
    if match.func is not route.callback and getattr(match.func, "__wrapped__", None) is not route.callback:
        raise UnbuildableError(f"{url} resolves to another view ({match.view_name})")
    return url


# --- Roles ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Role:
    """Who requests. ``make_user(cast)`` returns the user (None: anonymous)."""

    name: str
    make_user: Callable[[dict], Any]
    partner: str | None = None  # "a" (owns the cast's objects), "b" (a foreign organisation)
    partner_admin: bool = False
    staff: bool = False
    permissions: frozenset[str] | None = frozenset()  # None: superuser, every permission
    sees_a: bool = False  # may see partner A's data (no leak search)
    only_routes_needing: str | None = None  # walk only the views that require this permission
    anonymous: bool = False

    def may(self, required: Iterable[str]) -> bool:
        return self.permissions is None or set(required) <= self.permissions


# --- The reviewed access of each view (ACCESS tables) ------------------------------------

PUBLIC = (Access.PUBLIC, (), False)
LOGGED_IN = (Access.LOGGED_IN, (), False)


def staff(*permissions: str) -> tuple[Access, tuple[str, ...], bool]:
    return (Access.STAFF, tuple(permissions), False)


def portal(*, admin_only: bool = False) -> tuple[Access, tuple[str, ...], bool]:
    return (Access.PORTAL, (), admin_only)


# --- Expected answers -------------------------------------------------------------------


@dataclass(frozen=True)
class Expected:
    status: int
    location: str | None = None  # where a 302 must lead, exactly


def class_methods(route: Route) -> set[str] | None:
    """The HTTP methods a class-based view defines; None for a function view."""
    view_class = getattr(route.callback, "view_class", None)
    if view_class is None:
        return None
    return {m for m in view_class.http_method_names if hasattr(view_class, m) and m != "options"}


def success(route: Route, role: Role, method: str, successes: dict) -> Expected:
    methods = class_methods(route)
    if methods is not None and method not in methods:
        return Expected(405)
    answer = successes.get((route.key, method), 200)
    if isinstance(answer, dict):
        answer = answer.get(role.name, answer.get("*", 200))
    return Expected(answer)


def owns_a_object(kwargs: dict[str, Any], owned: set[type[models.Model]]) -> bool:
    return any(isinstance(v, models.Model) and type(v) in owned for v in kwargs.values())


def login_redirect(login_url: str, path: str) -> str:
    return f"{resolve_url(login_url)}?{urlencode({'next': path}, safe='/')}"


def expected(route: Route, role: Role, method: str, kwargs: dict, tables: Tables, path: str) -> Expected | str:
    """The one answer expected, or a string saying why there cannot be one."""
    if route.namespace == "admin":
        return admin_expected(route, role, method, tables, path)
    # The reviewed requirement (ACCESS tables) when the pattern has one: a declaration loosened
    # in the code (admin_only dropped, a permission removed) then answers against it. A view
    # not in the tables yet is walked by its declaration (test_url_access asks to pin it).
    access, permissions, admin_only = tables.access.get(route.key) or declared_access(route.callback)
    if access is None:
        return "the view declares no access (use a core.access mixin or decorator)"
    if access == Access.PUBLIC:
        return success(route, role, method, tables.successes)
    if role.anonymous:
        return Expected(302, location=login_redirect(settings.LOGIN_URL, path))
    if access == Access.LOGGED_IN:
        return success(route, role, method, tables.successes)
    if access == Access.STAFF:
        if not role.staff or not role.may(permissions):
            return Expected(403)
        return success(route, role, method, tables.successes)
    if access == Access.PORTAL:
        if role.partner is None:
            return Expected(403)
        if admin_only and not role.partner_admin:
            return Expected(403)
        methods = class_methods(route)
        if methods is not None and method not in methods:
            return Expected(405)
        if role.partner != "a" and owns_a_object(kwargs, tables.partner_owned):
            return Expected(404)
        return success(route, role, method, tables.successes)
    return f"no rule for access {access!r}"


# The admin: Django's own views behind WMFRAdminSite (403 for logged-in non-staff).
_ADMIN_SITE_PAGES = {
    "admin:index": 200,
    "admin:password_change": 200,
    "admin:password_change_done": 200,
    "admin:jsi18n": 200,
    "admin:logout": 405,  # GET; POST would end the session
    "admin:login": 302,  # a logged-in staff member is sent to the index
    "admin:autocomplete": 403,  # without its query parameters
    "admin:view_on_site": 302,  # to the object's own page
}


def admin_expected(route: Route, role: Role, method: str, tables: Tables, path: str) -> Expected | str:
    if role.anonymous:
        if route.key == "admin:login":
            return Expected(200)
        if route.key == "admin:logout":
            return Expected(302, location=reverse("admin:index"))
        return Expected(302, location=login_redirect("admin:login", path))
    if not role.staff:
        return Expected(403)
    if method != "get":
        return "skip"  # staff POSTs would write through the admin; the CSRF walk posts them
    if route.key in _ADMIN_SITE_PAGES:
        return Expected(_ADMIN_SITE_PAGES[route.key])
    return admin_model_expected(route, role, tables)


class _AllPermissions:
    """A user holding every permission: what a ModelAdmin refuses to anyone shows through."""

    is_active = is_staff = is_superuser = is_authenticated = True
    pk = id = 0

    def has_perm(self, perm, obj=None):
        return True

    def has_perms(self, perms, obj=None):
        return True

    def has_module_perms(self, app_label):
        return True


def _admin_allows(model_admin, view: str, obj) -> bool:
    from django.test import RequestFactory

    request = RequestFactory().get("/admin/")
    request.user = _AllPermissions()
    if view == "add":
        return model_admin.has_add_permission(request)
    if view == "delete":
        return model_admin.has_delete_permission(request, obj)
    return model_admin.has_view_or_change_permission(request, obj)


def admin_model_expected(route: Route, role: Role, tables: Tables) -> Expected | str:
    from django.contrib import admin

    if route.key == "admin:app_list":
        app = tables.admin_app_label
        has_any = role.permissions is None or any(p.startswith(app + ".") for p in role.permissions)
        return Expected(200 if has_any else 404)
    if route.name is None and route.route.endswith("<path:object_id>/"):
        return Expected(302)  # the old-style object URL redirects to .../change/
    if route.name is None and route.regex:
        return Expected(404)  # the admin's catch-all
    if route.key.endswith("_password_change"):
        return Expected(200 if role.may(["accounts.change_user"]) else 403)
    view = next((v for v in _ADMIN_VIEWS if route.key.endswith(f"_{v}")), None)
    model = next(
        (m for m in admin.site._registry if route.key == f"admin:{m._meta.app_label}_{m._meta.model_name}_{view}"),
        None,
    )
    if view is None or model is None:
        return f"no admin rule for {route.key}"
    model_admin = admin.site._registry[model]
    app_label, model_name = model._meta.app_label, model._meta.model_name
    with scopes_disabled():
        obj = None if view in ("add", "changelist") else model._default_manager.order_by("pk").first()
    if obj is None and view not in ("add", "changelist"):
        return f"{route.key}: no {model._meta.label} in the cast to open"
    actions = ("add",) if view == "add" else ("delete",) if view == "delete" else ("view", "change")
    can = role.permissions is None or any(f"{app_label}.{a}_{model_name}" in role.permissions for a in actions)
    if not can or not _admin_allows(model_admin, "view" if view == "simple_history" else view, obj):
        return Expected(403)
    answer = tables.admin_successes.get((model._meta.label, view), 200)
    if isinstance(answer, dict):  # role name -> answer, "*" for the others
        answer = answer.get(role.name, answer.get("*", 200))
    return Expected(answer)


_ADMIN_VIEWS = ("simple_history", "changelist", "add", "change", "delete", "history")


# --- Response bodies and leaks ----------------------------------------------------------


def body_text(response) -> str:
    """Everything a person could read in the answer, whatever its format."""
    streaming = getattr(response, "streaming", False)
    content = b"".join(response.streaming_content) if streaming else response.content
    kind = response.get("Content-Type", "")
    if "spreadsheetml" in kind:
        import openpyxl

        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
        return "\n".join(
            str(cell) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for cell in row if cell
        )
    if kind.startswith("application/pdf") or content.startswith(b"%PDF"):
        import pypdf

        reader = pypdf.PdfReader(io.BytesIO(content))
        return "\n".join(page.extract_text() or "" for page in reader.pages)
    return content.decode("utf-8-sig", errors="replace")


# --- The walk ---------------------------------------------------------------------------


@dataclass
class Tables:
    params: dict[str, Callable[[dict], dict]]
    successes: dict[tuple[str, str], Any]
    leak_allowed: dict[str, str]
    partner_owned: set[type[models.Model]]
    access: dict[str, tuple[Access, tuple[str, ...], bool]] = field(default_factory=dict)
    admin_successes: dict[tuple[str, str], Any] = field(default_factory=dict)
    admin_app_label: str = "partnerships"
    skip: dict[tuple[str, str], str] = field(default_factory=dict)


@dataclass
class Result:
    patterns: int = 0
    requests: int = 0
    leaks: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)

    @property
    def problems(self) -> list[str]:
        return self.wrong + self.leaks


def url_for(route: Route, tables: Tables, cast: dict, urlconf: str | None = None) -> tuple[str, dict[str, Any]]:
    """The URL the walk requests for ``route`` and the kwargs it was built from."""
    if route.key in tables.params:
        kwargs = tables.params[route.key](cast)
    elif "<" in route.route or "(" in route.route:
        raise UnbuildableError("no PARAMS entry")
    else:
        kwargs = {}
    if isinstance(kwargs, str):  # a URL given whole (unnamed regex groups)
        try:
            resolve(kwargs, urlconf)
        except Resolver404 as exc:
            raise UnbuildableError(f"{kwargs} does not resolve") from exc
        return kwargs, {}
    return build_url(route, kwargs, urlconf), kwargs


def walk(
    client,
    role: Role,
    cast: dict,
    tables: Tables,
    markers: dict[str, str],
    urlconf: str | None = None,
    only: Callable[[Route], bool] | None = None,
) -> Result:
    """Request every pattern as ``role`` (or those ``only`` keeps); the client is logged in."""
    result = Result()
    routes = all_routes(urlconf)
    result.patterns = len(routes)
    for route in routes:
        if only is not None and not only(route):
            continue
        permissions = declared_access(route.callback)[1]
        if role.only_routes_needing and role.only_routes_needing not in permissions:
            continue
        try:
            url, kwargs = url_for(route, tables, cast, urlconf)
        except UnbuildableError as exc:
            result.wrong.append(f"{route.key} ({route.route}): the walk cannot build it: {exc}")
            continue
        for method in METHODS:
            if (route.key, method) in tables.skip:
                continue
            want = expected(route, role, method, kwargs, tables, url)
            if want == "skip":
                continue
            where = f"{method.upper()} {url} [{route.key}] as {role.name}"
            if isinstance(want, str):
                result.wrong.append(f"{where}: {want}")  # requested all the same, for leaks
            try:
                response = getattr(client, method)(url)
            except Exception as exc:  # noqa: BLE001 - the test client re-raises the view's error
                result.requests += 1
                result.wrong.append(f"{where}: raised {exc.__class__.__name__}: {exc}")
                continue
            result.requests += 1
            got = response.status_code
            if isinstance(want, str):
                pass
            elif got != want.status:
                result.wrong.append(f"{where}: got {got}, expected {want.status}")
            elif want.location and response["Location"] != want.location:
                result.wrong.append(f"{where}: redirected to {response['Location']}, expected {want.location}")
            if not role.sees_a and route.key not in tables.leak_allowed:
                text = body_text(response)
                found = [label for label, marker in markers.items() if marker in text]
                if found:
                    result.leaks.append(f"{where}: shows partner A's {', '.join(found)} (answer {got})")
            _close(response)
    return result


def _close(response) -> None:
    """Close a response (a FileResponse closes its file) without the request_finished
    handler that would close the test's database connection (as Django's test client does)."""
    request_finished.disconnect(close_old_connections)
    try:
        response.close()
    finally:
        request_finished.connect(close_old_connections)


def record(result: Result, role: Role) -> None:
    STATS["patterns"] = max(STATS["patterns"], result.patterns)
    STATS["requests"] += result.requests
    STATS["leaks"] += len(result.leaks)
    STATS["wrong"] += len(result.wrong)
    if role.name not in STATS["roles"]:
        STATS["roles"].append(role.name)


def app_walk_tables() -> list[Any]:
    """``<app>/tests/walk_tables.py`` of every installed app that has one."""
    modules = []
    for config in apps.get_app_configs():
        try:
            modules.append(importlib.import_module(f"{config.name}.tests.walk_tables"))
        except ModuleNotFoundError as exc:
            if exc.name not in (f"{config.name}.tests", f"{config.name}.tests.walk_tables"):
                raise
    return modules
