"""Every URL pattern × every role, GET and POST, each answer compared with the one expected.

The engine is ``tests/walk.py``: it reads each view's declared access (``core.access``) and
derives the expected answer per role, so a new view is covered by construction. This module
holds the project's tables and the cast:

- ``PARAMS``: how to fill a pattern's parameters from the cast (objects, not primary keys: a
  partner-owned object makes the URL "partner A's object", 404 for partner B on the portal).
  The apps keep their own rows in ``<app>/tests/walk_tables.py``; the admin's rows are derived
  from ``admin.site``.
- ``SUCCESSES``: views whose success is not 200 (a redirect after a POST, a form refused...).
- ``LEAK_ALLOWED``: pages that may show partner A to someone outside it, each with its reason.
- ``ROLES``: anonymous, a user without organisation, partner A's member and admin, partner B's
  admin, staff without permission, staff with each role of ``accounts.roles``, a superuser,
  plus the roles the apps add (the grants committee of two regions).

A pattern the walk cannot build is a wrong answer, never a skip. Figures ("N URL patterns, M
requests, L leaks, W wrong answers") are printed in the summary by the root ``conftest.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import contextmanager
from typing import Any

import pytest
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils.text import slugify
from django_scopes import scopes_disabled
from django_scopes.state import state

from accounts.roles import ROLES as STAFF_ROLES
from accounts.roles import role_permissions
from core.access import declared_access
from partnerships.tokens import invitation_token
from tests import isolation, walk
from tests.conftest import CONTACT_EMAIL, PARTNERSHIP_TITLE, SECRET_NAME
from tests.factories import UserFactory
from tests.walk import LOGGED_IN, PUBLIC, Role, Tables, portal, staff

# --- The reviewed access of each view ------------------------------------------------------
# What each view must require, written down once: the walk answers against these rows, so a
# declaration loosened in the code (admin_only dropped, a permission removed) fails it for the
# roles it opens the view to; test_every_view_declares_its_reviewed_access fails too. The apps
# keep their rows in <app>/tests/walk_tables.py (ACCESS).

ACCESS = {
    "home": PUBLIC,
    "healthz": PUBLIC,
    "login": PUBLIC,
    "logout": LOGGED_IN,
    "password_change": LOGGED_IN,
    "password_change_done": LOGGED_IN,
    "password_reset": PUBLIC,
    "password_reset_done": PUBLIC,
    "password_reset_confirm": PUBLIC,
    "password_reset_complete": PUBLIC,
    "set_language": PUBLIC,
    "invitation_accept": PUBLIC,
    "staff:deadlines": staff("partnerships.view_partner", "partnerships.change_partnership"),
    "staff:partner_list": staff("partnerships.view_partner"),
    "staff:partner_export": staff("partnerships.view_partner"),
    "staff:partner_create": staff("partnerships.add_partner"),
    "staff:partner_detail": staff("partnerships.view_partner"),
    "staff:partner_wikidata": staff("partnerships.view_partner", "partnerships.change_partner"),
    "staff:partner_update": staff("partnerships.change_partner"),
    "staff:partner_invite": staff("partnerships.add_invitation"),
    "staff:invitation_list": staff("partnerships.view_invitation"),
    "staff:invitation_revoke": staff("partnerships.change_invitation"),
    "staff:partnership_list": staff("partnerships.view_partnership"),
    "staff:partnership_create": staff("partnerships.add_partnership"),
    "staff:partnership_detail": staff("partnerships.view_partnership"),
    "staff:partnership_update": staff("partnerships.change_partnership"),
    "staff:partnership_status": staff("partnerships.change_partnership"),
    "portal:home": portal(),
    "portal:organisation_edit": portal(admin_only=True),
    "portal:switch_partner": portal(),
    "portal:invite_colleague": portal(admin_only=True),
    "portal:invitation_revoke": portal(admin_only=True),
    "portal:principles": portal(),
    "portal:deadlines": portal(),
    "portal:calendar_manage": portal(admin_only=True),
    # The user's own pages: staff at the root, partners in the portal frame (core.calendar_views).
    "preferences": LOGGED_IN,
    "notifications": LOGGED_IN,
    "notifications_read": LOGGED_IN,
    "portal:preferences": portal(),
    "portal:notifications": portal(),
    "portal:notifications_read": portal(),
    # Private calendar feeds: no login, the address is the secret.
    "calendar_feed": PUBLIC,
    "partner_calendar_feed": PUBLIC,
    "portal:partnership_detail": portal(),
}

# --- Parameters and answers ---------------------------------------------------------------


def _user_feed(cast: dict) -> dict:
    """Partner A's admin's calendar address (made once): its real secret."""
    from core.feeds import feed_token
    from core.models import CalendarFeed

    with scopes_disabled():
        feed, _created = CalendarFeed.objects.get_or_create(
            user=cast["users"]["partner_a_admin"], defaults={"salt": "walk-user"}
        )
    return {"pk": feed.pk, "token": feed_token("user", feed.salt)}


def _partner_feed(cast: dict) -> dict:
    """Partner A's calendar address (made once): its real secret."""
    from core.feeds import feed_token
    from partnerships.models import PartnerCalendarFeed

    with scopes_disabled():
        feed, _created = PartnerCalendarFeed.objects.get_or_create(partner=cast["partner"], defaults={"salt": "walk-a"})
    return {"partner_id": feed.partner_id, "token": feed_token("partner", feed.salt)}


