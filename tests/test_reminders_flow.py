"""A reminder's whole flow over the apps' real kinds, the clock frozen at 08:00 in Paris:
``send_reminders`` (no --date: today) finds an action starting in 7 days, another one, a
membership ending in 30 days and an evaluation due; the staff lead gets ONE digest listing the
four, in French, text and HTML (user text escaped); the partner's admin one e-mail per item, in
English; a second run sends nothing. The decision and the sent-log are one transaction: a
failure before the commit leaves no row and enqueues nothing."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django_scopes import scopes_disabled

from activities.models import ActivityType
from activities.services import activity_create
from core import reminders
from core.models import ReminderSent
from partnerships.models import PartnerMember, PartnerRole
from tests.factories import MembershipFactory, PartnerFactory, PartnershipFactory, StaffFactory, UserFactory
from tests.frozen import at

DAY = datetime.date(2027, 12, 1)


@pytest.fixture
def world(db, catalogue):
    with scopes_disabled():
        lead = StaffFactory(email="lead@wikimedia.fr", preferred_language="fr")
        partner = PartnerFactory(name="Musée A", owner=lead)
        admin = UserFactory(email="admin@musee.example", preferred_language="en")
        PartnerMember.objects.create(partner=partner, user=admin, role=PartnerRole.ADMIN)
        MembershipFactory(partner=partner, year=2027)  # ends 31 December: 30 days
        partnership = PartnershipFactory(partners=[partner], title="Soieries", lead=lead)
        edit_a_thon = ActivityType.objects.get(code="edit-a-thon")
        start = DAY + datetime.timedelta(days=7)
        for title in ("Atelier <b>photo</b>", "Edit-a-thon des canuts"):
            activity_create(
                partnership=partnership,
                activity_type=edit_a_thon,
                title=title,
                start_date=start,
                end_date=start + datetime.timedelta(days=3),  # its end is reminded on another day
                by=None,
            )
        ended = DAY - datetime.timedelta(days=30)  # its evaluation is due today
        activity_create(
            partnership=partnership,
            activity_type=edit_a_thon,
            title="Wikipermanence d’automne",
            start_date=ended,
            end_date=ended,
            by=None,
        )
    return {"lead": lead, "admin": admin}


def _run(capture) -> str:
    out = io.StringIO()
    with at(DAY), capture(execute=True):  # the test's transaction stands for the commit
        call_command("send_reminders", stdout=out)
    return out.getvalue()


def test_staff_digest_partner_one_each_in_their_language_once(world, django_capture_on_commit_callbacks):
    output = _run(django_capture_on_commit_callbacks)
    assert output.splitlines()[0] == "Reminders for 2027-12-01:"
    assert output.splitlines()[-1] == "7 reminders sent, 0 already sent, 0 skipped"
    digest = next(m for m in mail.outbox if m.to == ["lead@wikimedia.fr"])
    assert digest.subject == "Vos échéances\u00a0: 4 éléments"
    nb = "\u00a0"
    for line in (
        f"- L’action «{nb}Atelier <b>photo</b>{nb}» commence.",
        f"- L’action «{nb}Edit-a-thon des canuts{nb}» commence.",
        f"- L’adhésion Musée A – 2027 prend fin le 31 décembre{nb}: "
        "la cotisation est à renouveler pour l’année suivante.",
        f"- L’action «{nb}Wikipermanence d’automne{nb}» s’est achevée il y a un mois{nb}: "
        "ouvrez son évaluation conjointe.",
    ):
        assert line in digest.body
    assert "dans 7 jours" in digest.body and "dans 30 jours" in digest.body
    html = digest.alternatives[0][0]
    assert "Atelier &lt;b&gt;photo&lt;/b&gt;" in html and "<b>photo" not in html
    partner_mail = sorted(m.subject for m in mail.outbox if m.to == ["admin@musee.example"])
    assert partner_mail == [
        "Reminder: Atelier <b>photo</b> starts.",
        "Reminder: Edit-a-thon des canuts starts.",
        "Reminder: Your Wikimédia France membership (Musée A – 2027) ends on 31 December: "
        "renew the fee (100 € minimum).",
    ]
    assert len(mail.outbox) == 4
    again = _run(django_capture_on_commit_callbacks)
    assert again.splitlines()[-1] == "0 reminders sent, 7 already sent, 0 skipped"
    assert len(mail.outbox) == 4


def test_a_failure_before_the_commit_writes_no_row_and_enqueues_nothing(world, monkeypatch):
    enqueued = []

    def broken(rows):
        raise RuntimeError("the sweep died after its INSERT")

    monkeypatch.setattr(reminders, "_batches", broken)
    with scopes_disabled(), pytest.raises(RuntimeError):
        reminders.reminders_sweep(day=DAY, enqueue=enqueued.append)
    assert ReminderSent.objects.count() == 0 and enqueued == []
    monkeypatch.undo()
    with scopes_disabled():
        result = reminders.reminders_sweep(day=DAY, enqueue=enqueued.append)
    assert result.summary == "7 reminders sent, 0 already sent, 0 skipped"
