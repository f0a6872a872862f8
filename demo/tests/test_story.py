"""The demo data tells a true story over --scale 500, and each rule of demo/story.py can fail."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from django_scopes import scopes_disabled

from activities.models import Activity, ActivityStatus
from agreements.models import Agreement, AgreementStatus
from demo.story import RULES, story_check
from partnerships.models import (
    Membership,
    Partner,
    Partnership,
    PipelineStatus,
    PrincipleAcceptance,
    RelationshipStatus,
)

pytestmark = pytest.mark.django_db(transaction=False)

DAY = dt.timedelta(days=1)
SUMMARY: list[str] = []  # printed in the test summary (conftest.py)


class RollbackError(Exception):
    pass


def broken_codes() -> set[str]:
    report = story_check(today=timezone.localdate(), now=timezone.now())
    return {rule.code for rule, _row in report.broken}


def _partnership_active_in_the_future(today):
    p = Partnership.objects.filter(status=PipelineStatus.ACTIVE, end_date__isnull=True).first()
    Partnership.objects.filter(pk=p.pk).update(start_date=today + 400 * DAY)


def _done_action_still_running(today):
    a = Activity.objects.filter(status=ActivityStatus.DONE, partnership__end_date__isnull=True).first()
    Activity.objects.filter(pk=a.pk).update(end_date=today + 30 * DAY)


def _open_action_on_a_completed_partnership(today):
    a = Activity.objects.filter(partnership__status=PipelineStatus.COMPLETED).first()
    Activity.objects.filter(pk=a.pk).update(status=ActivityStatus.IN_PREPARATION)


def _action_before_its_partnership(today):
    a = Activity.objects.filter(partnership__start_date__isnull=False).select_related("partnership").first()
    Activity.objects.filter(pk=a.pk).update(start_date=a.partnership.start_date - 10 * DAY)


def _former_partner_with_an_active_partnership(today):
    p = Partner.objects.filter(partnerships__status=PipelineStatus.ACTIVE).first()
    Partner.objects.filter(pk=p.pk).update(relationship_status=RelationshipStatus.FORMER)


def _membership_paid_in_the_future(today):
    Membership.objects.filter(pk=Membership.objects.first().pk).update(paid_on=today + 10 * DAY)


def _principles_accepted_before_the_partner_existed(today):
    a = PrincipleAcceptance.objects.select_related("partner").first()
    PrincipleAcceptance.objects.filter(pk=a.pk).update(accepted_at=a.partner.created_at - DAY)


def _sent_agreement_with_2014_dates(today):
    Agreement.objects.filter(status=AgreementStatus.SENT).update(
        start_date=dt.date(2014, 3, 1), end_date=dt.date(2014, 12, 31)
    )


def _active_agreement_on_a_partnership_in_preparation(today):
    a = Agreement.objects.filter(status=AgreementStatus.ACTIVE).first()
    Partnership.objects.filter(pk=a.partnership_id).update(status=PipelineStatus.IN_DISCUSSION)


def _agreement_before_its_partnership(today):
    a = Agreement.objects.filter(status=AgreementStatus.ACTIVE).select_related("partnership").first()
    Agreement.objects.filter(pk=a.pk).update(start_date=a.partnership.start_date - 30 * DAY)


def _agreement_signed_after_it_started(today):
    a = Agreement.objects.filter(status=AgreementStatus.ACTIVE).first()
    Agreement.objects.filter(pk=a.pk).update(signed_on=a.start_date + 5 * DAY)


def _agreement_with_a_partner_outside_its_partnership(today):
    a = Agreement.objects.first()
    other = Partner.objects.exclude(partnerships=a.partnership_id).first()
    Agreement.objects.filter(pk=a.pk).update(partner=other)


def _sent_agreement_without_its_frozen_version(today):
    a = Agreement.objects.filter(status=AgreementStatus.SENT).first()
    a.documents.update(frozen=False)


def _agreement_drafted_after_its_signature(today):
    a = Agreement.objects.filter(status=AgreementStatus.ENDED).first()
    Agreement.objects.filter(pk=a.pk).update(created_at=timezone.now())


def _history_in_the_future(today):
    from core.models import AuditEntry

    AuditEntry.objects.filter(pk=AuditEntry.objects.order_by("pk").first().pk).update(
        at=timezone.now() + dt.timedelta(days=3)
    )


def _questionnaire_closing_before_its_action_ends(today):
    from evaluations.questionnaire_models import Questionnaire

    q = Questionnaire.objects.select_related("activity").filter(activity__end_date__isnull=False).first()
    day_before_the_end = q.activity.end_date - dt.timedelta(days=1)
    Questionnaire.objects.filter(pk=q.pk).update(
        opens_on=min(q.activity.start_date, day_before_the_end), closes_on=day_before_the_end
    )


# One break by hand per rule: each must turn its rule red, and only then.
BREAKS = {
    "P1": _partnership_active_in_the_future,
    "A1": _done_action_still_running,
    "A2": _open_action_on_a_completed_partnership,
    "A3": _action_before_its_partnership,
    "R1": _former_partner_with_an_active_partnership,
    "M1": _membership_paid_in_the_future,
    "T1": _principles_accepted_before_the_partner_existed,
    "G1": _sent_agreement_with_2014_dates,
    "G2": _active_agreement_on_a_partnership_in_preparation,
    "G3": _agreement_before_its_partnership,
    "G4": _agreement_signed_after_it_started,
    "G5": _agreement_with_a_partner_outside_its_partnership,
    "G6": _sent_agreement_without_its_frozen_version,
    "G7": _agreement_drafted_after_its_signature,
    "H1": _history_in_the_future,
    "Q1": _questionnaire_closing_before_its_action_ends,
}


def test_every_rule_has_a_break():
    assert set(BREAKS) == {rule.code for rule in RULES}


def test_seed_demo_tells_a_true_story_over_scale_500():
    out = io.StringIO()
    call_command("seed_demo", "--scale", "500", stdout=out)
    today = timezone.localdate()
    with scopes_disabled():
        report = story_check(today=today, now=timezone.now())
        assert report.broken == [], report.details()
        assert report.rows > 1500  # every partner, partnership, action, membership... was read
        assert f"Story: {report.summary()}" in out.getvalue()
        assert report.summary().endswith(f"against {len(RULES)} rules, 0 broken")
        # Each break by hand shows up as its rule.
        caught = []
        for code, break_it in BREAKS.items():
            try:
                with transaction.atomic():
                    break_it(today)
                    assert code in broken_codes(), code
                    caught.append(code)
                    raise RollbackError
            except RollbackError:
                pass
        assert broken_codes() == set()
    SUMMARY.append(f"seed_demo --scale 500: {report.summary()}")
    SUMMARY.append(f"each rule broken once by hand, each caught: {len(caught)} of {len(RULES)}")
