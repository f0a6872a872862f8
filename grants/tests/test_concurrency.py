"""Two approvals racing for the envelope on PostgreSQL, over two real connections: exactly
one succeeds (the fiscal year's row is locked inside each approval's transaction)."""

import datetime
import threading
from decimal import Decimal

import pytest
from django.db import connection, connections
from django_scopes import scopes_disabled

from grants import awards, services
from grants.models import Application, ApplicationStatus, Criterion, Outcome

from .conftest import admin_of, draft, organisation

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks need PostgreSQL (runs in CI's PostgreSQL pass)"
)


@scopes_disabled()
def _under_review(rr, name, officer, country):
    partner = organisation(name, country=country)
    application = draft(rr, partner, officer, country=country)
    services.application_submit(application=application, member=admin_of(partner))
    services.eligibility_start(application=application, by=officer)
    criteria = Criterion.objects.filter(programme__code="wikimedia-alliances-fund")
    services.eligibility_record(
        application=application, results=[services.CriterionResult(c.pk, Outcome.PASS) for c in criteria], by=officer
    )
    return application


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_approvals_exceeding_the_envelope_exactly_one_succeeds(ssa, eseap, officer, frozen):
    first = _under_review(ssa, "Organisation Un", officer, "KE")
    second = _under_review(eseap, "Organisation Deux", officer, "PH")
    barrier = threading.Barrier(2)
    outcomes: dict[int, str] = {}

    def approve(application):
        try:
            with scopes_disabled():
                barrier.wait(timeout=10)
                awards.application_approve(
                    application=application, amount="150000.00", decided_on=datetime.date(2024, 5, 3), by=officer
                )
            outcomes[application.pk] = "approved"
        except awards.EnvelopeExceededError:
            outcomes[application.pk] = "refused"
        finally:
            connections.close_all()  # this thread's own connection

    threads = [threading.Thread(target=approve, args=(a,)) for a in (first, second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert sorted(outcomes.values()) == ["approved", "refused"]
    with scopes_disabled():
        approved = list(Application.objects.filter(status=ApplicationStatus.APPROVED))
    assert len(approved) == 1
    assert sum(a.approved_amount for a in approved) == Decimal("150000.00")