PARAMS: dict[str, Callable[[dict], Any]] = {
    "calendar_feed": _user_feed,
    "partner_calendar_feed": _partner_feed,
    "password_reset_confirm": lambda o: {"uidb64": "MQ", "token": "set-password"},
    "invitation_accept": lambda o: {"partner_id": o["partner"], "token": invitation_token(o["invitation"])},
    "staff:partner_detail": lambda o: {"pk": o["partner"]},
    "staff:partner_update": lambda o: {"pk": o["partner"]},
    "staff:partner_wikidata": lambda o: {"pk": o["partner"]},
    "staff:partner_invite": lambda o: {"pk": o["partner"]},
    "staff:partner_export": lambda o: {"fmt": "csv"},
    "staff:invitation_revoke": lambda o: {"pk": o["invitation_to_revoke"]},
    "staff:partnership_detail": lambda o: {"pk": o["partnership"]},
    "staff:partnership_update": lambda o: {"pk": o["partnership"]},
    "staff:partnership_status": lambda o: {"pk": o["partnership"]},
    "portal:switch_partner": lambda o: {"partner_id": o["partner"]},
    "portal:invitation_revoke": lambda o: {"pk": o["invitation_to_revoke"]},
    "portal:partnership_detail": lambda o: {"pk": o["partnership"]},
}

SUCCESSES: dict[tuple[str, str], Any] = {
    ("home", "get"): 302,  # to login, or to the user's home
    ("home", "post"): 302,
    ("healthz", "post"): 405,
    ("login", "get"): {"*": 302, "anonymous": 200},  # a logged-in user goes to their home
    ("login", "post"): {"*": 302, "anonymous": 200},  # anonymous: the form again with its errors
    ("logout", "post"): 302,  # to the login page (RelogClient logs the role in again)
    ("password_change", "post"): 200,  # the form again with its errors
    ("password_reset", "post"): 200,
    ("password_reset_done", "post"): 405,
    ("password_reset_complete", "post"): 405,
    ("password_reset_confirm", "get"): 200,  # "this link is invalid"
    ("password_reset_confirm", "post"): 200,
    ("set_language", "get"): 405,  # a POST only
    ("set_language", "post"): 302,  # back where the user came from
    # A logged-in user whose e-mail is not the invited one: 404, the page says why.
    ("invitation_accept", "get"): {"*": 404, "anonymous": 200},
    ("invitation_accept", "post"): {"*": 404, "anonymous": 400},  # anonymous: no password typed
    # Forms posted empty: their errors, nothing saved (400 across the back-office).
    ("staff:partner_create", "post"): 400,
    ("staff:partner_update", "post"): 400,
    ("staff:partner_invite", "post"): 400,
    ("staff:partner_wikidata", "post"): 302,  # no Wikidata item typed: a message, back to the partner
    ("staff:partnership_create", "post"): 400,
    ("staff:partnership_update", "post"): 400,
    ("staff:partnership_status", "post"): 302,  # an empty status: a message, back to the page
    ("staff:invitation_revoke", "post"): 200,  # the confirmation page
    ("portal:organisation_edit", "post"): 400,
    ("portal:invite_colleague", "post"): 400,
    ("portal:invitation_revoke", "post"): 200,  # the confirmation page
    ("portal:switch_partner", "post"): 302,
    ("calendar_feed", "post"): 405,
    ("partner_calendar_feed", "post"): 405,
    ("preferences", "post"): 400,  # posted empty: no language chosen, nothing saved
    ("portal:preferences", "post"): 400,
    ("notifications_read", "post"): 302,  # all marked read, back to the list
    ("portal:notifications_read", "post"): 302,
    ("portal:calendar_manage", "post"): 302,  # no action chosen: a message, back to the deadlines
    # The page is for every member; accepting the principles is the admins' (members: 403).
    ("portal:principles", "post"): {"*": 400, "partner_a_member": 403},
}

