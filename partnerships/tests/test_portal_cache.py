"""The portal home's cached block (``{% cache %}`` under the fragment key, core/dataversion.py).

A write that changes what the home shows is on the next GET; a GET without a write runs no
query at all; a block never reaches another user, nor another organisation (two partners one
after the other, a user who switches organisation); a pending invitation that expires, which
no write announces, leaves the page; the revoke buttons keep working with the CSRF token out
of the block."""

import datetime
import re
import uuid

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from activities.models import ActivityType
from agreements.models import Agreement
from demo.factories import ActivityFactory
from partnerships.models import Contact, Invitation, PartnerMember, PartnerRole, Partnership
from tests.factories import ContactFactory, PartnerFactory, PartnershipFactory, UserFactory

pytestmark = pytest.mark.django_db

# 10:00 in Paris: minutes later is the same day (the key holds the day).
MORNING = datetime.datetime(2027, 3, 10, 9, 0, tzinfo=datetime.UTC)


def invite(partner, email: str, expires_at: datetime.datetime | None = None) -> Invitation:
    return Invitation.objects.create(
        partner=partner,
        email=email,
        salt="s",
        token_hash=uuid.uuid4().hex,
        expires_at=expires_at or timezone.now() + datetime.timedelta(days=7),
    )


def browser(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def home(client) -> str:
    response = client.get(reverse("portal:home"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    return response.content.decode()


def queries_of_home(client) -> tuple[list[str], str]:
    with CaptureQueriesContext(connection) as ctx:
        html = home(client)
    return [q["sql"] for q in ctx.captured_queries], html


@pytest.fixture
def world(db, catalogue):
    def organisation(word: str):
        partner = PartnerFactory(name=f"Organisation {word}", city=f"Ville-{word}")
        admin = UserFactory(username=f"admin-{word}", first_name="Admin", last_name=f"Admin-{word}")
        PartnerMember.objects.create(partner=partner, user=admin, role=PartnerRole.ADMIN)
        ContactFactory(partner=partner, first_name="Contact", last_name=f"Contact-{word}")
        partnership = PartnershipFactory(partners=[partner], title=f"Projet {word}")
        return {"partner": partner, "admin": admin, "partnership": partnership}

    return {"a": organisation("Alpha"), "b": organisation("Beta")}


# The words each organisation's home shows (and the other's must not).
MARKERS = {
    "a": ("Organisation Alpha", "Ville-Alpha", "Contact-Alpha", "Projet Alpha", "Admin-Alpha"),
    "b": ("Organisation Beta", "Ville-Beta", "Contact-Beta", "Projet Beta", "Admin-Beta"),
}


def assert_only(html: str, mine: str) -> None:
    other = "b" if mine == "a" else "a"
    assert all(m in html for m in MARKERS[mine]), [m for m in MARKERS[mine] if m not in html]
    assert not any(m in html for m in MARKERS[other]), [m for m in MARKERS[other] if m in html]


def test_a_second_get_without_a_write_runs_no_query(world):
    with scopes_disabled():
        invite(world["a"]["partner"], "invite-alpha@example.org")
    client = browser(world["a"]["admin"])
    cold, first = queries_of_home(client)
    assert len(cold) > 10  # the block was built (its queries ran)
    warm, second = queries_of_home(client)
    assert warm == [], f"{len(warm)} queries on a cache hit:\n" + "\n".join(warm)
    assert_only(second, "a")
    assert "invite-alpha@" in second
    # The same page, but for the CSRF token of the forms outside the block (masked anew each time).
    token = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
    assert token.sub("", first) == token.sub("", second)


def _today() -> datetime.date:
    return timezone.localdate()


WRITES = {
    # name: (the write, run with scopes disabled; what the home then shows; what it no longer shows)
    "a new partnership": (
        lambda w: PartnershipFactory(partners=[w["a"]["partner"]], title="Projet tout neuf"),
        "Projet tout neuf",
        None,
    ),
    "a queryset update()": (
        lambda w: Partnership.objects.filter(pk=w["a"]["partnership"].pk).update(title="Projet renommé"),
        "Projet renommé",
        "Projet Alpha",
    ),
    "a delete": (
        lambda w: Contact.objects.filter(partner=w["a"]["partner"]).delete(),
        "No contact yet.",
        "Contact-Alpha",
    ),
    "a new action starting soon": (
        lambda w: ActivityFactory(
            partnership=w["a"]["partnership"],
            activity_type=ActivityType.objects.get(code="edit-a-thon"),
            title="Atelier bientôt",
            start_date=_today() + datetime.timedelta(days=10),
        ),
        "Atelier bientôt",
        None,
    ),
    "a new agreement ending soon": (
        lambda w: Agreement.objects.create(
            partnership=w["a"]["partnership"],
            partner=w["a"]["partner"],
            reference="AG-2099-001",
            kind="partnership_agreement",
            language="fr",
            title="Convention Alpha",
            status="active",
            end_date=_today() + datetime.timedelta(days=20),
        ),
        "AG-2099-001",
        None,
    ),
    "an invitation revoked": (
        lambda w: Invitation.objects.filter(partner=w["a"]["partner"]).update(revoked_at=timezone.now()),
        "No pending invitation.",
        "invite-alpha@",
    ),
    "an invitation sent": (
        lambda w: invite(w["a"]["partner"], "nouvelle-invitee@example.org"),
        "nouvelle-invitee@",
        None,
    ),
}


@pytest.mark.parametrize("name", WRITES)
def test_the_next_get_after_a_write_shows_it(world, name):
    write, shown, gone = WRITES[name]
    with scopes_disabled():
        invite(world["a"]["partner"], "invite-alpha@example.org")
    client = browser(world["a"]["admin"])
    before = home(client)
    warm, _ = queries_of_home(client)
    assert warm == []  # the block is in the cache: only a new data version can replace it
    assert shown not in before
    with scopes_disabled():
        write(world)
    after = home(client)
    assert shown in after
    if gone is not None:
        assert gone in before and gone not in after


def test_each_partner_sees_only_its_own_organisation_one_right_after_the_other(world):
    # Both logged in first (a login writes last_login: a new data version), then the GETs.
    alice, bob = browser(world["a"]["admin"]), browser(world["b"]["admin"])
    # Nothing written in between: the same data version, the same day, the same path.
    for _ in range(2):  # the blocks built, then from the cache
        assert_only(home(alice), "a")
        assert_only(home(bob), "b")
    assert_only(home(alice), "a")


def test_a_member_does_not_get_an_admins_block_of_the_same_organisation(world):
    with scopes_disabled():
        member = UserFactory(username="member-alpha", first_name="Mia", last_name="Member")
        PartnerMember.objects.create(partner=world["a"]["partner"], user=member, role=PartnerRole.MEMBER)
    # Both logged in first (a login writes last_login: a new data version), then the two GETs.
    admin_client, member_client = browser(world["a"]["admin"]), browser(member)
    admin_html = home(admin_client)
    assert "Invite a colleague" in admin_html and "Welcome, Admin Admin-Alpha" in admin_html
    member_html = home(member_client)
    assert "Welcome, Mia Member" in member_html
    assert "Invite a colleague" not in member_html and "Welcome, Admin" not in member_html


def test_two_admins_of_the_same_organisation_each_get_their_own_block(world):
    with scopes_disabled():
        other = UserFactory(username="admin2-alpha", first_name="Zoé", last_name="Second")
        PartnerMember.objects.create(partner=world["a"]["partner"], user=other, role=PartnerRole.ADMIN)
    # Both logged in first (a login writes last_login: a new data version), then the GETs.
    first, second = browser(world["a"]["admin"]), browser(other)
    first_html, second_html = home(first), home(second)
    assert "Welcome, Admin Admin-Alpha" in first_html and "Welcome, Zoé Second" not in first_html
    assert "Welcome, Zoé Second" in second_html and "Welcome, Admin Admin-Alpha" not in second_html


def test_a_user_who_switches_organisation_sees_the_other_one(world):
    """The organisation chosen lives in the session, a write no data version counts."""
    admin = world["b"]["admin"]
    with scopes_disabled():
        PartnerMember.objects.create(partner=world["a"]["partner"], user=admin, role=PartnerRole.ADMIN)
    client = browser(admin)

    # The page itself (the switcher in the navigation names both organisations), but for the
    # colleagues: this admin is one of both.
    def page() -> str:
        return home(client).split("<main", 1)[1]

    first = "a" if "Projet Alpha" in page() else "b"
    other = "b" if first == "a" else "a"
    for _ in range(2):  # built, then from the cache
        main = page()
        assert all(m in main for m in MARKERS[first][:4]) and not any(m in main for m in MARKERS[other][:4])
    client.post(reverse("portal:switch_partner", args=[world[other]["partner"].pk]))
    main = page()
    assert all(m in main for m in MARKERS[other][:4])
    assert not any(m in main for m in MARKERS[first][:4])


def test_an_invitation_that_expires_leaves_the_page_without_any_write(world):
    with scopes_disabled():
        invite(world["a"]["partner"], "bientot-expiree@example.org", MORNING + datetime.timedelta(minutes=2))
    with time_machine.travel(MORNING, tick=False):
        client = browser(world["a"]["admin"])
        assert "bientot-expiree@" in home(client)
        warm, html = queries_of_home(client)
        assert warm == [] and "bientot-expiree@" in html
    # Three minutes later: the block and the invitations read are still in the cache (300 s).
    with time_machine.travel(MORNING + datetime.timedelta(minutes=3), tick=False):
        html = home(client)
    assert "bientot-expiree@" not in html


def test_the_revoke_buttons_post_the_form_outside_the_block(world):
    with scopes_disabled():
        invitation = invite(world["a"]["partner"], "invite-alpha@example.org")
    client = browser(world["a"]["admin"])
    client.handler.enforce_csrf_checks = True
    home(client)
    html = home(client)  # from the cache
    [block, rest] = html.split('<form id="invitation-revoke" method="post">', 1)
    token = re.match(r'<input type="hidden" name="csrfmiddlewaretoken" value="([^"]+)">', rest).group(1)
    assert "csrfmiddlewaretoken" not in block.split("<main", 1)[1]  # none inside the cached block
    url = reverse("portal:invitation_revoke", args=[invitation.pk])
    assert f'form="invitation-revoke" formaction="{url}"' in block
    response = client.post(url, {"csrfmiddlewaretoken": token})
    assert response.status_code == 200  # the confirmation page


# --- The portal's other pages cached the same way -----------------------------------------


def _agreement(w, word: str = "a", reference: str = "AG-2099-001") -> Agreement:
    return Agreement.objects.create(
        partnership=w[word]["partnership"],
        partner=w[word]["partner"],
        reference=reference,
        kind="partnership_agreement",
        language="fr",
        title=f"Convention {word}",
        status="active",
    )


def _action(w, word: str = "a", title: str = "Atelier Alpha"):
    return ActivityFactory(
        partnership=w[word]["partnership"], activity_type=ActivityType.objects.get(code="edit-a-thon"), title=title
    )


OTHER_PAGES = {
    # name: (its address for organisation a; a write; what the page then shows)
    "portal:partnership_detail": (
        lambda w: reverse("portal:partnership_detail", args=[w["a"]["partnership"].pk]),
        lambda w: _action(w, title="Atelier tout neuf"),
        "Atelier tout neuf",
    ),
    "portal:activity_list": (
        lambda w: reverse("portal:activity_list"),
        lambda w: _action(w, title="Atelier tout neuf"),
        "Atelier tout neuf",
    ),
    "portal:agreement_list": (
        lambda w: reverse("portal:agreement_list"),
        lambda w: Agreement.objects.filter(partner=w["a"]["partner"]).update(title="Convention renommée"),
        "Convention renommée",
    ),
}


@pytest.mark.parametrize("name", OTHER_PAGES)
def test_the_other_pages_run_no_query_on_a_second_get_and_follow_a_write(world, name):
    url_of, write, shown = OTHER_PAGES[name]
    with scopes_disabled():
        _agreement(world)
        _action(world)
    client = browser(world["a"]["admin"])
    url = url_of(world)
    first = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    with CaptureQueriesContext(connection) as ctx:
        second = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert [q["sql"] for q in ctx.captured_queries] == []
    assert shown not in first and shown not in second
    with scopes_disabled():
        write(world)
    assert shown in client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()


def test_the_other_pages_show_each_partner_only_its_own(world):
    with scopes_disabled():
        for word in ("a", "b"):
            _agreement(world, word, reference=f"AG-2099-00{word}")
            _action(world, word, title=f"Atelier {word.upper()}")
    alice, bob = browser(world["a"]["admin"]), browser(world["b"]["admin"])
    for _ in range(2):  # built, then from the cache
        for url, mine, theirs in (
            (reverse("portal:activity_list"), "Atelier A", "Atelier B"),
            (reverse("portal:agreement_list"), "AG-2099-00a", "AG-2099-00b"),
        ):
            a_html, b_html = alice.get(url).content.decode(), bob.get(url).content.decode()
            assert mine in a_html and theirs not in a_html
            assert theirs in b_html and mine not in b_html
        # Another partner's partnership is a 404, the first time and from the cache.
        foreign = reverse("portal:partnership_detail", args=[world["a"]["partnership"].pk])
        assert alice.get(foreign).status_code == 200
        assert bob.get(foreign).status_code == 404
