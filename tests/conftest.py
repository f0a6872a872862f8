"""The fixed cast shared by the cross-cutting tests: partner A owns everything below;
B must see none of it."""

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django_scopes import scopes_disabled

from accounts.roles import STAFF_MEMBER
from activities.models import ActivityType, MetricsSnapshot, SnapshotStatus
from activities.services import activity_create, proposal_submit
from agreements.models import Amendment, WmfrSignatory
from agreements.rendering import document_render
from agreements.services import ActionSpec, agreement_draft, agreement_transition, scan_upload
from core.pdf import render_pdf
from partnerships.models import PartnerMember, PartnerRole
from partnerships.services import invitation_create
from tests.factories import ContactFactory, PartnerFactory, PartnershipFactory, UserFactory

SECRET_NAME = "Partenaire A (confidentiel)"
# More markers of partner A that nobody outside it may read (tests/test_url_access.py).
CONTACT_EMAIL = "secret-contact@partenaire-a.example"
PARTNERSHIP_TITLE = "Partenariat confidentiel de A"


def _grants_cast(partner_a, users) -> dict:
    """Partner A's grant application (a draft) and a second open invitation; an officer and
    one committee member for each open region of the Alliances Fund's FY 2023-24."""
    from accounts.roles import GRANTS_COMMITTEE, PROGRAMME_OFFICER
    from grants import services as grant_services
    from grants.loading import load_all
    from grants.models import CommitteeMember, RoundRegion

    load_all()
    rr = {
        code: RoundRegion.objects.select_related("round").get(round__fiscal_year__code="2023-24", region__code=code)
        for code in ("ssa", "eseap")
    }
    users["programme_officer"] = UserFactory(username="paula-officer", is_staff=True)
    users["programme_officer"].groups.add(Group.objects.get(name=PROGRAMME_OFFICER))
    for code in rr:
        member = UserFactory(username=f"cm-{code}", is_staff=True)
        member.groups.add(Group.objects.get(name=GRANTS_COMMITTEE))
        CommitteeMember.objects.create(user=member, region=rr[code].region)
        users[f"committee_member_{code}"] = member
    invitation = grant_services.invitation_create(
        round_region=rr["ssa"], partner=partner_a, by=users["programme_officer"]
    )
    application = grant_services.application_start(invitation=invitation, by=users["partner_a_admin"])
    second = grant_services.invitation_create(
        round_region=rr["eseap"], partner=partner_a, by=users["programme_officer"]
    )
    return {
        "grant_application": application,
        "grant_invitation": second,
        "fiscal_year": rr["ssa"].round.fiscal_year,
    }


