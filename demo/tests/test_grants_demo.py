"""The grants demo builder fills the pipeline: an application in every status, through the
services, and a second run creates nothing."""

import datetime as dt

from django.utils import timezone
from django_scopes import scopes_disabled

from demo.build import grants as grants_builder
from demo.builders import BuildContext
from grants.models import Application, ApplicationStatus


def test_grants_demo_has_every_status_and_is_idempotent(db):
    lines: list[str] = []
    ctx = BuildContext(today=dt.date(2026, 12, 2), now=timezone.now(), scale=0, seed=1, write=lines.append)
    with scopes_disabled():
        grants_builder.build(ctx)
        assert sorted(Application.objects.values_list("status", flat=True)) == sorted(ApplicationStatus.values)
        approved = Application.objects.get(status=ApplicationStatus.APPROVED)
        assert approved.approved_amount is not None and approved.payments.count() == 1
        grants_builder.build(ctx)
        assert Application.objects.count() == len(ApplicationStatus.values)
    assert lines[-1] == "Grants: 0 application(s) of the Wikimedia Alliances Fund created."
