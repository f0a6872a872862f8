"""seed_demo: realistic, idempotent, with agreements of every kind and their PDFs."""

import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from agreements.models import Agreement, AgreementDocument, AgreementKind, AgreementStatus, DocumentState
from core.models import ReminderSent
from demo.data import load
from demo.scale import GENERATED_TAG
from partnerships.models import Contact, Partner, PartnerMember, Partnership

pytestmark = pytest.mark.django_db


def seed(*args: str) -> str:
    out = io.StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def test_seed_demo_builds_a_realistic_and_idempotent_data_set(settings):
    settings.DEMO_ACCOUNTS = True
    output = seed("--scale", "20")
    for name in ("Archives nationales", "Bibliothèque nationale de France", "Centre Pompidou", "Mairie de Toulouse"):
        assert Partner.objects.filter(name=name).exists(), name
    counts = (Partner.objects.count(), Agreement.objects.count(), AgreementDocument.objects.count())
    grant_applicants = len(load("grants")["applications"])  # the Alliances Fund's organisations
    assert counts[0] == 25 + 20 + grant_applicants
    assert Partner.objects.filter(tags__name=GENERATED_TAG).count() == 20
    assert Partnership.objects.filter(title__in=[p["title"] for p in load("partnerships")]).count() == 27
    assert set(Agreement.objects.values_list("kind", flat=True)) == set(AgreementKind.values)
    assert set(Agreement.objects.values_list("status", flat=True)) == set(AgreementStatus.values)
    assert set(AgreementDocument.objects.values_list("state", flat=True)) == {DocumentState.READY}
    assert AgreementDocument.objects.filter(frozen=True).count() >= 6
    assert all(d.file.read(5) == b"%PDF-" for d in AgreementDocument.objects.all())
    # Demo accounts: staff, admin, and a partner user who is a portal admin of the BnF.
    users = get_user_model().objects
    for account in load("accounts")["demo_accounts"]:
        assert users.get(username=account["username"]).check_password(account["password"])
        assert account["password"] in output
    assert PartnerMember.objects.get(user__username="partner").partner.name == "Bibliothèque nationale de France"
    assert Agreement.objects.filter(status=AgreementStatus.ACTIVE, partner__name__startswith="Biblioth").exists()
    assert "Agreements: 9 created, 9 PDF versions rendered." in output
    assert ", 0 broken" in output
    # The last week's reminders were swept and delivered (to memory); a second seed sends none.
    sent = int(re.search(r"Reminders: (\d+) sent over the last 7 days \(0 already sent\)", output).group(1))
    assert ReminderSent.objects.count() == sent and not ReminderSent.objects.filter(sent_at=None).exists()

    again = seed("--scale", "20")
    assert (Partner.objects.count(), Agreement.objects.count(), AgreementDocument.objects.count()) == counts
    assert "Generated partners: 20 already there (wanted 20); none added." in again
    assert f"Reminders: 0 sent over the last 7 days ({sent} already sent)" in again
    assert "Policy partners: 0 created, 25 already there; their partnerships: 0 created, 27 already there." in again


def test_a_larger_scale_adds_only_what_is_missing():
    seed("--scale", "5")
    first = set(Partner.objects.filter(tags__name=GENERATED_TAG).values_list("name", "city"))
    output = seed("--scale", "12")
    after = set(Partner.objects.filter(tags__name=GENERATED_TAG).values_list("name", "city"))
    assert first < after
    assert len(after) == 12
    assert "Generated partners: 7 created (5 already there)" in output


def test_same_seed_same_data():
    seed("--scale", "8", "--seed", "7")
    names = sorted(Partner.objects.filter(tags__name=GENERATED_TAG).values_list("name", "city"))
    people = sorted(Contact.objects.filter(partner__tags__name=GENERATED_TAG).values_list("first_name", "last_name"))
    Partner.objects.filter(tags__name=GENERATED_TAG).delete()
    seed("--scale", "8", "--seed", "7")
    assert sorted(Partner.objects.filter(tags__name=GENERATED_TAG).values_list("name", "city")) == names
    again = Contact.objects.filter(partner__tags__name=GENERATED_TAG).values_list("first_name", "last_name")
    assert sorted(again) == people


def test_no_demo_accounts_without_the_development_defaults(settings):
    settings.DEMO_ACCOUNTS = False
    output = seed("--scale", "0")
    assert not get_user_model().objects.filter(username__in=["staff", "admin", "partner"]).exists()
    assert "DEMO_ACCOUNTS is off: no demo accounts were created." in output
    assert "wmfr-staff-demo-2026" not in output


def test_a_negative_scale_is_refused():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="--scale must be 0 or more"):
        seed("--scale", "-1")
