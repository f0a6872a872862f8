"""seed_demo: realistic, idempotent, with agreements of every kind and their PDFs."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from agreements.management.commands.seed_demo import DEMO_ACCOUNTS_CREDENTIALS
from agreements.models import Agreement, AgreementDocument, AgreementKind, AgreementStatus, DocumentState
from partnerships.models import Partner, PartnerMember

pytestmark = pytest.mark.django_db


def test_seed_demo_builds_a_realistic_and_idempotent_data_set(settings):
    settings.DEMO_ACCOUNTS = True
    call_command("seed_demo", "--scale", "20", stdout=open("/dev/null", "w"))  # noqa: SIM115
    for name in ("Archives nationales", "Bibliothèque nationale de France", "Centre Pompidou", "Mairie de Toulouse"):
        assert Partner.objects.filter(name=name).exists(), name
    counts = (Partner.objects.count(), Agreement.objects.count(), AgreementDocument.objects.count())
    assert counts[0] == 25 + 20
    assert set(Agreement.objects.values_list("kind", flat=True)) == set(AgreementKind.values)
    assert len(set(Agreement.objects.values_list("status", flat=True))) >= 6
    assert set(AgreementDocument.objects.values_list("state", flat=True)) == {DocumentState.READY}
    assert AgreementDocument.objects.filter(frozen=True).count() >= 6
    assert all(d.file.read(5) == b"%PDF-" for d in AgreementDocument.objects.all())
    # Demo accounts: staff, admin, and a partner user who is a portal admin of the BnF.
    users = get_user_model().objects
    for account in DEMO_ACCOUNTS_CREDENTIALS:
        assert users.get(username=account["username"]).check_password(account["password"])
    assert PartnerMember.objects.get(user__username="partner").partner.name == "Bibliothèque nationale de France"
    assert Agreement.objects.filter(status=AgreementStatus.ACTIVE, partner__name__startswith="Biblioth").exists()

    call_command("seed_demo", "--scale", "20", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert (Partner.objects.count(), Agreement.objects.count(), AgreementDocument.objects.count()) == counts


def test_no_demo_accounts_without_the_development_defaults(settings):
    settings.DEMO_ACCOUNTS = False
    call_command("seed_demo", "--scale", "0", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert not get_user_model().objects.filter(username__in=["staff", "admin", "partner"]).exists()
