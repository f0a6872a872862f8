"""Staff and portal refuse hostile signed scans with a clear message, and store nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from agreements.models import AgreementStatus as S
from agreements.models import SignedScan
from core.tests.test_uploads import embedded_executable, html_polyglot, openaction_javascript
from partnerships.models import PartnerMember, PartnerRole
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

CASES = [
    (openaction_javascript, "contient du JavaScript"),
    (embedded_executable, "contient des fichiers joints ou intégrés"),
    (html_polyglot, "contient des données en dehors du document"),
]


@pytest.fixture
def sent_agreement(agreement_factory):
    agreement = agreement_factory()
    type(agreement).objects.filter(pk=agreement.pk).update(status=S.SENT)
    agreement.refresh_from_db()
    return agreement


@pytest.mark.parametrize(("make", "message"), CASES, ids=[m.__name__ for m, _ in CASES])
def test_staff_upload_refuses_hostile_pdf(staff_client, sent_agreement, make, message):
    upload = SimpleUploadedFile("signee.pdf", make(), content_type="application/pdf")
    response = staff_client.post(
        reverse("staff:agreement_scan_upload", args=[sent_agreement.pk]), {"file": upload}, follow=True
    )
    assert message in response.content.decode()
    assert not SignedScan.objects.exists()


@pytest.mark.parametrize(("make", "message"), CASES, ids=[m.__name__ for m, _ in CASES])
def test_portal_upload_refuses_hostile_pdf(client, sent_agreement, make, message):
    admin = UserFactory(username="admin-scan")
    PartnerMember.objects.create(partner=sent_agreement.partner, user=admin, role=PartnerRole.ADMIN)
    client.force_login(admin)
    upload = SimpleUploadedFile("signee.pdf", make(), content_type="application/pdf")
    response = client.post(
        reverse("portal:agreement_scan_upload", args=[sent_agreement.pk]), {"file": upload}, follow=True
    )
    assert message in response.content.decode()
    assert not SignedScan.objects.exists()
