"""Reminders exactly once (core/reminders.py, core/tasks.py, send_reminders): the sweep run
twice, a task delivered twice, an SMTP failure then recovery, opt-outs, digests, languages,
the command's last line. Two kinds declared here over real users and a real partner, so the
rules are tested apart from the apps' kinds (each app tests its own)."""

import datetime
import io
import smtplib
import threading

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import call_command
from django.db import connection, connections
from django_scopes import scopes_disabled

from core import deadlines
from core.deadlines import PARTNER_ADMINS, STAFF_LEAD, DeadlineKind, Occurrence
from core.models import ReminderSent
from core.reminders import reminder_preference_set, reminders_deliver, reminders_sweep
from core.tasks import send_reminder_email
from partnerships.models import PartnerMember, PartnerRole
from tests.factories import PartnerFactory, StaffFactory, UserFactory

DAY = datetime.date(2027, 3, 1)


def _deliver(ids):
    reminders_deliver(ids=ids)


@pytest.fixture
def cast(db, monkeypatch):
    with scopes_disabled():
        lead = StaffFactory(email="lead@wikimedia.fr", preferred_language="fr")
        partner = PartnerFactory(name="Musée A")
        admin = UserFactory(email="admin@musee.example", preferred_language="en")
        PartnerMember.objects.create(partner=partner, user=admin, role=PartnerRole.ADMIN)
    rows = [
        ("t_staff", 1, DAY + datetime.timedelta(days=7)),
        ("t_staff", 2, DAY + datetime.timedelta(days=7)),
        ("t_both", 3, DAY),
        ("t_both", 4, DAY - datetime.timedelta(days=3)),
        ("t_both", 5, DAY + datetime.timedelta(days=1)),  # not due on DAY
    ]

    def source(kind):
        def occurrences(query):
            return [
                Occurrence(
                    kind=k,
                    model="test.thing",
                    pk=pk,
                    date=date,
                    subject=f"Chose {pk}",
                    partner_id=partner.pk,
                    url=f"/staff/thing/{pk}/",
                    portal_url=f"/portal/thing/{pk}/",
                    owner_id=lead.pk,
                )
                for k, pk, date in rows
                if k == kind and (query.dates is None or date in query.dates) and query.start <= date <= query.end
            ]

        return occurrences

    monkeypatch.setattr(deadlines, "_kinds", {})
    deadlines.deadline_kind_register(
        DeadlineKind(
            key="t_staff",
            app="core",
            label="Staff thing",
            sentence="%(subject)s is coming.",
            occurrences=source("t_staff"),
            recipients=(STAFF_LEAD,),
            offsets=(7,),
        )
    )
    deadlines.deadline_kind_register(
        DeadlineKind(
            key="t_both",
            app="core",
            label="Shared thing",
            sentence="%(subject)s: staff wording.",
            portal_sentence="%(subject)s: partner wording.",
            occurrences=source("t_both"),
            recipients=(STAFF_LEAD, PARTNER_ADMINS),
            offsets=(0,),
            overdue=(3,),
            mandatory=True,
        )
    )
    return {"lead": lead, "admin": admin, "partner": partner}


def _sweep(django_capture_on_commit_callbacks, **kwargs):
    with django_capture_on_commit_callbacks(execute=True):
        return reminders_sweep(day=DAY, **kwargs)


def _log():
    return sorted(ReminderSent.objects.values_list("deadline", "offset", "recipient", "sent_at__isnull"))


