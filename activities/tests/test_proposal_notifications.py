"""A partner's proposal reaches staff at once (to-do panel, navigation count, e-mail), and the
decision reaches the partner in their language, with a reason when it is a refusal."""

import pytest
from django.core import mail
from django.urls import reverse
from django_scopes import scopes_disabled

from activities.models import ActionProposal, ActivityType, ProposalStatus
from activities.services import proposal_accept, proposal_decline, proposal_submit
from activities.tasks import notify_partner_of_decision, notify_staff_of_proposal
from partnerships.models import PartnerMember, PartnerRole
from tests.factories import PartnerFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def partner_admin(catalogue):
    partner = PartnerFactory(name="Musée des Confluences")
    user = UserFactory(username="claire", first_name="Claire", last_name="Dubois", preferred_language="en")
    PartnerMember.objects.create(partner=partner, user=user, role=PartnerRole.ADMIN)
    return user


def submit(user, django_capture_on_commit_callbacks, title="Former nos équipes"):
    with scopes_disabled():
        partner = PartnerMember.objects.get(user=user).partner
        with django_capture_on_commit_callbacks(execute=True):
            return proposal_submit(
                partner=partner,
                activity_type=ActivityType.objects.get(code="training"),
                by=user,
                title=title,
                description="Une journée de formation",
            )


def test_staff_reviewers_get_an_email_in_their_language(partner_admin, django_capture_on_commit_callbacks):
    french = StaffFactory(username="sophie", email="sophie@wikimedia.fr", preferred_language="fr")
    english = StaffFactory(username="tom", email="tom@wikimedia.fr", preferred_language="en")
    StaffFactory(username="nomail", email="")
    outsider = UserFactory(username="outsider", email="outsider@example.org", is_staff=True)  # no role
    proposal = submit(partner_admin, django_capture_on_commit_callbacks)

    by_recipient = {m.to[0]: m for m in mail.outbox}
    assert set(by_recipient) == {french.email, english.email}, outsider.email
    assert by_recipient[french.email].subject == "Nouvelle action proposée par Musée des Confluences"
    assert by_recipient[english.email].subject == "New action proposed by Musée des Confluences"
    assert f"http://127.0.0.1:8000/staff/proposals/{proposal.pk}/" in by_recipient[french.email].body
    assert "«\u00a0Former nos équipes\u00a0»" in by_recipient[french.email].body


