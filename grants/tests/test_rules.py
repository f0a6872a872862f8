"""Every rule of the seed refused with its message; illegal transitions refused."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation
from django_scopes import scopes_disabled

from core.models import AuditEntry
from grants import awards, services
from grants.lifecycle import TRANSITIONS, TransitionError
from grants.models import ApplicationStatus, ApplicationVersion, Criterion, Outcome
from grants.rules import RuleError
from partnerships.models import LegalStatus

from .conftest import admin_of, draft, good_content, member_of, organisation

S = ApplicationStatus


@pytest.fixture(autouse=True)
def _english():
    """The rules' messages are asserted in English here (their French is checked on the pages)."""
    with translation.override("en"):
        yield


def codes(excinfo) -> list[str]:
    return [r.code for r in excinfo.value.refusals]


def test_a_valid_draft_is_submitted_and_frozen(application, applicant):
    with scopes_disabled():
        services.application_submit(application=application, member=admin_of(applicant))
        application.refresh_from_db()
        assert application.status == S.SUBMITTED
        version = ApplicationVersion.objects.get(application=application)
        assert version.content["budget_lines"] == [["Salle et repas", "4000.00"], ["Coordination", "8000.00"]]
        assert AuditEntry.objects.filter(action="application.submitted", to_state=S.SUBMITTED).count() == 1


def test_a_member_edits_but_only_a_partner_admin_submits(application, applicant):
    with scopes_disabled():
        services.application_save_draft(
            application=application, content=good_content(title="Titre revu"), by=member_of(applicant).user
        )
        with pytest.raises(PermissionDenied):
            services.application_submit(application=application, member=member_of(applicant))
        application.refresh_from_db()
    assert (application.title, application.status) == ("Titre revu", S.DRAFT)


def test_for_profit_refused_at_invitation_and_at_submission(ssa, officer, frozen, applicant):
    company = organisation("Société Anonyme", legal_status=LegalStatus.COMPANY)
    with pytest.raises(RuleError) as excinfo, scopes_disabled():
        services.invitation_create(round_region=ssa, partner=company, by=officer)
    assert codes(excinfo) == ["for_profit"]
    assert "For-profit organisations cannot be funded" in str(excinfo.value)
    with scopes_disabled():
        application = draft(ssa, applicant, officer, applicant_kind="for_profit")
        with pytest.raises(RuleError) as excinfo:
            services.application_submit(application=application, member=admin_of(applicant))
    assert codes(excinfo) == ["for_profit"]


def test_affiliate_applicant_refused_but_may_be_the_partnering_affiliate(ssa, officer, frozen, applicant):
    with scopes_disabled():
        application = draft(ssa, applicant, officer, applicant_kind="wikimedia_affiliate")
        with pytest.raises(RuleError) as excinfo:
            services.application_submit(application=application, member=admin_of(applicant))
        assert codes(excinfo) == ["affiliate"]
        assert "the grantee is the partner organisation" in str(excinfo.value)
        application.refresh_from_db()
        assert application.status == S.DRAFT
        # Named as the partnering affiliate (good_content does so), the same proposal passes.
        services.application_save_draft(application=application, content=good_content(), by=admin_of(applicant).user)
        services.application_submit(application=application, member=admin_of(applicant))


def _approve(application, officer, amount="10000"):
    with scopes_disabled():
        services.application_submit(application=application, member=admin_of(application.partner))
        services.eligibility_start(application=application, by=officer)
        criteria = Criterion.objects.filter(programme__code="wikimedia-alliances-fund")
        services.eligibility_record(
            application=application,
            results=[services.CriterionResult(c.pk, Outcome.PASS) for c in criteria],
            by=officer,
        )
        return awards.application_approve(
            application=application, amount=amount, decided_on=datetime.date(2024, 5, 3), by=officer
        )


def test_second_open_grant_refused(application, applicant, officer, eseap, frozen):
    _approve(application, officer)
    with pytest.raises(RuleError) as excinfo, scopes_disabled():
        services.invitation_create(round_region=eseap, partner=applicant, by=officer)
    assert codes(excinfo) == ["open_grant"]


def test_a_returning_organisation_is_invited_again_once_its_grant_is_closed(application, applicant, officer, eseap):
    _approve(application, officer)
    with scopes_disabled():
        awards.agreement_record(application=application, signed_on=datetime.date(2024, 5, 17), by=officer)
        awards.final_report_submit(application=application, member=admin_of(applicant), text="Rapport")
        invitation = awards.renewal_invite(application=application, round_region=eseap, by=officer)
        renewal = services.application_start(invitation=invitation, by=admin_of(applicant).user)
        assert renewal.title == application.title
        assert [b.label for b in renewal.budget_lines.all()] == ["Salle et repas", "Coordination"]


def test_past_activities_refused(ssa, applicant, officer, frozen):
    with scopes_disabled():
        application = draft(ssa, applicant, officer)
        content = good_content()
        content.activities = [("Atelier déjà fait", datetime.date(2024, 2, 1), None)]
        services.application_save_draft(application=application, content=content, by=officer)
        with pytest.raises(RuleError) as excinfo:
            services.application_submit(application=application, member=admin_of(applicant))
    assert codes(excinfo) == ["past_activities"]
    assert "future, planned work" in str(excinfo.value)


def test_country_outside_the_region_refused(ssa, applicant, officer, frozen):
    with scopes_disabled():
        application = draft(ssa, applicant, officer, country="PH")  # ESEAP, not SSA
        with pytest.raises(RuleError) as excinfo:
            services.application_submit(application=application, member=admin_of(applicant))
    assert codes(excinfo) == ["country"]
    assert "not in the Sub-Saharan Africa funding region" in str(excinfo.value)


