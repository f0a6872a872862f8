"""Password reset e-mails are limited per typed address and per client address."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def reset(client, email, addr="203.0.113.5"):
    return client.post(reverse("password_reset"), {"email": email}, REMOTE_ADDR=addr)


def test_six_resets_in_a_row_to_one_address_send_three(client, settings):
    UserFactory(username="jdoe", email="jdoe@example.org")
    assert settings.PASSWORD_RESETS_PER_ACCOUNT_PER_HOUR == 3
    spellings = ["jdoe@example.org", "JDoe@Example.org", " jdoe@example.org"] * 2
    statuses = [reset(Client(), email, addr=f"198.51.100.{i}").status_code for i, email in enumerate(spellings)]
    assert statuses == [302, 302, 302, 429, 429, 429]
    assert len(mail.outbox) == 3
    response = reset(client, "jdoe@example.org")
    assert "Trop de demandes" in response.content.decode()


def test_one_client_address_cannot_spray_resets(settings):
    settings.PASSWORD_RESETS_PER_ADDRESS_PER_HOUR = 4
    for i in range(6):
        UserFactory(username=f"u{i}", email=f"u{i}@example.org")
    statuses = [reset(Client(), f"u{i}@example.org", addr="192.0.2.1").status_code for i in range(6)]
    assert statuses == [302] * 4 + [429] * 2
    assert len(mail.outbox) == 4
    assert reset(Client(), "u5@example.org", addr="192.0.2.2").status_code == 302


def test_unknown_addresses_are_counted_too(client):
    """The answer does not tell whether an account exists."""
    statuses = [reset(Client(), "personne@example.org").status_code for _ in range(4)]
    assert statuses == [302, 302, 302, 429]