LEAK_ALLOWED: dict[str, str] = {
    "calendar_feed": "a private calendar address: whoever holds its secret reads its owner's deadlines",
    "partner_calendar_feed": "a partner's private calendar address: whoever holds its secret reads it",
    "invitation_accept": "the invitation page names the organisation to whoever holds its secret link",
}


# --- The admin, derived from admin.site ---------------------------------------------------


def _first(model):
    """The object the admin rules of ``tests/walk.py`` open: the model's first row."""
    with scopes_disabled():
        return model._default_manager.order_by("pk").first()


def _object_id(model) -> Callable[[dict], dict]:
    def kwargs(cast):
        obj = _first(model)
        return {"object_id": obj.pk if obj is not None else "0"}

    return kwargs


def _simple_history(model, name: str) -> Callable[[dict], str]:
    def url(cast):
        obj = _first(model)
        with scopes_disabled():
            history_id = obj.history.order_by("history_id").first().history_id
        return reverse(name, args=[obj.pk, history_id])

    return url


def admin_params() -> dict[str, Callable[[dict], Any]]:
    params: dict[str, Callable[[dict], Any]] = {
        "admin:app_list": lambda o: {"app_label": "partnerships"},
        "admin:auth_user_password_change": lambda o: {"id": o["users"]["partner_a_admin"].pk},
        "admin:view_on_site": lambda o: {
            "content_type_id": ContentType.objects.get_for_model(o["partner"]).pk,
            "object_id": o["partner"].pk,
        },
        "admin/(?P<url>.*)$": lambda o: {"url": "no-such-page/"},
    }
    for model in admin.site._registry:
        app_label, model_name = model._meta.app_label, model._meta.model_name
        for view in ("change", "delete", "history"):
            params[f"admin:{app_label}_{model_name}_{view}"] = _object_id(model)
        params[f"admin/{app_label}/{model_name}/<path:object_id>/"] = _object_id(model)
        name = f"admin:{app_label}_{model_name}_simple_history"
        params[name] = _simple_history(model, name)
    return params


# --- Roles --------------------------------------------------------------------------------


def _user(name: str) -> Callable[[dict], Any]:
    return lambda cast: cast["users"][name]


def _staff_with_role(role: str) -> Callable[[dict], Any]:
    def make(cast):
        user = UserFactory(username=f"staff-{slugify(role)}", is_staff=True)
        user.groups.add(Group.objects.get(name=role))
        return user

    return make


def _roles() -> list[Role]:
    roles = [
        Role("anonymous", _user("anonymous"), anonymous=True),
        Role("no_organisation", _user("user_without_organisation")),
        Role("partner_a_member", _user("partner_a_member"), partner="a", sees_a=True),
        Role("partner_a_admin", _user("partner_a_admin"), partner="a", partner_admin=True, sees_a=True),
        Role("partner_b_admin", _user("partner_b_admin"), partner="b", partner_admin=True),
        Role("staff_without_permission", _user("staff_without_permission"), staff=True),
    ]
    for name in STAFF_ROLES:
        permissions = frozenset(role_permissions()[name])
        # A role that reads the partner directory may see partner A anywhere in the back-office.
        sees_a = "partnerships.view_partner" in permissions
        roles.append(Role(f"staff[{name}]", _staff_with_role(name), staff=True, permissions=permissions, sees_a=sees_a))
    roles.append(Role("superuser", _user("admin"), staff=True, permissions=None, sees_a=True))
    for module in walk.app_walk_tables():
        roles.extend(getattr(module, "ROLES", []))
    return roles


ROLES = _roles()


