"""The login lock-out: one counter per account whatever the spelling, addresses throttled only
when they guess widely, the client address read through trusted proxies only."""

import re

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.test import Client
from django.urls import reverse

from tests.factories import UserFactory

PASSWORD = "correct-horse-battery-staple"
pytestmark = pytest.mark.django_db


def login(client, username, password, addr="203.0.113.1", **extra):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=addr, **extra)


@pytest.fixture
def jdoe(db):
    return UserFactory(username="jdoe", email="jdoe@example.org")


SPELLINGS = ["jdoe", "JDoe@Example.org", "jdoe@example.org", " jdoe@example.org", "JDOE", "jdoe@EXAMPLE.ORG "]


@pytest.mark.parametrize("right_spelling", SPELLINGS)
def test_every_spelling_of_the_account_shares_one_counter(client, jdoe, settings, right_spelling):
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        spelling = SPELLINGS[attempt % len(SPELLINGS)]
        login(Client(), spelling, f"wrong-{attempt}", addr=f"198.51.100.{attempt + 1}")
    assert set(AccessAttempt.objects.values_list("username", flat=True)) == {"jdoe"}
    response = login(client, right_spelling, PASSWORD, addr="192.0.2.200")
    assert response.status_code == 429
    assert SESSION_KEY not in client.session


def test_thirty_guesses_in_a_row_lock_the_account(client, jdoe, settings):
    statuses = [login(client, "jdoe@example.org", f"guess-{i}").status_code for i in range(30)]
    assert statuses.index(429) == settings.AXES_FAILURE_LIMIT - 1
    assert login(client, "jdoe", PASSWORD).status_code == 429


def test_below_the_limit_every_spelling_logs_in(jdoe, settings):
    for spelling in SPELLINGS:
        client = Client()
        assert login(client, spelling, PASSWORD).status_code == 302, spelling
        assert client.session[SESSION_KEY] == str(jdoe.pk)


def test_lockout_page_says_what_to_do_next(client, jdoe, settings):
    for i in range(settings.AXES_FAILURE_LIMIT):
        response = login(client, "jdoe", f"wrong-{i}")
    assert response.status_code == 429
    text = response.content.decode()
    assert "Choisir un nouveau mot de passe" in text
    assert f'href="{reverse("password_reset")}"' in text
    assert "mailto:partenariats@wikimedia.fr" in text


def test_password_reset_lifts_the_lock(client, jdoe, settings):
    for i in range(settings.AXES_FAILURE_LIMIT):
        login(client, "jdoe", f"wrong-{i}")
    assert login(client, "jdoe", PASSWORD).status_code == 429
    client.post(reverse("password_reset"), {"email": "jdoe@example.org"})
    link = re.search(r"http://[^\s]+/password/reset/[^\s]+/", mail.outbox[-1].body).group(0)
    response = client.get(link, follow=True)
    new_password = "une-toute-nouvelle-phrase-2026"
    response = client.post(
        response.redirect_chain[-1][0], {"new_password1": new_password, "new_password2": new_password}
    )
    assert response.status_code == 302
    assert login(Client(), "jdoe", new_password).status_code == 302


def test_a_few_failures_from_one_address_do_not_lock_other_accounts(client, jdoe, settings):
    """A museum's network: five colleagues mistype, the sixth still logs in."""
    for i in range(settings.AXES_FAILURE_LIMIT * 2):
        login(Client(), f"colleague{i % 5}", "typo", addr="192.0.2.9")
    assert login(client, "jdoe", PASSWORD, addr="192.0.2.9").status_code == 302


def test_an_address_guessing_across_many_accounts_is_throttled(client, jdoe, settings):
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 20
    settings.LOGIN_ADDRESS_ACCOUNT_LIMIT = 5
    # Many failures on a single account lock that account, not the address.
    for i in range(25):
        login(Client(), "someone-else", f"x{i}", addr="192.0.2.50")
    assert login(Client(), "jdoe", PASSWORD, addr="192.0.2.50").status_code == 302
    # Spread across many accounts, they throttle the address.
    for i in range(20):
        login(Client(), f"target{i % 6}", "x", addr="192.0.2.66")
    assert login(client, "jdoe", PASSWORD, addr="192.0.2.66").status_code == 429
    assert login(Client(), "jdoe", PASSWORD, addr="192.0.2.67").status_code == 302


def test_forwarded_for_is_ignored_without_trusted_proxies(client, jdoe, settings):
    """Behind no declared proxy, a forged header neither hides nor frames an address."""
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 6
    settings.LOGIN_ADDRESS_ACCOUNT_LIMIT = 3
    assert settings.TRUSTED_PROXY_HOPS == 0
    for i in range(6):
        login(Client(), f"target{i}", "x", addr="192.0.2.70", HTTP_X_FORWARDED_FOR=f"10.0.0.{i}")
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"192.0.2.70"}
    assert login(client, "jdoe", PASSWORD, addr="192.0.2.70", HTTP_X_FORWARDED_FOR="10.9.9.9").status_code == 429


def test_behind_trusted_proxies_the_client_address_comes_from_forwarded_for(client, jdoe, settings):
    """Everyone arrives from the proxy's address: only the forwarded client is throttled."""
    settings.TRUSTED_PROXY_HOPS = 1
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 6
    settings.LOGIN_ADDRESS_ACCOUNT_LIMIT = 3
    proxy = "10.0.0.1"
    for i in range(6):
        # The attacker forges a left-most entry; the proxy appends the real address.
        login(Client(), f"target{i}", "x", addr=proxy, HTTP_X_FORWARDED_FOR=f"1.2.3.{i}, 198.51.100.66")
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"198.51.100.66"}
    assert login(Client(), "jdoe", PASSWORD, addr=proxy, HTTP_X_FORWARDED_FOR="192.0.2.1").status_code == 302
    attacker = login(client, "jdoe", PASSWORD, addr=proxy, HTTP_X_FORWARDED_FOR="198.51.100.66")
    assert attacker.status_code == 429
    # Two proxies: the client is the second entry from the right.
    settings.TRUSTED_PROXY_HOPS = 2
    login(Client(), "nobody", "x", addr=proxy, HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9, 10.0.0.2")
    assert AccessAttempt.objects.filter(username="nobody").get().ip_address == "203.0.113.9"