def test_sweep_twice_sends_once_staff_digest_partner_one_each(cast, django_capture_on_commit_callbacks):
    first = _sweep(django_capture_on_commit_callbacks, enqueue=_deliver)
    # Lead: 4 rows (2 staff things, 2 shared) in ONE digest; admin: 2 shared things, one e-mail each.
    assert first.summary == "6 reminders sent, 0 already sent, 0 skipped"
    assert sorted((m.to[0], len(m.body.split("\n- ")) - 1) for m in mail.outbox) == [
        ("admin@musee.example", 1),
        ("admin@musee.example", 1),
        ("lead@wikimedia.fr", 4),
    ]
    second = _sweep(django_capture_on_commit_callbacks, enqueue=_deliver)
    assert second.summary == "0 reminders sent, 6 already sent, 0 skipped"
    assert len(mail.outbox) == 3
    assert ReminderSent.objects.count() == 6 and not ReminderSent.objects.filter(sent_at=None).exists()
    offsets = sorted(ReminderSent.objects.filter(recipient=f"user:{cast['admin'].pk}").values_list("offset", flat=True))
    assert offsets == [-3, 0]


def test_languages_wording_and_links_per_recipient(cast, django_capture_on_commit_callbacks, settings):
    settings.SITE_URL = "https://partenariats.example"
    _sweep(django_capture_on_commit_callbacks, enqueue=_deliver)
    digest = next(m for m in mail.outbox if m.to == ["lead@wikimedia.fr"])
    assert digest.subject == "Vos échéances\u00a0: 4 éléments"
    assert "Chose 3: staff wording." in digest.body and "https://partenariats.example/staff/thing/3/" in digest.body
    assert "3 jours de retard" in digest.body
    html = digest.alternatives[0][0]
    assert '<html lang="fr">' in html and 'href="https://partenariats.example/staff/thing/3/"' in html
    partner_mail = sorted((m for m in mail.outbox if m.to == ["admin@musee.example"]), key=lambda m: m.subject)
    assert [m.subject for m in partner_mail] == [
        "Reminder: Chose 3: partner wording.",
        "Reminder: Chose 4: partner wording.",
    ]
    assert "/portal/thing/3/" in partner_mail[0].body and "/staff/" not in partner_mail[0].body
    assert "3 days late" in partner_mail[1].body


def test_opt_out_of_a_kind_that_is_not_mandatory_and_choice_of_delivery(cast, django_capture_on_commit_callbacks):
    with pytest.raises(ValidationError):
        reminder_preference_set(user=cast["lead"], delivery="digest", muted_kinds=["t_both"])  # mandatory
    reminder_preference_set(user=cast["lead"], delivery="individual", muted_kinds=["t_staff"])
    result = _sweep(django_capture_on_commit_callbacks, enqueue=_deliver)
    assert result.summary == "4 reminders sent, 0 already sent, 2 skipped"
    assert sorted(m.to[0] for m in mail.outbox) == ["admin@musee.example"] * 2 + ["lead@wikimedia.fr"] * 2


def test_dry_run_writes_nothing_and_says_what_it_would_send(cast, django_capture_on_commit_callbacks):
    result = _sweep(django_capture_on_commit_callbacks, dry_run=True)
    assert result.summary == "6 reminders sent, 0 already sent, 0 skipped"
    assert all(line.startswith("would send: ") for line in result.lines)
    assert ReminderSent.objects.count() == 0 and mail.outbox == []


def test_a_task_delivered_again_after_a_crash_sends_nothing_more(cast, django_capture_on_commit_callbacks):
    batches = []
    _sweep(django_capture_on_commit_callbacks, enqueue=batches.append)
    assert mail.outbox == [] and ReminderSent.objects.filter(sent_at=None).count() == 6
    for ids in batches:
        send_reminder_email.apply(args=[ids])
    # The broker re-delivers every message (acks_late: the worker died before acking).
    for ids in batches:
        send_reminder_email.apply(args=[ids])
    assert len(mail.outbox) == 3
    assert ReminderSent.objects.filter(sent_at=None).count() == 0


