"""The agreements' deadlines (agreements/deadlines.py) with frozen time: an agreement in force
ending (reminders 60, 30 and 7 days before), a signature pending for a month (on the day, then
7 and 30 days late); who receives them; what the portal shows."""

import datetime

import time_machine
from django.urls import reverse
from django_scopes import scopes_disabled

from agreements.lifecycle import AgreementStatus as S
from agreements.models import Agreement
from agreements.services import agreement_transition
from core.deadlines import due_on, recipients_for, upcoming_deadlines
from partnerships.models import PartnerMember, PartnerRole
from tests.factories import StaffFactory, UserFactory

START = datetime.datetime(2027, 1, 4, 9, 0, tzinfo=datetime.UTC)


def _at(day):
    return time_machine.travel(datetime.datetime.combine(day, datetime.time(9), tzinfo=datetime.UTC), tick=False)


def _due(day, kind):
    return [(d.occurrence.pk, d.offset) for d in due_on(day, kinds=[kind])]


def _send(agreement, user, capture):
    for status in (S.IN_REVIEW, S.SENT):
        with capture(execute=True), scopes_disabled():
            agreement_transition(agreement=agreement, to=status, by=user)


def test_agreement_end_reminders_60_30_and_7_days_before(
    agreement_factory, staff_user, django_capture_on_commit_callbacks
):
    with time_machine.travel(START, tick=False):
        agreement = agreement_factory()
        _send(agreement, staff_user, django_capture_on_commit_callbacks)
        with scopes_disabled():
            agreement_transition(agreement=agreement, to=S.SIGNED, by=staff_user, signed_on=START.date())
    end = datetime.date(2027, 6, 30)
    with scopes_disabled():
        Agreement.objects.filter(pk=agreement.pk).update(end_date=end)
        for days, expected in [(61, []), (60, [60]), (59, []), (30, [30]), (8, []), (7, [7]), (0, []), (-1, [])]:
            day = end - datetime.timedelta(days=days)
            assert _due(day, "agreement_end") == [(agreement.pk, o) for o in expected], days
        # Ended or terminated: no more reminder.
        Agreement.objects.filter(pk=agreement.pk).update(status=S.ENDED)
        assert _due(end - datetime.timedelta(days=7), "agreement_end") == []


def test_signature_pending_on_the_month_then_7_and_30_days_late(
    agreement_factory, staff_user, django_capture_on_commit_callbacks
):
    with time_machine.travel(START, tick=False):
        agreement = agreement_factory()
        _send(agreement, staff_user, django_capture_on_commit_callbacks)
    with scopes_disabled():
        agreement.refresh_from_db()
        assert agreement.sent_on == START.date()
        sent = START.date()
        for days, expected in [(29, []), (30, [0]), (31, []), (37, [-7]), (38, []), (60, [-30]), (61, [])]:
            assert _due(sent + datetime.timedelta(days=days), "agreement_signature") == [
                (agreement.pk, o) for o in expected
            ], days
    # Signed: the pending deadline disappears.
    with time_machine.travel(START + datetime.timedelta(days=35), tick=False), scopes_disabled():
        agreement_transition(agreement=agreement, to=S.SIGNED, by=staff_user, signed_on=sent)
    with scopes_disabled():
        assert _due(sent + datetime.timedelta(days=37), "agreement_signature") == []


def test_recipients_are_the_staff_lead_and_the_partners_admins(
    agreement_factory, staff_user, django_capture_on_commit_callbacks
):
    with time_machine.travel(START, tick=False):
        agreement = agreement_factory()
        _send(agreement, staff_user, django_capture_on_commit_callbacks)
    with scopes_disabled():
        lead = StaffFactory(email="lead@wikimedia.fr", preferred_language="en")
        agreement.partnership.lead = lead
        agreement.partnership.save(update_fields=["lead"])
        admin = UserFactory(email="admin@musee.example", preferred_language="fr")
        PartnerMember.objects.create(partner=agreement.partner, user=admin, role=PartnerRole.ADMIN)
        member = UserFactory(email="member@musee.example")
        PartnerMember.objects.create(partner=agreement.partner, user=member, role=PartnerRole.MEMBER)
        [due] = due_on(START.date() + datetime.timedelta(days=30), kinds=["agreement_signature"])
        recipients = recipients_for([due.occurrence])[due.occurrence.key]
    assert [(r.key, r.language, r.is_staff) for r in recipients] == [
        (f"user:{admin.pk}", "fr", False),
        (f"user:{lead.pk}", "en", True),
    ]


def test_one_query_per_kind_whatever_is_due(agreement_factory, staff_user, django_assert_num_queries):
    with scopes_disabled():
        with django_assert_num_queries(1):
            due_on(datetime.date(2027, 1, 1), kinds=["agreement_end"])
        with django_assert_num_queries(1):
            upcoming_deadlines(datetime.date(2027, 1, 1), datetime.date(2027, 3, 1), kinds=["agreement_signature"])


def test_portal_home_shows_the_partners_deadlines_not_anothers(
    client, agreement_factory, staff_user, django_capture_on_commit_callbacks
):
    with time_machine.travel(START, tick=False):
        mine = agreement_factory(partner_name="Musée A")
        other = agreement_factory(partner_name="Musée B")
        for a in (mine, other):
            _send(a, staff_user, django_capture_on_commit_callbacks)
    with scopes_disabled():
        user = UserFactory()
        PartnerMember.objects.create(partner=mine.partner, user=user, role=PartnerRole.MEMBER)
    with time_machine.travel(START + datetime.timedelta(days=40), tick=False):  # 10 days overdue
        client.force_login(user)
        response = client.get(reverse("portal:home"), HTTP_ACCEPT_LANGUAGE="en")
    deadlines = response.context["deadlines"]
    assert [(d.label, d.date) for d in deadlines] == [
        (f"{mine.reference} – {mine.title}: your signature is expected.", START.date() + datetime.timedelta(days=30))
    ]
    assert reverse("portal:agreement_detail", args=[mine.pk]) in response.content.decode()
