"""The lifecycle's rules hold in the services, whoever calls them (views, admin, commands),
and the admin changes statuses and frozen texts only through the services."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation
from django_scopes import scopes_disabled

from activities.models import ActivityType
from agreements import lifecycle
from agreements.models import Agreement, AgreementStatus, Clause
from agreements.services import (
    ActionSpec,
    agreement_transition,
    agreement_update,
    amendment_send,
    clause_add,
    clause_update,
    document_request,
    scan_upload,
)
from core.models import AuditEntry
from core.pdf import render_pdf
from partnerships.models import PartnerMember, PartnerRole
from tests.factories import ContactFactory, PartnerFactory, UserFactory

pytestmark = pytest.mark.django_db
S = AgreementStatus


@pytest.fixture(autouse=True)
def _english():
    """The messages are asserted word for word, in English (their French is in the catalogue)."""
    with translation.override("en"):
        yield


def signed(agreement, user):
    for status in (S.IN_REVIEW, S.SENT):
        with scopes_disabled():
            agreement_transition(agreement=agreement, to=status, by=user)
    with scopes_disabled():
        return agreement_transition(agreement=agreement, to=S.SIGNED, by=user, signed_on=timezone.localdate())


def a_scan():
    return SimpleUploadedFile("signed.pdf", render_pdf("<p>Signé</p>"), content_type="application/pdf")


def test_every_status_has_its_transitions_and_the_sets_are_statuses():
    assert set(lifecycle.TRANSITIONS) == set(S.values)
    for name in ("EDITABLE", "AMENDABLE", "SCAN_ALLOWED", "VISIBLE_TO_PARTNER", "IN_FORCE", "AWAITING_SIGNATURE"):
        assert getattr(lifecycle, name) <= set(S.values), name
    # Nothing editable is also amendable: a change is either an edit or an amendment.
    assert not lifecycle.EDITABLE & lifecycle.AMENDABLE


def test_a_draft_is_edited_through_the_service_with_an_audit_entry(agreement_factory, staff_user):
    agreement = agreement_factory()
    with scopes_disabled():
        agreement_update(agreement=agreement, by=staff_user, preamble="Nouveau préambule.", title="Titre revu")
        agreement.refresh_from_db()
        assert (agreement.preamble, agreement.title) == ("Nouveau préambule.", "Titre revu")
        entry = AuditEntry.objects.filter(action="agreement.updated").get()
    assert entry.data == {"fields": ["preamble", "title"]}


def test_a_signed_agreement_cannot_be_edited(agreement_factory, staff_user):
    agreement = signed(agreement_factory(), staff_user)
    before = agreement.preamble
    with pytest.raises(ValidationError) as exc, scopes_disabled():
        agreement_update(agreement=agreement, by=staff_user, preamble="Réécrit après signature")
    assert exc.value.messages == [
        "An agreement that is signed cannot be edited: only drafts and agreements in review can."
    ]
    agreement.refresh_from_db()
    assert agreement.preamble == before


def test_a_clause_of_a_sent_agreement_is_frozen(agreement_factory, staff_user):
    agreement = agreement_factory()
    with scopes_disabled():
        agreement_transition(agreement=agreement, to=S.IN_REVIEW, by=staff_user)
        clause = agreement.clauses.first()
        clause_update(clause=clause, by=staff_user, title="Encore modifiable")
        agreement_transition(agreement=agreement, to=S.SENT, by=staff_user)
        with pytest.raises(
            ValidationError, match="The clauses of an agreement that is sent for signature cannot be edited"
        ):
            clause_update(clause=clause, by=staff_user, title="Trop tard")
        clause.refresh_from_db()
    assert clause.title == "Encore modifiable"


def test_an_amendment_clause_is_editable_until_the_amendment_is_sent(agreement_factory, staff_user):
    agreement = signed(agreement_factory(), staff_user)
    with scopes_disabled():
        clause = clause_add(
            agreement=agreement, spec=ActionSpec(activity_type=ActivityType.objects.get(code="training")), by=staff_user
        )
        clause_update(clause=clause, by=staff_user, title="Formation ajoutée")
        amendment_send(amendment=clause.amendment, by=staff_user)
        with pytest.raises(ValidationError, match=r"This amendment has been sent: its clauses are frozen\."):
            clause_update(clause=clause, by=staff_user, title="Après envoi")


def test_draft_versions_only_while_editable(agreement_factory, staff_user):
    agreement = agreement_factory()
    with scopes_disabled():
        document_request(agreement=agreement, by=staff_user)
        signed(agreement, staff_user)
        count = agreement.documents.count()
        with pytest.raises(ValidationError, match="cannot be generated for an agreement that is signed"):
            document_request(agreement=agreement, by=staff_user)
        assert agreement.documents.count() == count


def test_no_scan_on_a_draft_but_one_on_an_ended_agreement(agreement_factory, staff_user):
    agreement = agreement_factory()
    with scopes_disabled():
        with pytest.raises(ValidationError, match="can be added once the agreement has been sent for signature"):
            scan_upload(agreement=agreement, uploaded=a_scan(), by=staff_user)
        assert not agreement.scans.exists()
        signed(agreement, staff_user)
        for status in (S.ACTIVE, S.ENDED):
            agreement_transition(agreement=agreement, to=status, by=staff_user)
        scan_upload(agreement=agreement, uploaded=a_scan(), by=staff_user)
        assert agreement.scans.count() == 1


def test_the_model_states_the_membership_pilot_and_date_rules(agreement_factory, staff_user):
    agreement = agreement_factory()
    with pytest.raises(ValidationError) as exc, scopes_disabled():
        agreement_update(agreement=agreement, by=staff_user, membership_included=True, membership_amount=None)
    assert set(exc.value.message_dict) == {"membership_amount"}
    with pytest.raises(ValidationError) as exc, scopes_disabled():
        agreement_update(agreement=agreement, by=staff_user, pilot_phase=True, pilot_description="  ")
    assert set(exc.value.message_dict) == {"pilot_description"}
    with pytest.raises(ValidationError) as exc, scopes_disabled():
        agreement_update(
            agreement=agreement,
            by=staff_user,
            start_date=datetime.date(2026, 5, 1),
            end_date=datetime.date(2026, 4, 1),
        )
    assert set(exc.value.message_dict) == {"end_date"}
    with pytest.raises(ValidationError) as exc:
        ActionSpec(
            activity_type=ActivityType.objects.get(code="training"),
            start_date=datetime.date(2026, 5, 1),
            end_date=datetime.date(2026, 4, 1),
        )
    assert set(exc.value.message_dict) == {"end_date"}
    with scopes_disabled():
        agreement_update(agreement=agreement, by=staff_user, membership_included=True, membership_amount=Decimal("150"))
        agreement.refresh_from_db()
    assert agreement.membership_amount == Decimal("150.00")


def test_signatories_must_be_the_partners_contacts(agreement_factory, staff_user):
    agreement = agreement_factory()
    stranger = ContactFactory(partner=PartnerFactory(name="Autre partenaire"))
    with pytest.raises(ValidationError) as exc, scopes_disabled():
        agreement_update(agreement=agreement, by=staff_user, signatories=[stranger])
    assert set(exc.value.message_dict) == {"signatories"}
    with scopes_disabled():
        assert stranger not in agreement.signatories.all()


def test_the_staff_edit_page_of_a_signed_agreement_changes_nothing(staff_client, agreement_factory, staff_user):
    agreement = signed(agreement_factory(), staff_user)
    response = staff_client.post(
        reverse("staff:agreement_update", args=[agreement.pk]), {"title": "Piraté", "preamble": "x"}
    )
    assert response.status_code == 302
    agreement.refresh_from_db()
    assert agreement.title != "Piraté"


def test_the_portal_sees_an_amendment_clause_only_once_sent(client, agreement_factory, staff_user):
    agreement = signed(agreement_factory(), staff_user)
    with scopes_disabled():
        clause = clause_add(
            agreement=agreement,
            spec=ActionSpec(activity_type=ActivityType.objects.get(code="training"), title="Formation secrète"),
            by=staff_user,
        )
        user = UserFactory()
        PartnerMember.objects.create(partner=agreement.partner, user=user, role=PartnerRole.MEMBER)
    client.force_login(user)
    url = reverse("portal:agreement_detail", args=[agreement.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert "Formation secrète" not in response.content.decode()
    assert clause.pk not in [c.pk for c in response.context["clauses"]]
    with scopes_disabled():
        amendment_send(amendment=clause.amendment, by=staff_user)
    assert "Formation secrète" in client.get(url).content.decode()


# --- The admin --------------------------------------------------------------------------


@pytest.fixture
def admin_client(client, db):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    return client


def _change_form_data(agreement, **overrides):
    with scopes_disabled():
        data = {
            "title": agreement.title,
            "kind": agreement.kind,
            "language": agreement.language,
            "wmfr_signatory": agreement.wmfr_signatory_id or "",
            "preamble": agreement.preamble,
            "purpose": agreement.purpose,
            "evaluation": agreement.evaluation,
            "duration": agreement.duration,
            "pilot_description": agreement.pilot_description,
            "means": agreement.means,
            "licence": agreement.licence,
            "licence_scope": agreement.licence_scope,
            "disputes": agreement.disputes,
            "signatories": [c.pk for c in agreement.signatories.all()],
            "status": S.ACTIVE,
        }
    for prefix in ("clauses", "amendments", "documents"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    data.update(overrides)
    return data


def test_the_admin_cannot_set_a_status(admin_client, agreement_factory):
    agreement = agreement_factory()
    url = reverse("admin:agreements_agreement_change", args=[agreement.pk])
    page = admin_client.get(url)
    assert 'name="status"' not in page.content.decode()
    response = admin_client.post(url, _change_form_data(agreement, title="Titre via l’admin"))
    assert response.status_code == 302
    agreement.refresh_from_db()
    assert agreement.status == S.DRAFT
    assert agreement.title == "Titre via l’admin"
    assert AuditEntry.objects.filter(action="agreement.updated", object_id=str(agreement.pk)).exists()


def test_the_admin_shows_a_signed_agreements_text_read_only(admin_client, agreement_factory, staff_user):
    agreement = signed(agreement_factory(), staff_user)
    url = reverse("admin:agreements_agreement_change", args=[agreement.pk])
    assert 'name="preamble"' not in admin_client.get(url).content.decode()
    admin_client.post(url, _change_form_data(agreement, preamble="Réécrit dans l’admin"))
    agreement.refresh_from_db()
    assert agreement.preamble != "Réécrit dans l’admin"
    with scopes_disabled():
        clause = agreement.clauses.first()
    clause_url = reverse("admin:agreements_clause_change", args=[clause.pk])
    assert 'name="title"' not in admin_client.get(clause_url).content.decode()


def test_the_admin_moves_statuses_only_through_the_service(admin_client, agreement_factory):
    first, second = agreement_factory(), agreement_factory(partner_name="Musée des Augustins")
    changelist = reverse("admin:agreements_agreement_changelist")
    actions = admin_client.get(changelist).context["action_form"].fields["action"].choices
    names = {name for name, _label in actions}
    assert {"move_to_in_review", "move_to_sent", "move_to_active"} <= names
    assert "move_to_signed" not in names and "move_to_terminated" not in names  # need a date, a reason
    response = admin_client.post(
        changelist,
        {"action": "move_to_in_review", "_selected_action": [first.pk, second.pk]},
        follow=True,
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert [str(m) for m in response.context["messages"]] == ["Moved to “In review”: 2."]
    with scopes_disabled():
        assert set(Agreement.objects.values_list("status", flat=True)) == {S.IN_REVIEW}
        assert AuditEntry.objects.filter(action="agreement.status", to_state=S.IN_REVIEW).count() == 2
    # A move the lifecycle forbids is refused with the service's message, nothing changes.
    response = admin_client.post(
        changelist, {"action": "move_to_ended", "_selected_action": [first.pk]}, follow=True, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert [str(m) for m in response.context["messages"]] == [
        f"{first}: An agreement cannot go from “In review” to “Ended”."
    ]
    first.refresh_from_db()
    assert first.status == S.IN_REVIEW


def test_the_admin_adds_and_deletes_no_agreement_and_no_clause(admin_client, agreement_factory):
    agreement = agreement_factory()
    assert admin_client.get(reverse("admin:agreements_agreement_add")).status_code == 403
    assert admin_client.get(reverse("admin:agreements_clause_add")).status_code == 403
    assert (
        admin_client.post(
            reverse("admin:agreements_agreement_delete", args=[agreement.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
    with scopes_disabled():
        assert Clause.objects.filter(agreement=agreement).count() == 2
