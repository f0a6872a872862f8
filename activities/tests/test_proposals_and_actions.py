"""Proposals follow their lifecycle and the catalogue's eligibility; staff add actions to a
partnership from the back-office; the admin decides proposals only through the services."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from django_scopes import scopes_disabled

from activities.models import ActionProposal, Activity, ActivityType, ProposalStatus
from activities.services import activity_create, proposal_accept, proposal_decline, proposal_submit
from core.models import AuditEntry
from partnerships.models import PartnerMember, PartnerRole, PartnerType, PipelineStatus
from tests.factories import PartnerFactory, PartnershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def test_a_company_cannot_propose_a_public_domain_day(catalogue):
    company = PartnerFactory(name="Entreprise du numérique", partner_type=PartnerType.COMPANIES)
    day = ActivityType.objects.get(code="public-domain-day")
    by = UserFactory()
    with pytest.raises(ValidationError) as exc:
        proposal_submit(partner=company, activity_type=day, by=by, title="Domaine public", description="Idée")
    assert exc.value.messages == [
        '“Operation "Free" or Public Domain Day” is offered to “Local authorities”; your organisation is registered as '
        "“Companies”. Choose another kind of action, or write to Wikimédia France if your situation is different."
    ]
    assert not ActionProposal.objects.exists()
    # A type open to companies is accepted.
    proposal_submit(
        partner=company, activity_type=ActivityType.objects.get(code="training"), by=by, title="T", description="D"
    )
    with scopes_disabled():
        assert ActionProposal.objects.count() == 1


def test_the_portal_shows_the_reason_and_refuses_the_post(client, catalogue):
    company = PartnerFactory(name="Entreprise du numérique", partner_type=PartnerType.COMPANIES)
    user = UserFactory()
    PartnerMember.objects.create(partner=company, user=user, role=PartnerRole.ADMIN)
    client.force_login(user)
    url = reverse("portal:proposal_create", args=["public-domain-day"])
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    html = page.content.decode()
    assert "is offered to “Local authorities”" in html
    assert "Send my proposal" not in html
    response = client.post(url, {"title": "Quand même", "description": "Essai"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "is offered to “Local authorities”" in response.content.decode()
    assert not ActionProposal.objects.exists()


def test_accepting_creates_the_partnership_and_its_action_once(catalogue, staff_user):
    partner = PartnerFactory()
    proposal = proposal_submit(
        partner=partner,
        activity_type=ActivityType.objects.get(code="edit-a-thon"),
        by=UserFactory(),
        title="Edit-a-thon patrimoine",
        description="Nos fonds photographiques",
        desired_start=datetime.date(2026, 9, 1),
    )
    with scopes_disabled():
        partnership = proposal_accept(proposal=proposal, by=staff_user)
        assert partnership.status == PipelineStatus.IN_DISCUSSION
        assert list(partnership.partners.all()) == [partner]
        assert [a.title for a in partnership.activities.all()] == ["Edit-a-thon patrimoine"]
        assert proposal.status == ProposalStatus.ACCEPTED and proposal.partnership == partnership
        with pytest.raises(ValidationError, match="already been handled"):
            proposal_accept(proposal=proposal, by=staff_user)
        with pytest.raises(ValidationError, match="already been handled"):
            proposal_decline(proposal=proposal, by=staff_user, reason="Déjà traité")
        assert partner.partnerships.count() == 1


def test_staff_add_an_action_to_a_partnership(staff_client, catalogue):
    partnership = PartnershipFactory(partners=[PartnerFactory()], status=PipelineStatus.DRAFTING)
    url = reverse("staff:activity_create", args=[partnership.pk])
    assert staff_client.get(url).status_code == 200
    training = ActivityType.objects.get(code="training")
    bad = staff_client.post(
        url,
        {"activity_type": training.pk, "title": "Formation", "start_date": "2026-06-01", "end_date": "2026-05-01"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert bad.status_code == 400
    assert bad.context["form"].errors == {"end_date": ["The end date cannot be before the start date."]}
    assert not Activity.objects.exists()
    response = staff_client.post(
        url, {"activity_type": training.pk, "title": "Formation des bibliothécaires", "start_date": "2026-06-01"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("staff:partnership_detail", args=[partnership.pk])
    with scopes_disabled():
        activity = partnership.activities.get()
        assert (activity.title, activity.activity_type, activity.start_date) == (
            "Formation des bibliothécaires",
            training,
            datetime.date(2026, 6, 1),
        )
        assert AuditEntry.objects.filter(action="partnership.activity_added", object_id=str(partnership.pk)).exists()
    assert "Formation des bibliothécaires" in staff_client.get(partnership.get_absolute_url()).content.decode()


def test_no_action_is_added_to_a_closed_partnership(catalogue, staff_user):
    partnership = PartnershipFactory(partners=[PartnerFactory()], status=PipelineStatus.ABANDONED)
    with pytest.raises(ValidationError, match="No action can be added to a partnership that is “Abandoned”"):
        activity_create(
            partnership=partnership,
            activity_type=ActivityType.objects.get(code="training"),
            title="Trop tard",
            by=staff_user,
        )
    with scopes_disabled():
        assert not partnership.activities.exists()


@pytest.fixture
def admin_client(client, db):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    return client


def test_the_admin_decides_proposals_only_through_the_services(admin_client, catalogue):
    proposal = proposal_submit(
        partner=PartnerFactory(),
        activity_type=ActivityType.objects.get(code="training"),
        by=UserFactory(),
        title="Former l’équipe",
        description="Idée",
    )
    change = reverse("admin:activities_actionproposal_change", args=[proposal.pk])
    assert 'name="status"' not in admin_client.get(change).content.decode()
    assert admin_client.get(reverse("admin:activities_actionproposal_add")).status_code == 403
    changelist = reverse("admin:activities_actionproposal_changelist")
    admin_client.post(changelist, {"action": "accept", "_selected_action": [proposal.pk]})
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.ACCEPTED
    assert proposal.partnership is not None
    with scopes_disabled():
        assert proposal.partnership.activities.count() == 1
        assert AuditEntry.objects.filter(action="proposal.accepted", object_id=str(proposal.pk)).count() == 1
