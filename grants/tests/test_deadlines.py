"""The fund's timeline as deadlines (grants/deadlines.py), with the FY 2023-24 data: the
submission deadline per region for invited organisations that have not submitted, the
committee's feedback to answer, the decision to announce, a payment to send, the midpoint
conversation, the final report 30 days after the grant end; each offset at its frozen day."""

import datetime
from decimal import Decimal

from django_scopes import scopes_disabled

from core.deadlines import due_on, recipients_for, upcoming_deadlines
from grants.models import Application, ApplicationStatus, Conversation, FinalReport, Payment, StepKind, TimelineStep

from .conftest import admin_of, draft, organisation

D = datetime.date


def _due(day, kind):
    return [(d.occurrence.model, d.occurrence.pk, d.offset) for d in due_on(day, kinds=[kind])]


def test_submission_deadline_per_region_14_3_and_0_days_before(ssa, eseap, officer, frozen):
    with scopes_disabled():
        application = draft(ssa, organisation("Kenya A"), officer)  # SSA: 1 March 2024
        other = draft(eseap, organisation("Philippines B", country="PH"), officer)  # ESEAP: 14 March 2024
        assert _due(D(2024, 2, 16), "grant_submission") == [("grants.application", application.pk, 14)]
        assert _due(D(2024, 2, 27), "grant_submission") == [("grants.application", application.pk, 3)]
        # Each region its own timeline: ESEAP's deadline is 14 March (14 days before: 29 February).
        assert _due(D(2024, 2, 29), "grant_submission") == [("grants.application", other.pk, 14)]
        assert _due(D(2024, 3, 1), "grant_submission") == [("grants.application", application.pk, 0)]
        assert _due(D(2024, 2, 28), "grant_submission") == []
        [due] = due_on(D(2024, 3, 1), kinds=["grant_submission"])[:1]
        recipients = recipients_for([due.occurrence])[due.occurrence.key]
        assert [r.key for r in recipients] == [f"user:{admin_of(application.partner).user_id}"]
        assert due.occurrence.region == "ssa"
        # Submitted: no more reminder.
        Application.objects.filter(pk=application.pk).update(status=ApplicationStatus.SUBMITTED)
        assert _due(D(2024, 3, 1), "grant_submission") == []
        assert _due(D(2024, 3, 14), "grant_submission") == [("grants.application", other.pk, 0)]


def test_payment_and_final_report(application):
    with scopes_disabled():
        Application.objects.filter(pk=application.pk).update(
            status=ApplicationStatus.APPROVED, grant_starts_on=D(2024, 6, 1), grant_ends_on=D(2025, 5, 31)
        )
        Payment.objects.create(application=application, amount=Decimal("6000"), planned_on=D(2024, 6, 15))
        assert _due(D(2024, 6, 8), "grant_payment") == [("grants.application", application.pk, 7)]
        assert _due(D(2024, 6, 22), "grant_payment") == [("grants.application", application.pk, -7)]
        report_due = D(2025, 6, 30)  # 30 days after the grant end
        for days, offset in [(30, 30), (7, 7), (0, 0), (-1, -1), (-30, -30)]:
            day = report_due - datetime.timedelta(days=days)
            assert _due(day, "grant_final_report") == [("grants.application", application.pk, offset)], days
        assert _due(report_due - datetime.timedelta(days=29), "grant_final_report") == []
        listed = upcoming_deadlines(D(2025, 6, 1), D(2025, 7, 31), partner=application.partner, portal=True)
        assert [(o.kind, o.date) for o in listed] == [("grant_final_report", report_due)]
        FinalReport.objects.create(application=application, text="Rapport")
        assert _due(report_due, "grant_final_report") == []


def _step_day(rr, kind, *, end=False) -> datetime.date:
    """The region's own date of a timeline step, as the fund's page gives it (the seed data)."""
    from grants.deadlines import _step_date

    return _step_date(TimelineStep.objects.get(round_region=rr, kind=kind), end=end)


def _days_before(day, days):
    return day - datetime.timedelta(days=days)


def test_feedback_to_answer_7_and_1_days_before_then_1_and_7_days_late(application):
    with scopes_disabled():
        Application.objects.filter(pk=application.pk).update(status=ApplicationStatus.AWAITING_REPLY)
        ends = _step_day(application.round_region, StepKind.ENGAGING_WITH_FEEDBACK, end=True)
        for days, offset in [(7, 7), (1, 1), (-1, -1), (-7, -7)]:
            assert _due(_days_before(ends, days), "grant_feedback") == [("grants.application", application.pk, offset)]
        assert _due(_days_before(ends, 2), "grant_feedback") == []
        [due] = due_on(_days_before(ends, 1), kinds=["grant_feedback"])
        recipients = recipients_for([due.occurrence])[due.occurrence.key]
        assert [r.key for r in recipients] == [f"user:{admin_of(application.partner).user_id}"]
        # Answered (back under review): nothing more.
        Application.objects.filter(pk=application.pk).update(status=ApplicationStatus.UNDER_REVIEW)
        assert _due(_days_before(ends, 1), "grant_feedback") == []


def test_decision_due_7_days_before_and_on_the_day_then_1_day_late(application, officer):
    with scopes_disabled():
        Application.objects.filter(pk=application.pk).update(status=ApplicationStatus.UNDER_REVIEW)
        day = _step_day(application.round_region, StepKind.DECISION_ANNOUNCED)
        for days, offset in [(7, 7), (0, 0), (-1, -1)]:
            assert _due(_days_before(day, days), "grant_decision") == [("grants.application", application.pk, offset)]
        assert _due(_days_before(day, 6), "grant_decision") == []
        [due] = due_on(day, kinds=["grant_decision"])
        assert [r.key for r in recipients_for([due.occurrence])[due.occurrence.key]] == [f"user:{officer.pk}"]
        # Still a draft (never submitted): no decision is due.
        Application.objects.filter(pk=application.pk).update(status=ApplicationStatus.DRAFT)
        assert _due(day, "grant_decision") == []


def test_midpoint_conversation_14_days_before_and_on_the_day_until_it_is_held(application, officer):
    with scopes_disabled():
        Application.objects.filter(pk=application.pk).update(status=ApplicationStatus.APPROVED)
        day = _step_day(application.round_region, StepKind.MIDPOINT_CONVERSATION)
        for days, offset in [(14, 14), (0, 0)]:
            assert _due(_days_before(day, days), "grant_midpoint") == [("grants.application", application.pk, offset)]
        assert _due(_days_before(day, 13), "grant_midpoint") == []
        [due] = due_on(day, kinds=["grant_midpoint"])
        recipients = {r.key for r in recipients_for([due.occurrence])[due.occurrence.key]}
        assert recipients == {f"user:{officer.pk}", f"user:{admin_of(application.partner).user_id}"}
        Conversation.objects.create(application=application, kind="midpoint", held_on=day, by=officer)
        assert _due(day, "grant_midpoint") == []