def test_staff_email_is_sent_once_even_if_the_task_runs_again(partner_admin, django_capture_on_commit_callbacks):
    StaffFactory(username="sophie", email="sophie@wikimedia.fr")
    proposal = submit(partner_admin, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1
    notify_staff_of_proposal.apply(args=[proposal.pk])
    assert len(mail.outbox) == 1


def test_no_email_before_the_transaction_commits(partner_admin, django_capture_on_commit_callbacks):
    StaffFactory(username="sophie", email="sophie@wikimedia.fr")
    with scopes_disabled(), django_capture_on_commit_callbacks(execute=False) as callbacks:
        proposal_submit(
            partner=PartnerMember.objects.get(user=partner_admin).partner,
            activity_type=ActivityType.objects.get(code="training"),
            by=partner_admin,
            title="T",
            description="D",
        )
    assert mail.outbox == []
    assert len(callbacks) == 1


def test_declining_requires_a_reason_and_saves_nothing_without_one(partner_admin, django_capture_on_commit_callbacks):
    from django.core.exceptions import ValidationError

    staff = StaffFactory(username="sophie")
    proposal = submit(partner_admin, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    with pytest.raises(ValidationError) as excinfo:
        proposal_decline(proposal=proposal, by=staff, reason="   ")
    assert "reason" in excinfo.value.error_dict
    with scopes_disabled():
        proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.SUBMITTED
    assert mail.outbox == []


def test_decline_emails_the_partner_in_their_language_with_the_reason(
    partner_admin, django_capture_on_commit_callbacks
):
    staff = StaffFactory(username="sophie", email="")
    proposal = submit(partner_admin, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True), scopes_disabled():
        proposal_decline(proposal=proposal, by=staff, reason="Our trainers are fully booked until June.")
    (message,) = mail.outbox
    assert message.to == [partner_admin.email]
    assert message.subject == "Your proposal “Former nos équipes”: our answer"
    assert "Our trainers are fully booked until June." in message.body
    assert reverse("portal:proposal_detail", args=[proposal.pk]) in message.body
    notify_partner_of_decision.apply(args=[proposal.pk])
    assert len(mail.outbox) == 1  # once


def test_accept_emails_the_partner_in_french_when_that_is_their_language(
    partner_admin, django_capture_on_commit_callbacks
):
    partner_admin.preferred_language = "fr"
    partner_admin.save(update_fields=["preferred_language"])
    staff = StaffFactory(username="sophie", email="")
    proposal = submit(partner_admin, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True), scopes_disabled():
        proposal_accept(proposal=proposal, by=staff)
    (message,) = mail.outbox
    assert message.subject == "Votre proposition «\u00a0Former nos équipes\u00a0» devient un partenariat"
    assert "en discussion" in message.body


def test_decline_form_keeps_the_text_and_explains_when_empty(client, partner_admin, django_capture_on_commit_callbacks):
    staff = StaffFactory(username="sophie")
    client.force_login(staff)
    proposal = submit(partner_admin, django_capture_on_commit_callbacks)
    url = reverse("staff:proposal_decision", args=[proposal.pk, "decline"])
    response = client.post(url, {"reason": ""})
    assert response.status_code == 400
    assert response.context["decline_form"].errors["reason"] == ["Ce champ est obligatoire."]
    response = client.post(url, {"reason": "   "})
    assert response.status_code == 400
    assert response.context["decline_form"].errors["reason"] == ["Ce champ est obligatoire."]
    assert "Décliner…" in response.content.decode()  # the form is shown again, open, with the error
    with scopes_disabled():
        assert ActionProposal.objects.get(pk=proposal.pk).status == ProposalStatus.SUBMITTED
    response = client.post(url, {"reason": "Hors de notre champ d’action."})
    assert response.status_code == 302
    with scopes_disabled():
        declined = ActionProposal.objects.get(pk=proposal.pk)
    assert (declined.status, declined.decline_reason) == (ProposalStatus.DECLINED, "Hors de notre champ d’action.")


def test_portal_shows_the_reason_for_declining(client, partner_admin, django_capture_on_commit_callbacks):
    staff = StaffFactory(username="sophie")
    proposal = submit(partner_admin, django_capture_on_commit_callbacks)
    with scopes_disabled():
        proposal_decline(proposal=proposal, by=staff, reason="Nos formateurs sont pris jusqu’en juin.")
    client.force_login(partner_admin)
    response = client.get(reverse("portal:proposal_detail", args=[proposal.pk]))
    assert "Nos formateurs sont pris jusqu’en juin." in response.content.decode()


def test_dashboard_todo_panel_and_navigation_count(client, partner_admin, django_capture_on_commit_callbacks):
    staff = StaffFactory(username="sophie", email="")
    client.force_login(staff)
    page = client.get(reverse("staff:dashboard")).content.decode()
    assert 'data-testid="proposals-waiting"' not in page
    assert "0 proposition de partenaire en attente de réponse" in page

    submit(partner_admin, django_capture_on_commit_callbacks, title="Une")
    submit(partner_admin, django_capture_on_commit_callbacks, title="Deux")
    response = client.get(reverse("staff:dashboard"))
    page = response.content.decode()
    assert "2 propositions de partenaires en attente de réponse" in page
    assert 'href="/staff/proposals/?status=submitted"' in page
    items = {item.key: item.count for item in response.context["todo"]}
    assert items["proposals_waiting"] == 2
    assert {"agreements_to_send", "signatures_pending", "invitations_expiring"} <= set(items)
    # The navigation count is on every back-office page, not only the dashboard.
    other = client.get(reverse("staff:partner_list")).content.decode()
    assert 'data-testid="proposals-waiting">2<' in other
