"""Isolation safety net, CSRF, sessions and login rate limiting."""

import pytest
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.test import Client
from django.urls import reverse
from django_scopes import ScopeError, scope, scopes_disabled
from django_scopes.state import state

from partnerships.models import Contact, Partner, PartnerMember, PartnerRole, Partnership
from tests import isolation
from tests.factories import ContactFactory, PartnerFactory, PartnershipFactory, UserFactory
from tests.test_url_access import all_routes, build_url

PASSWORD = "correct-horse-battery-staple"
pytestmark = pytest.mark.django_db


# --- The safety net --------------------------------------------------------------------

# Derived from the model graph (tests/isolation.py): a new partner-owned model is checked too.
PARTNER_OWNED = isolation.scoped_partner_owned_models()


@pytest.mark.parametrize("model", PARTNER_OWNED, ids=lambda m: m._meta.label)
def test_unscoped_query_on_partner_owned_model_fails_loudly(model):
    token = state.set({})  # no scope at all, as in a request outside staff, admin and portal
    try:
        with pytest.raises(ScopeError):
            list(model.objects.all())
    finally:
        state.reset(token)


def test_scope_filters_every_partner_owned_query():
    a, b = PartnerFactory(name="A"), PartnerFactory(name="B")
    ContactFactory(partner=a, last_name="Alpha")
    ContactFactory(partner=b, last_name="Beta")
    PartnershipFactory(partners=[a], title="Projet A")
    PartnershipFactory(partners=[b], title="Projet B")
    with scope(partner=b.pk):
        assert [c.last_name for c in Contact.objects.all()] == ["Beta"]
        assert [p.title for p in Partnership.objects.all()] == ["Projet B"]
        assert list(Partner.objects.all()) == [b]
        assert not Contact.objects.filter(last_name="Alpha").exists()
    with scopes_disabled():
        assert Contact.objects.count() == 2


# --- Portal isolation, in requests ------------------------------------------------------


@pytest.fixture
def two_partners(db):
    a, b = PartnerFactory(name="Organisation Alpha"), PartnerFactory(name="Organisation Beta")
    alice, bob = UserFactory(username="alice-alpha"), UserFactory(username="bob-beta")
    PartnerMember.objects.create(partner=a, user=alice, role=PartnerRole.ADMIN)
    PartnerMember.objects.create(partner=b, user=bob, role=PartnerRole.ADMIN)
    return {
        "a": a,
        "b": b,
        "alice": alice,
        "bob": bob,
        "partnership_a": PartnershipFactory(partners=[a], title="Projet secret Alpha"),
    }


def test_portal_home_shows_only_own_organisation(client, two_partners):
    client.force_login(two_partners["bob"])
    html = client.get(reverse("portal:home")).content.decode()
    assert "Organisation Beta" in html
    assert "Organisation Alpha" not in html
    assert "Projet secret Alpha" not in html


def test_foreign_partnership_is_404_not_403(client, two_partners):
    client.force_login(two_partners["bob"])
    url = reverse("portal:partnership_detail", args=[two_partners["partnership_a"].pk])
    assert client.get(url).status_code == 404
    client.force_login(two_partners["alice"])
    assert client.get(url).status_code == 200


def test_switching_to_a_foreign_organisation_is_404(client, two_partners):
    client.force_login(two_partners["bob"])
    assert client.post(reverse("portal:switch_partner", args=[two_partners["a"].pk])).status_code == 404


def test_user_with_two_organisations_switches(client, two_partners):
    bob = two_partners["bob"]
    PartnerMember.objects.create(partner=two_partners["a"], user=bob, role=PartnerRole.MEMBER)
    client.force_login(bob)
    first = client.get(reverse("portal:home")).context["partner"]
    other = two_partners["b"] if first == two_partners["a"] else two_partners["a"]
    client.post(reverse("portal:switch_partner", args=[other.pk]))
    assert client.get(reverse("portal:home")).context["partner"] == other


def test_partner_users_get_403_on_back_office_and_admin(client, two_partners):
    client.force_login(two_partners["alice"])
    assert client.get(reverse("staff:partner_list")).status_code == 403
    assert client.get(reverse("admin:index")).status_code == 403
    assert client.get(reverse("admin:login")).status_code == 403


# --- CSRF -------------------------------------------------------------------------------


def test_every_post_without_csrf_token_is_refused(walk_cast):
    """Every URL, POSTed without a token by users who may use it, answers 403."""
    cast = walk_cast
    checked = 0
    for user in (cast["users"]["admin"], cast["users"]["partner_a_admin"], None):
        client = Client(enforce_csrf_checks=True)
        if user is not None:
            client.force_login(user)
        for route in all_routes():
            url = build_url(route, cast)
            if url is None:
                continue
            response = client.post(url, {"x": "1"})
            assert response.status_code == 403, f"POST {url} without CSRF token as {user}: {response.status_code}"
            checked += 1
    assert checked > 150