@pytest.fixture
def cast(db, catalogue):
    partner_a = PartnerFactory(name=SECRET_NAME)
    partner_b = PartnerFactory(name="Partenaire B")
    ContactFactory(partner=partner_a, civility="mme", is_signatory=True, email=CONTACT_EMAIL)
    WmfrSignatory.objects.create(
        civility="m", first_name="Paul", last_name="Girard", title_fr="Président", title_en="Chair", is_default=True
    )
    partnership = PartnershipFactory(partners=[partner_a], title=PARTNERSHIP_TITLE)
    users = {
        "anonymous": None,
        "partner_a_admin": UserFactory(username="alice-a"),
        "partner_a_member": UserFactory(username="amir-a"),
        "partner_b_admin": UserFactory(username="bob-b"),
        "user_without_organisation": UserFactory(username="nina"),
        "staff_without_permission": UserFactory(username="carol-noperm", is_staff=True),
        "staff": UserFactory(username="dave-staff", is_staff=True),
        "admin": UserFactory(username="erin-admin", is_staff=True, is_superuser=True),
    }
    users["staff"].groups.add(Group.objects.get(name=STAFF_MEMBER))
    PartnerMember.objects.create(partner=partner_a, user=users["partner_a_admin"], role=PartnerRole.ADMIN)
    PartnerMember.objects.create(partner=partner_a, user=users["partner_a_member"], role=PartnerRole.MEMBER)
    PartnerMember.objects.create(partner=partner_b, user=users["partner_b_admin"], role=PartnerRole.ADMIN)
    invitation = invitation_create(
        partner=partner_a, email="new@example.org", role=PartnerRole.MEMBER, language="fr", by=users["staff"]
    )
    proposal = proposal_submit(
        partner=partner_a,
        activity_type=ActivityType.objects.get(code="training"),
        by=users["partner_a_admin"],
        title="Former nos équipes",
        description="Idée",
    )
    agreement = agreement_draft(
        partnership=partnership,
        partner=partner_a,
        kind="partnership_agreement",
        language="fr",
        by=users["staff"],
        actions=[ActionSpec(activity_type=ActivityType.objects.get(code="edit-a-thon"))],
    )
    agreement_transition(agreement=agreement, to="in_review", by=users["staff"])
    agreement_transition(agreement=agreement, to="sent", by=users["staff"])  # freezes a version
    document = agreement.documents.get()
    document_render(document_id=document.pk)
    scan = scan_upload(
        agreement=agreement, by=users["staff"], uploaded=SimpleUploadedFile("signed.pdf", render_pdf("<p>signed</p>"))
    )
    amendment = Amendment.objects.create(agreement=agreement, number=1)
    activity = activity_create(
        partnership=partnership,
        activity_type=ActivityType.objects.get(code="edit-a-thon"),
        title="Edit-a-thon de A",
        by=users["staff"],
    )
    snapshot = MetricsSnapshot.objects.create(activity=activity, status=SnapshotStatus.DONE, figures={})
    grants = _grants_cast(partner_a, users)
    return {
        **grants,
        "users": users,
        "partner": partner_a,
        "partnership": partnership,
        "invitation": invitation,
        "proposal": proposal,
        "agreement": agreement,
        "clause": agreement.clauses.first(),
        "document": document,
        "scan": scan,
        "amendment": amendment,
        "activity": activity,
        "snapshot": snapshot,
    }


# --- The walk's cast (tests/test_url_access.py, and the tests that use its URLs) ---------


def walk_extend_cast(cast: dict) -> None:
    """One row of every model the admin lists, so each admin page opens a real object, and a
    second invitation of partner A for the revoke buttons (the cast's invitation stays valid
    for its acceptance page). Rows that would change partner A's pages belong to partner C."""
    from axes.models import AccessAttempt, AccessFailureLog
    from django.utils import timezone
    from taggit.models import Tag

    from core.models import WorkerHeartbeat
    from partnerships.models import PartnerRole
    from partnerships.services import invitation_create, principles_accept
    from tests.factories import MembershipFactory, PartnerFactory

    partner_c = cast["partner_c"] = PartnerFactory(name="Partenaire C")
    AccessAttempt.objects.create(username="mallory", ip_address="203.0.113.9", user_agent="x", failures_since_start=1)
    AccessFailureLog.objects.create(username="mallory", ip_address="203.0.113.9", user_agent="x", locked_out=False)
    WorkerHeartbeat.objects.create(name="walk-worker", last_seen=timezone.now())
    Tag.objects.create(name="musées", slug="musees")
    MembershipFactory(partner=partner_c)
    principles_accept(partner=partner_c, name="Claire C")
    cast["invitation_to_revoke"] = invitation_create(
        partner=cast["partner"],
        email="revoke-me@example.org",
        role=PartnerRole.MEMBER,
        language="fr",
        by=cast["users"]["staff"],
    )


@pytest.fixture
def walk_cast(cast):
    """The shared cast, plus what each app adds for its own pages (``extend_cast`` of each
    ``<app>/tests/walk_tables.py``), built with scopes disabled."""
    from tests.walk import app_walk_tables

    with scopes_disabled():
        walk_extend_cast(cast)
        for module in app_walk_tables():
            if hasattr(module, "extend_cast"):
                module.extend_cast(cast)
    return cast