def tables() -> Tables:
    """The project's tables merged with every app's ``walk_tables``."""
    params = {**admin_params(), **PARAMS}
    successes, leak_allowed, access = dict(SUCCESSES), dict(LEAK_ALLOWED), dict(ACCESS)
    admin_successes: dict[tuple[str, str], Any] = {}
    for module in walk.app_walk_tables():
        for mine, theirs in (
            (params, "PARAMS"),
            (successes, "SUCCESSES"),
            (leak_allowed, "LEAK_ALLOWED"),
            (access, "ACCESS"),
            (admin_successes, "ADMIN_SUCCESSES"),
        ):
            rows = getattr(module, theirs, {})
            clash = set(mine) & set(rows) - set(admin_params())
            assert not clash, f"{module.__name__}.{theirs} repeats {sorted(clash)}"
            mine.update(rows)
    return Tables(
        params=params,
        successes=successes,
        leak_allowed=leak_allowed,
        partner_owned=set(isolation.partner_owned_models()),
        access=access,
        admin_successes=admin_successes,
    )


def markers(cast: dict) -> dict[str, str]:
    """What would betray partner A in an answer (the apps add theirs)."""
    found = {
        "name": SECRET_NAME,
        "contact e-mail": CONTACT_EMAIL,
        "partnership title": PARTNERSHIP_TITLE,
        "agreement reference": cast["agreement"].reference,
    }
    for module in walk.app_walk_tables():
        if hasattr(module, "markers"):
            found.update(module.markers(cast))
    return found


# --- The walk -----------------------------------------------------------------------------


def area_of(route: walk.Route) -> str | None:
    """The view's declared area ("public", "logged_in", "staff", "portal") or "admin"."""
    if route.namespace == "admin":
        return "admin"
    access = declared_access(route.callback)[0]
    return access.value if access is not None else None


def build_url(route: walk.Route, cast: dict) -> str | None:
    """The URL the walk requests for ``route`` (None when it cannot build it: the walk fails
    then). For the other cross-cutting tests (CSRF, hostile forms), over ``walk_cast``."""
    try:
        return walk.url_for(route, tables(), cast)[0]
    except walk.UnbuildableError:
        return None


all_routes = walk.all_routes


class RelogClient:
    """The test client, logged in again whenever an answer ends the session (logout), so the
    rest of the walk still runs as the role."""

    def __init__(self, client, user):
        self.client, self.user = client, user

    def _again(self, response):
        cookie = response.cookies.get(settings.SESSION_COOKIE_NAME)
        if self.user is not None and cookie is not None and not cookie.value:
            self.client.force_login(self.user)
        return response

    def get(self, url):
        return self._again(self.client.get(url))

    def post(self, url):
        return self._again(self.client.post(url))


@contextmanager
def no_scope_state():
    """Requests start as in production: no scope, and not disabled either."""
    token = state.set({})
    try:
        yield
    finally:
        state.reset(token)


def run_walk(client, role: Role, cast: dict, urlconf: str | None = None, only=None) -> walk.Result:
    with scopes_disabled():
        user = role.make_user(cast)
    if user is not None:
        client.force_login(user)
    with no_scope_state():
        return walk.walk(RelogClient(client, user), role, cast, tables(), markers(cast), urlconf=urlconf, only=only)


@pytest.mark.parametrize("role", ROLES, ids=lambda r: r.name)
def test_every_url_for_every_role(client, walk_cast, role):
    result = run_walk(client, role, walk_cast)
    walk.record(result, role)
    assert result.patterns == len(walk.all_routes())
    assert not result.problems, f"{len(result.wrong)} wrong answers, {len(result.leaks)} leaks:\n" + "\n".join(
        result.problems
    )


def test_every_view_declares_its_reviewed_access():
    """Each pattern outside the admin has its ACCESS row, and the view declares exactly it."""
    rows = tables().access
    problems = []
    for route in walk.all_routes():
        if route.namespace == "admin":
            continue
        declared = declared_access(route.callback)
        if route.key not in rows:
            problems.append(f"{route.key}: no ACCESS row (the view declares {declared})")
        elif rows[route.key] != declared:
            problems.append(f"{route.key}: declares {declared}, ACCESS says {rows[route.key]}")
    assert problems == []


def test_tables_name_only_real_patterns():
    """A row for a pattern that no longer exists is stale (the admin's rows are derived)."""
    keys = {r.key for r in walk.all_routes()}
    t = tables()
    derived = set(admin_params())
    stale = [k for k in t.params if k not in keys and k not in derived]
    stale += [k for k, _method in t.successes if k not in keys]
    stale += [k for k in t.leak_allowed if k not in keys]
    stale += [k for k in t.access if k not in keys]
    assert stale == []