def test_smtp_failure_then_recovery_sends_exactly_one(cast, django_capture_on_commit_callbacks, monkeypatch):
    failures = {"left": 2}
    real_send = EmailBackend.send_messages

    def flaky(self, messages):
        if failures["left"]:
            failures["left"] -= 1
            raise smtplib.SMTPServerDisconnected("connection lost")
        return real_send(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", flaky)
    monkeypatch.setattr("celery.app.task.Task.retry", _retry_now)
    batches = []
    _sweep(django_capture_on_commit_callbacks, enqueue=batches.append)
    digest = next(ids for ids in batches if len(ids) == 4)
    send_reminder_email.apply(args=[digest], throw=False)
    assert len(mail.outbox) == 1
    row = ReminderSent.objects.get(pk=digest[0])
    assert row.sent_at is not None and row.attempts == 3 and row.last_error == ""
    send_reminder_email.apply(args=[digest], throw=False)
    assert len(mail.outbox) == 1


def test_smtp_failing_for_good_stops_at_the_ceiling(cast, django_capture_on_commit_callbacks, monkeypatch):
    calls = []

    def broken(self, messages):
        calls.append(1)
        raise smtplib.SMTPServerDisconnected("down")

    monkeypatch.setattr(EmailBackend, "send_messages", broken)
    monkeypatch.setattr("celery.app.task.Task.retry", _retry_now)
    batches = []
    _sweep(django_capture_on_commit_callbacks, enqueue=batches.append)
    send_reminder_email.apply(args=[batches[0]], throw=False)
    assert len(calls) == 5  # the first try and four retries
    row = ReminderSent.objects.get(pk=batches[0][0])
    assert row.sent_at is None and row.failed_at is not None and row.attempts == 5
    assert "SMTPServerDisconnected" in row.last_error


def _retry_now(self, *args, exc=None, countdown=None, **kwargs):
    """Celery's retry, without waiting: run the task again at once with retries + 1."""
    from celery.exceptions import Retry

    request = self.request
    if request.retries >= self.max_retries:
        raise exc
    self.apply(args=request.args, kwargs=request.kwargs, retries=request.retries + 1, throw=False)
    return Retry(exc=exc)


def test_send_reminders_command_prints_each_and_ends_with_the_counts(cast, django_capture_on_commit_callbacks):
    out = io.StringIO()
    call_command("send_reminders", "--date", DAY.isoformat(), "--dry-run", stdout=out)
    assert out.getvalue().splitlines()[-1] == "6 reminders sent, 0 already sent, 0 skipped"
    assert mail.outbox == []
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):  # the test's transaction stands for the commit
        call_command("send_reminders", "--date", DAY.isoformat(), stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[-1] == "6 reminders sent, 0 already sent, 0 skipped"
    assert len([line for line in lines if line.strip().startswith("sent: ")]) == 6
    assert len(mail.outbox) == 3
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders", "--date", DAY.isoformat(), stdout=out)
    assert out.getvalue().splitlines()[-1] == "0 reminders sent, 6 already sent, 0 skipped"
    assert len(mail.outbox) == 3


@pytest.mark.skipif(connection.vendor != "postgresql", reason="two real connections need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_sweeps_in_parallel_send_each_reminder_once(cast):
    barrier = threading.Barrier(2)
    results = []

    def run():
        try:
            barrier.wait(timeout=10)
            results.append(reminders_sweep(day=DAY, enqueue=_deliver))
        finally:
            connections.close_all()  # this thread's own connection

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    # The second INSERT waits on the first's rows (same unique keys, same order) and then
    # skips them all: one sweep wins everything, the other nothing.
    assert sorted((r.sent, r.already) for r in results) == [(0, 6), (6, 0)]
    assert ReminderSent.objects.count() == 6 and not ReminderSent.objects.filter(sent_at=None).exists()
    assert sorted(m.to[0] for m in mail.outbox) == ["admin@musee.example"] * 2 + ["lead@wikimedia.fr"]
    # The lead's one e-mail is the digest of all four rows the winning sweep wrote for them.
    [digest] = [m for m in mail.outbox if m.to == ["lead@wikimedia.fr"]]
    assert len(digest.body.split("\n- ")) - 1 == 4
    lead_rows = ReminderSent.objects.filter(recipient=f"user:{cast['lead'].pk}")
    assert sorted(lead_rows.values_list("digest", flat=True)) == [True] * 4
    assert lead_rows.values("sweep").distinct().count() == 1