@pytest.mark.parametrize(
    ("moment", "late"),
    [
        # SSA deadline: 1 March 2024, 23:59:59 in Nairobi (UTC+3) = 21:59:59 in Paris (UTC+1).
        (datetime.datetime(2024, 3, 1, 20, 59, 59, tzinfo=datetime.UTC), False),
        (datetime.datetime(2024, 3, 1, 21, 0, 0, tzinfo=datetime.UTC), True),
    ],
)
def test_late_submission_refused_with_both_time_zones(ssa, applicant, officer, moment, late):
    with time_machine.travel(datetime.datetime(2024, 2, 20, tzinfo=datetime.UTC), tick=False), scopes_disabled():
        application = draft(ssa, applicant, officer)
    with time_machine.travel(moment, tick=False):
        if not late:
            with scopes_disabled():
                services.application_submit(application=application, member=admin_of(applicant))
            return
        with pytest.raises(RuleError) as excinfo, scopes_disabled():
            services.application_submit(application=application, member=admin_of(applicant))
    assert codes(excinfo) == ["late"]
    message = str(excinfo.value)
    assert "1 March 2024, 21:59 in Paris" in message
    assert "(1 March 2024, 23:59, Africa/Nairobi)" in message  # the applicant's region
    with (
        translation.override("fr"),
        pytest.raises(RuleError) as excinfo,
        time_machine.travel(moment, tick=False),
        scopes_disabled(),
    ):
        services.application_submit(application=application, member=admin_of(applicant))
    assert "1 mars 2024 21:59 à Paris (1 mars 2024 23:59, Africa/Nairobi)" in str(excinfo.value)


def test_budget_lines_must_add_up_to_the_total(ssa, applicant, officer, frozen):
    with scopes_disabled():
        application = draft(ssa, applicant, officer, requested_amount=Decimal("12000.01"))
        with pytest.raises(RuleError) as excinfo:
            services.application_submit(application=application, member=admin_of(applicant))
    assert codes(excinfo) == ["budget"]
    assert "add up to 12000.00, not to the total requested (12000.01)" in str(excinfo.value)


@pytest.mark.parametrize("status", [s for s in S.values if s != S.DRAFT])
def test_illegal_transitions_are_refused(application, officer, status):
    application.status = status
    application.save(update_fields=["status"])
    allowed = TRANSITIONS[status]
    with scopes_disabled():
        attempts = {
            S.SUBMITTED: lambda: services.application_submit(
                application=application, member=admin_of(application.partner)
            ),
            S.ELIGIBILITY_CHECK: lambda: services.eligibility_start(application=application, by=officer),
            S.AWAITING_REPLY: lambda: services.feedback_send(application=application, text="?", by=officer),
            S.NOT_FUNDED: lambda: awards.application_decline(
                application=application, decided_on=datetime.date(2024, 5, 3), reasons="Non", by=officer
            ),
            S.APPROVED: lambda: awards.application_approve(
                application=application, amount="1", decided_on=datetime.date(2024, 5, 3), by=officer
            ),
        }
        for target, attempt in attempts.items():
            if target in allowed:
                continue
            with pytest.raises(TransitionError):
                attempt()
            application.refresh_from_db()
            assert application.status == status


def test_withdraw_until_the_decision_only(application, applicant, officer):
    _approve(application, officer)
    with pytest.raises(TransitionError), scopes_disabled():
        services.application_withdraw(application=application, member=admin_of(applicant))


def test_a_failed_criterion_makes_the_application_incomplete_with_the_reason(application, applicant, officer):
    with scopes_disabled():
        services.application_submit(application=application, member=admin_of(applicant))
        services.eligibility_start(application=application, by=officer)
        criteria = list(Criterion.objects.filter(programme__code="wikimedia-alliances-fund"))
        results = [services.CriterionResult(c.pk, Outcome.PASS) for c in criteria]
        results[6] = services.CriterionResult(criteria[6].pk, Outcome.FAIL, "Rapport 2022 manquant")
        with pytest.raises(ValidationError):  # a fail needs its evidence
            services.eligibility_record(
                application=application,
                results=[*results[:6], services.CriterionResult(criteria[6].pk, Outcome.FAIL), *results[7:]],
                by=officer,
            )
        services.eligibility_record(application=application, results=results, by=officer)
        application.refresh_from_db()
    assert application.status == S.INCOMPLETE
    assert "Rapport 2022 manquant" in application.incomplete_reason
    assert criteria[6].text in application.incomplete_reason


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("-5", "greater than zero"),
        ("abc", "in figures"),
        ("10.555", "two decimals"),
        ("250000.01", "exceeds what is left of the envelope"),
    ],
)
def test_bad_amounts_are_refused_and_nothing_is_saved(application, officer, amount, message):
    with pytest.raises(ValidationError, match=message):
        _approve(application, officer, amount=amount)
    application.refresh_from_db()
    assert application.status == S.UNDER_REVIEW
    assert application.approved_amount is None


def test_the_decision_email_says_there_is_no_appeal_and_goes_once(
    application, applicant, officer, django_capture_on_commit_callbacks, mailoutbox
):
    with scopes_disabled():
        admin = admin_of(applicant).user
    admin.preferred_language = "fr"
    admin.save(update_fields=["preferred_language"])
    with django_capture_on_commit_callbacks(execute=True):
        _approve(application, officer, amount="9000")
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == [admin.email]
    assert "Approuvée · Financée\u00a0: 9000,00 USD." in message.body
    assert "Pour le moment, nous ne prévoyons pas de processus d’appel" in message.body
    from grants.tasks import send_decision_email

    send_decision_email.delay(application.pk)  # a retry or a second run sends nothing
    assert len(mailoutbox) == 1