# --- Sessions ---------------------------------------------------------------------------


def test_session_key_rotates_at_login_and_logout_kills_the_session(client, settings):
    UserFactory(username="leon")
    session = client.session
    session["probe"] = 1
    session.save()
    client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
    before = session.session_key
    response = client.post(reverse("login"), {"username": "leon", "password": PASSWORD})
    assert response.status_code == 302
    after = client.session.session_key
    assert after and after != before
    assert SessionStore(session_key=after).get(SESSION_KEY)
    client.post(reverse("logout"))
    assert not SessionStore().exists(after)
    assert client.get(reverse("staff:dashboard")).status_code == 302  # back to login


def test_preferred_language_applied_at_login(client):
    UserFactory(username="ella", preferred_language="en")
    response = client.post(reverse("login"), {"username": "ella", "password": PASSWORD})
    assert response.cookies["django_language"].value == "en"


# --- Login rate limiting ----------------------------------------------------------------


def test_account_locks_after_failures_even_from_changing_addresses(client, settings):
    UserFactory(username="victim")
    limit = settings.AXES_FAILURE_LIMIT
    for attempt in range(limit):
        response = client.post(
            reverse("login"),
            {"username": "victim", "password": f"wrong-{attempt}"},
            REMOTE_ADDR=f"203.0.113.{attempt + 1}",
        )
        # The form again with its error, until the limit-th failure locks the account.
        assert response.status_code == (429 if attempt == limit - 1 else 200)
    # Right password, yet another address: still locked.
    response = client.post(reverse("login"), {"username": "victim", "password": PASSWORD}, REMOTE_ADDR="198.51.100.77")
    assert response.status_code == 429
    assert SESSION_KEY not in client.session
    from axes.models import AccessAttempt

    assert AccessAttempt.objects.filter(username="victim").exists()  # visible in the admin


def test_language_switch_is_remembered_as_the_users_preference(client):
    user = UserFactory(username="lena", preferred_language="fr")
    client.force_login(user)
    response = client.post(reverse("set_language"), {"language": "en", "next": "/portal/"})
    assert response.status_code == 302
    assert response.cookies["django_language"].value == "en"
    user.refresh_from_db()
    assert user.preferred_language == "en"
    client.post(reverse("set_language"), {"language": "xx"})
    user.refresh_from_db()
    assert user.preferred_language == "en"


def test_partners_log_in_with_their_email(client):
    UserFactory(username="ines", email="Ines.Moreau@example.org")
    response = client.post(reverse("login"), {"username": "ines.moreau@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert SESSION_KEY in client.session


# --- Exports ----------------------------------------------------------------------------


def test_every_spreadsheet_export_goes_through_core_exports():
    """Formula neutralisation lives in core/exports.py: no other module writes CSV or XLSX."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    writers = re.compile(r"csv\.writer|csv\.DictWriter|import tablib|openpyxl\.Workbook|from openpyxl import Workbook")
    offenders = [
        str(path.relative_to(root))
        for path in root.glob("*/**/*.py")
        if not path.is_relative_to(root / ".venv")
        and "tests" not in path.parts
        and path != root / "core" / "exports.py"
        and writers.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


# --- Content-Security-Policy ------------------------------------------------------------


def test_pages_carry_a_strict_content_security_policy(client):
    response = client.get(reverse("login"))
    policy = dict(
        ([*part.split(" ", 1), ""])[:2] for part in (p.strip() for p in response["Content-Security-Policy"].split(";"))
    )
    assert policy["script-src"] == "'self'"
    assert policy["style-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'"
    assert policy["object-src"] == "'none'"
    assert "unsafe" not in response["Content-Security-Policy"]


def test_templates_have_no_inline_script_or_style():
    """The policy forbids them: scripts and styles live in static/ (PDF and e-mail templates aside)."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    inline_script = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/(?:ld\+)?json)[^>]*>", re.I)
    inline_style = re.compile(r"<style\b|\sstyle=\"|\son[a-z]+=\"", re.I)
    offenders = []
    for path in [*root.glob("templates/**/*.html"), *root.glob("*/templates/**/*.html")]:
        if {"pdf", "email"} & set(path.parts) or path.is_relative_to(root / ".venv"):
            continue
        text = path.read_text(encoding="utf-8")
        if inline_script.search(text) or inline_style.search(text):
            offenders.append(str(path.relative_to(root)))
    assert offenders == []
