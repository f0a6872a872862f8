"""Every URL pattern × every role, GET and POST, built from the resolver.

A new URL is covered automatically; a URL whose area or parameters this test does not
know fails it, so nobody has to remember to add it. The figures are printed in pytest's
terminal summary ("N URL patterns, M requests, 0 leaks").
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver

from evaluations.tests.walk_tables import PARAMS as EVALUATION_PARAMS
from partnerships.tokens import invitation_token
from tests.conftest import SECRET_NAME

ROLES = [
    "anonymous",
    "partner_a_admin",  # owns the objects below
    "partner_a_member",
    "partner_b_admin",  # another organisation: must see nothing of A
    "user_without_organisation",
    "staff_without_permission",
    "staff",
    "admin",
    "programme_officer",
    "committee_member_ssa",  # grants committee of Sub-Saharan Africa
    "committee_member_eseap",  # grants committee of East, Southeast Asia & Pacific
]
PARTNER_ROLES = {"partner_a_admin", "partner_a_member", "partner_b_admin", "user_without_organisation"}
STAFF_ROLES = {
    "staff_without_permission",
    "staff",
    "admin",
    "programme_officer",
    "committee_member_ssa",
    "committee_member_eseap",
}

STATS = {"patterns": 0, "requests": 0, "leaks": 0}


@dataclass(frozen=True)
class Route:
    route: str
    name: str


def _walk(patterns, prefix="", namespace=None) -> Iterator[Route]:
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = namespace
            if p.namespace:
                ns = f"{namespace}:{p.namespace}" if namespace else p.namespace
            yield from _walk(p.url_patterns, prefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern):
            yield Route(prefix + str(p.pattern), f"{namespace}:{p.name}" if namespace else p.name)


def all_routes() -> list[Route]:
    return list(_walk(get_resolver().url_patterns))


# --- Areas -----------------------------------------------------------------------------
# Which door each URL belongs to. An unknown URL fails test_every_url_is_classified.
PUBLIC = {
    "home",
    "invitation_accept",
    "healthz",
    "login",
    "set_language",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "catalogue:list",
    "catalogue:detail",
    "grants:fiscal_year",
    "evaluations:questionnaire_answer",
    "calendar_feed",  # the address is the secret (tests/test_calendar_feeds.py)
    "partner_calendar_feed",
}
LOGGED_IN = {
    "logout",
    "password_change",
    "password_change_done",
    "preferences",
    "notifications",
    "notifications_read",
}


def area_of(route: Route) -> str | None:
    if route.name in PUBLIC:
        return "public"
    if route.name in LOGGED_IN:
        return "logged_in"
    for prefix, area in (("staff:", "staff"), ("portal:", "portal"), ("admin:", "admin")):
        if route.name and route.name.startswith(prefix):
            return area
    return None


# --- Parameters ------------------------------------------------------------------------


def _admin_object_id(name: str, objects) -> str:
    # admin:<app_label>_<model>_<view>
    app_label, _, rest = name.removeprefix("admin:").partition("_")
    model_name = rest.rsplit("_", 1)[0]
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError:
        return "1"
    first = model._default_manager.order_by("pk").first()
    return str(first.pk) if first else "1"


PARAMS: dict[str, Callable] = {
    "staff:agreement_detail": lambda o: {"pk": o["agreement"].pk},
    "staff:agreement_update": lambda o: {"pk": o["agreement"].pk},
    "staff:agreement_documents": lambda o: {"pk": o["agreement"].pk},
    "staff:agreement_generate": lambda o: {"pk": o["agreement"].pk},
    "staff:agreement_transition": lambda o: {"pk": o["agreement"].pk, "status": "signed"},
    "staff:clause_add": lambda o: {"pk": o["agreement"].pk},
    "staff:clause_update": lambda o: {"pk": o["agreement"].pk, "clause_pk": o["clause"].pk},
    "staff:amendment_action": lambda o: {"pk": o["agreement"].pk, "amendment_pk": o["amendment"].pk, "action": "send"},
    "staff:agreement_scan_upload": lambda o: {"pk": o["agreement"].pk},
    "staff:document_download": lambda o: {"pk": o["document"].pk},
    "staff:scan_download": lambda o: {"pk": o["scan"].pk},
    "portal:agreement_detail": lambda o: {"pk": o["agreement"].pk},
    "portal:agreement_scan_upload": lambda o: {"pk": o["agreement"].pk},
    "portal:document_download": lambda o: {"pk": o["document"].pk},
    "staff:partner_invite": lambda o: {"pk": o["partner"].pk},
    "staff:invitation_revoke": lambda o: {"pk": o["invitation"].pk},
    "staff:proposal_detail": lambda o: {"pk": o["proposal"].pk},
    "staff:proposal_decision": lambda o: {"pk": o["proposal"].pk, "decision": "accept"},
    "portal:switch_partner": lambda o: {"partner_id": o["partner"].pk},
    "portal:invitation_revoke": lambda o: {"pk": o["invitation"].pk},
    "portal:partnership_detail": lambda o: {"pk": o["partnership"].pk},
    "portal:proposal_detail": lambda o: {"pk": o["proposal"].pk},
    "portal:proposal_create": lambda o: {"code": "edit-a-thon"},
    "invitation_accept": lambda o: {"partner_id": o["partner"].pk, "token": invitation_token(o["invitation"])},
    "staff:partner_detail": lambda o: {"pk": o["partner"].pk},
    "staff:partner_update": lambda o: {"pk": o["partner"].pk},
    "staff:partner_export": lambda o: {"fmt": "csv"},
    "staff:partnership_detail": lambda o: {"pk": o["partnership"].pk},
    "staff:partnership_update": lambda o: {"pk": o["partnership"].pk},
    "staff:partnership_status": lambda o: {"pk": o["partnership"].pk},
    "staff:activity_create": lambda o: {"pk": o["partnership"].pk},
    "catalogue:detail": lambda o: {"code": "training"},
    "staff:activity_export": lambda o: {"fmt": "csv"},
    "staff:partner_wikidata": lambda o: {"pk": o["partner"].pk},
    "staff:activity_detail": lambda o: {"pk": o["activity"].pk},
    "staff:activity_update": lambda o: {"pk": o["activity"].pk},
    "staff:activity_status": lambda o: {"pk": o["activity"].pk},
    "staff:activity_plan": lambda o: {"pk": o["activity"].pk},
    "staff:activity_scope": lambda o: {"pk": o["activity"].pk},
    "staff:activity_refresh": lambda o: {"pk": o["activity"].pk},
    "staff:snapshot_progress": lambda o: {"pk": o["activity"].pk, "snapshot_pk": o["snapshot"].pk},
    "portal:activity_detail": lambda o: {"pk": o["activity"].pk},
    "portal:activity_participants": lambda o: {"pk": o["activity"].pk},
    "password_reset_confirm": lambda o: {"uidb64": "MQ", "token": "set-password"},
    "staff:grants_pipeline": lambda o: {"pk": o["fiscal_year"].pk},
    "staff:grants_export": lambda o: {"pk": o["fiscal_year"].pk, "fmt": "xlsx"},
    "staff:grants_application": lambda o: {"pk": o["grant_application"].pk},
    "staff:grants_application_pdf": lambda o: {"pk": o["grant_application"].pk},
    "staff:grants_review": lambda o: {"pk": o["grant_application"].pk},
    "staff:grants_action": lambda o: {"pk": o["grant_application"].pk, "action": "start_check"},
    "portal:grants_start": lambda o: {"pk": o["grant_invitation"].pk},
    "portal:grants_application": lambda o: {"pk": o["grant_application"].pk},
    "portal:grants_autosave": lambda o: {"pk": o["grant_application"].pk},
    "portal:grants_submit": lambda o: {"pk": o["grant_application"].pk},
    "portal:grants_withdraw": lambda o: {"pk": o["grant_application"].pk},
    "portal:grants_reply": lambda o: {"pk": o["grant_application"].pk},
    "portal:grants_report": lambda o: {"pk": o["grant_application"].pk},
    "portal:grants_attach": lambda o: {"pk": o["grant_application"].pk},
    # A made-up secret: the walk sees the 404 (the feeds' own tests fetch real addresses).
    "calendar_feed": lambda o: {"pk": 1, "token": "x" * 43},
    "partner_calendar_feed": lambda o: {"pk": o["partner"].pk, "token": "x" * 43},
    "grants:fiscal_year": lambda o: {"code": "wikimedia-alliances-fund", "fy": o["fiscal_year"].code},
}


def _pks(make: Callable) -> Callable:
    """An app table's entry (objects of the cast) as this walk's (their pks)."""
    return lambda o: {k: getattr(v, "pk", v) for k, v in make(o).items()}


PARAMS.update({name: _pks(make) for name, make in EVALUATION_PARAMS.items()})


def build_url(route: Route, objects) -> str | None:
    if "([^/]+)/history/([^/]+)" in route.route:  # django-simple-history's re_path
        app_label, _, rest = route.name.removeprefix("admin:").partition("_")
        model = apps.get_model(app_label, rest.removesuffix("_simple_history"))
        obj = model._default_manager.order_by("pk").first()
        from django.urls import reverse

        return reverse(route.name, args=[obj.pk, obj.history.first().history_id])
    if route.name.endswith(":None"):
        return "/admin/no-such-page/" if route.route.startswith("admin/") else None
    converters = route.route.count("<")
    if converters == 0:
        return "/" + route.route
    if route.name in PARAMS:
        kwargs = PARAMS[route.name](objects)
    elif route.name.startswith("admin:"):
        if "content_type_id" in route.route:
            return None  # admin:view_on_site redirects to object pages covered elsewhere
        if "<app_label>" in route.route or "(?P<app_label>" in route.route:
            kwargs = {"app_label": "partnerships"}
        elif "<id>" in route.route:
            kwargs = {"id": str(objects["users"]["partner_a_admin"].pk)}
        else:
            kwargs = {"object_id": _admin_object_id(route.name, objects)}
    else:
        return None
    from django.urls import reverse

    return reverse(route.name, kwargs=kwargs)


# --- Expectations ----------------------------------------------------------------------


def _is_login_redirect(response) -> bool:
    return response.status_code == 302 and (
        "/accounts/login/" in response["Location"] or "/admin/login/" in response["Location"]
    )


GRANT_APPLICATION_VIEWS = {
    "staff:grants_application",
    "staff:grants_application_pdf",
    "staff:grants_review",
    "staff:grants_action",
}


def check(area: str, role: str, route: Route, response) -> str | None:
    """Return a description of what is wrong, or None."""
    status = response.status_code
    path = response.request["PATH_INFO"]
    if status >= 500:
        return f"server error {status}"
    outsider = role in ("anonymous", "partner_b_admin", "user_without_organisation")
    if outsider and status == 200 and route.name != "invitation_accept" and SECRET_NAME in _text(response):
        # (the invitation page shows the organisation to whoever holds its secret link)
        return "shows partner A's name"
    if area == "public":
        return None
    if role.startswith("committee_member_") and route.name in GRANT_APPLICATION_VIEWS:
        # Partner A's application is an SSA draft: no committee member sees a draft, and the
        # ESEAP member never sees SSA's applications (403: the officer's actions).
        return None if status in (403, 404, 405) else f"{role} got {status} on a draft (expected 404)"
    if role == "anonymous":
        if area in ("portal", "staff", "logged_in"):
            return None if _is_login_redirect(response) or status == 405 else f"anonymous got {status}"
        allowed = _is_login_redirect(response) or status in (302, 405) or (status == 200 and path == "/admin/login/")
        return None if allowed else f"anonymous got {status}"
    if area in ("staff", "admin") and role in PARTNER_ROLES:
        return None if status == 403 else f"{role} got {status} (expected 403)"
    if area == "admin" and role == "staff_without_permission":
        # The admin index and its own pages render for any staff; model pages refuse.
        if status in (403, 302, 404, 405) or path in (
            "/admin/",
            "/admin/password_change/",
            "/admin/password_change/done/",
            "/admin/logout/",
            "/admin/jsi18n/",
            "/admin/login/",
        ):
            return None
        return f"staff without permission got {status}"
    if area == "staff" and role == "staff_without_permission":
        return None if status == 403 else f"staff without permission got {status} (expected 403)"
    if area == "portal":
        if role in STAFF_ROLES or role == "user_without_organisation":
            return None if status == 403 else f"{role} got {status} (expected 403: no organisation)"
        if role == "partner_b_admin" and route.route.count("<") and route.name != "portal:proposal_create":
            # 405: a POST-only URL refuses GET before looking anything up.
            return None if status in (404, 405) else f"{role} got {status} on partner A's object (expected 404)"
        if status in (200, 302, 400, 403, 405):
            return None
        return f"{role} got {status}"
    return None


def _text(response) -> str:
    if response.get("Content-Type", "").startswith("text/"):
        return response.content.decode(errors="replace")
    return ""


def test_every_url_is_classified_and_buildable(cast):
    unknown = [r for r in all_routes() if area_of(r) is None]
    assert not unknown, f"classify these URLs in tests/test_url_access.py: {unknown}"
    unbuildable = [
        r
        for r in all_routes()
        if r.route.count("<") and build_url(r, cast) is None and "content_type_id" not in r.route
    ]
    assert not unbuildable, f"give parameters for these URLs in PARAMS: {unbuildable}"


@pytest.mark.parametrize("role", ROLES)
def test_every_url_for_every_role(client, cast, role):
    user = cast["users"][role]
    if user is not None:
        client.force_login(user)
    problems = []
    routes = all_routes()
    STATS["patterns"] = len(routes)
    for route in routes:
        url = build_url(route, cast)
        if url is None:
            continue
        area = area_of(route)
        for method in ("get", "post"):
            if route.name == "logout" or (route.name == "admin:logout" and method == "post"):
                continue  # would end this role's session half-way through the walk
            response = getattr(client, method)(url)
            STATS["requests"] += 1
            problem = check(area, role, route, response)
            if problem:
                STATS["leaks"] += 1
                problems.append(f"{method.upper()} {url} [{route.name}] as {role}: {problem}")
    assert not problems, "\n".join(problems)
