"""The URL × role walk can fail: careless views and loosened declarations are reported.

- ``tests/careless_urls.py`` adds two careless views to the real URLconf: ``staff/careless/``
  (unnamed, no access declared, every partner's name to anyone) is a wrong answer and a leak
  of partner A; ``careless-public/`` (public, an unscoped query) trips the scope safety net,
  which the walk reports as a raised ``ScopeError``.
- A portal view's ``admin_only`` flipped to False opens it to members: the reviewed ACCESS
  row still says admin only, so the member's 200 is a wrong answer.
- A staff view's ``permission_required`` removed opens it to staff without permission: a wrong
  answer for them, and a leak of partner A on a list page.

Exact counts each time: the walk reports these and nothing else.
"""

from __future__ import annotations

import pytest

from partnerships.views.portal import OrganisationEditView
from partnerships.views.staff import PartnerListView
from tests import walk
from tests.test_url_access import ROLES, run_walk

ROLE = {role.name: role for role in ROLES}


def _only(key):
    return lambda route: route.key == key


@pytest.fixture
def careless_urls(settings):
    settings.ROOT_URLCONF = "tests.careless_urls"
    return "tests.careless_urls"


def test_the_careless_staff_view_is_a_wrong_answer_and_leaks_partner_a(client, walk_cast, careless_urls):
    result = run_walk(client, ROLE["partner_b_admin"], walk_cast, careless_urls, only=_only("staff/careless/"))
    assert result.patterns == len(walk.all_routes(careless_urls)) == len(walk.all_routes("wmfr_partners.urls")) + 2
    assert result.requests == 2  # GET and POST
    assert result.wrong == [
        "GET /staff/careless/ [staff/careless/] as partner_b_admin: "
        "the view declares no access (use a core.access mixin or decorator)",
        "POST /staff/careless/ [staff/careless/] as partner_b_admin: "
        "the view declares no access (use a core.access mixin or decorator)",
    ]
    assert result.leaks == [
        "GET /staff/careless/ [staff/careless/] as partner_b_admin: shows partner A's name (answer 200)",
        "POST /staff/careless/ [staff/careless/] as partner_b_admin: shows partner A's name (answer 200)",
    ]


def test_the_careless_public_view_trips_the_safety_net(client, walk_cast, careless_urls):
    result = run_walk(client, ROLE["anonymous"], walk_cast, careless_urls, only=_only("careless-public/"))
    assert result.requests == 2
    assert [w.split(": raised ")[1].split(":")[0] for w in result.wrong] == ["ScopeError", "ScopeError"]
    assert result.leaks == []


def test_the_real_urls_have_no_careless_view(client, walk_cast):
    """The same two patterns are absent from the real URLconf: the walk there stays green."""
    keys = {route.key for route in walk.all_routes()}
    assert not {"staff/careless/", "careless-public/"} & keys


def test_admin_only_dropped_is_a_wrong_answer_for_members(client, walk_cast, monkeypatch):
    monkeypatch.setattr(OrganisationEditView, "admin_only", False)
    only = _only("portal:organisation_edit")
    result = run_walk(client, ROLE["partner_a_member"], walk_cast, only=only)
    assert result.wrong == [
        "GET /portal/organisation/ [portal:organisation_edit] as partner_a_member: got 200, expected 403",
        "POST /portal/organisation/ [portal:organisation_edit] as partner_a_member: got 400, expected 403",
    ]
    assert result.leaks == []  # partner A's own member: nothing of A is a leak to them
    # Partner A's admin was allowed anyway: the same walk has nothing to say for them.
    client.logout()
    assert run_walk(client, ROLE["partner_a_admin"], walk_cast, only=only).problems == []


def test_permission_dropped_is_a_wrong_answer_and_a_leak_for_staff_without_it(client, walk_cast, monkeypatch):
    monkeypatch.setattr(PartnerListView, "permission_required", ())
    only = _only("staff:partner_list")
    result = run_walk(client, ROLE["staff_without_permission"], walk_cast, only=only)
    assert result.wrong == [
        "GET /staff/partners/ [staff:partner_list] as staff_without_permission: got 200, expected 403",
        "POST /staff/partners/ [staff:partner_list] as staff_without_permission: got 405, expected 403",
    ]
    assert result.leaks == [
        "GET /staff/partners/ [staff:partner_list] as staff_without_permission: shows partner A's name (answer 200)",
    ]
    client.logout()
    assert run_walk(client, ROLE["superuser"], walk_cast, only=only).problems == []
