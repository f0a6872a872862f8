"""Agreement lifecycle, frozen versions, amendments, signed scans, portal access."""

import datetime
import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation
from django_scopes import scopes_disabled
from pypdf import PdfReader

from activities.models import ActivityType
from agreements.models import AgreementDocument, AgreementStatus, DocumentState, SignedScan
from agreements.rendering import document_render
from agreements.services import (
    ActionSpec,
    agreement_transition,
    amendment_send,
    clause_add,
    scan_upload,
    timetable_warning,
)
from agreements.tasks import MAX_RETRIES, render_agreement_document
from core.models import AuditEntry
from core.pdf import render_pdf
from partnerships.models import PartnerMember, PartnerRole
from tests.factories import PartnerFactory, UserFactory
from tests.files import stored_bytes

pytestmark = pytest.mark.django_db
S = AgreementStatus


def a_pdf(text="Signé") -> bytes:
    return render_pdf(f"<html><head><title>scan</title></head><body><p>{text}</p></body></html>")


def move(agreement, user, *statuses, capture=None, **kwargs):
    for status in statuses:
        if capture is not None:
            with capture(execute=True), scopes_disabled():
                agreement_transition(agreement=agreement, to=status, by=user, **kwargs.get(status, {}))
        else:
            with scopes_disabled():
                agreement_transition(agreement=agreement, to=status, by=user, **kwargs.get(status, {}))
    return agreement


def test_transitions_are_audited_and_refused_when_not_allowed(agreement_factory, staff_user):
    agreement = agreement_factory()
    move(agreement, staff_user, S.IN_REVIEW)
    entry = AuditEntry.objects.filter(action="agreement.status").latest("at")
    assert (entry.from_state, entry.to_state, entry.actor) == (S.DRAFT, S.IN_REVIEW, staff_user)
    with pytest.raises(ValidationError), scopes_disabled():
        agreement_transition(agreement=agreement, to=S.ACTIVE, by=staff_user)
    agreement.refresh_from_db()
    assert agreement.status == S.IN_REVIEW


def test_sending_freezes_a_version_that_is_never_rendered_again(
    agreement_factory, staff_user, django_capture_on_commit_callbacks
):
    agreement = agreement_factory()
    move(agreement, staff_user, S.IN_REVIEW, S.SENT, capture=django_capture_on_commit_callbacks)
    with scopes_disabled():
        document = agreement.documents.get()
        assert document.frozen
        assert document.state == DocumentState.READY
        first_bytes = stored_bytes(document.file)
        sha = document.sha256
        # Editing the clause afterwards does not touch the frozen version.
        agreement.clauses.update(title="Changed after sending")
        document_render(document_id=document.pk)
        render_agreement_document.delay(document.pk)
        document.refresh_from_db()
        assert document.sha256 == sha
        assert stored_bytes(document.file) == first_bytes
        assert AgreementDocument.objects.filter(agreement=agreement).count() == 1


def test_a_sent_agreement_reopened_keeps_its_sent_version_and_starts_a_new_draft(
    agreement_factory, staff_user, django_capture_on_commit_callbacks
):
    agreement = agreement_factory()
    move(agreement, staff_user, S.IN_REVIEW, S.SENT, capture=django_capture_on_commit_callbacks)
    with scopes_disabled():
        sent = agreement.documents.get()
        sha = sent.sha256
        move(agreement, staff_user, S.DRAFT, capture=django_capture_on_commit_callbacks)
        sent.refresh_from_db()
        assert (sent.version, sent.frozen, sent.sha256) == (1, True, sha)  # the sent version is untouched
        draft = agreement.documents.get(version=2)
        assert not draft.frozen
        entry = AuditEntry.objects.get(action="agreement.new_version")
        assert entry.data == {"version": 2, "sent_version": 1}
        # The next send is a new numbered version, frozen in its turn.
        move(agreement, staff_user, S.IN_REVIEW, S.SENT, capture=django_capture_on_commit_callbacks)
        assert list(agreement.documents.filter(frozen=True).values_list("version", flat=True).order_by("version")) == [
            1,
            3,
        ]


def test_signing_needs_a_date_and_termination_a_reason(
    agreement_factory, staff_user, django_capture_on_commit_callbacks
):
    agreement = agreement_factory()
    move(agreement, staff_user, S.IN_REVIEW, S.SENT, capture=django_capture_on_commit_callbacks)
    with pytest.raises(ValidationError), scopes_disabled():
        agreement_transition(agreement=agreement, to=S.SIGNED, by=staff_user)
    with pytest.raises(ValidationError), scopes_disabled(), scopes_disabled():
        agreement_transition(
            agreement=agreement, to=S.SIGNED, by=staff_user, signed_on=timezone.localdate() + datetime.timedelta(days=1)
        )
    with scopes_disabled():
        agreement_transition(agreement=agreement, to=S.SIGNED, by=staff_user, signed_on=timezone.localdate())
        agreement_transition(agreement=agreement, to=S.ACTIVE, by=staff_user)
        with pytest.raises(ValidationError):
            agreement_transition(agreement=agreement, to=S.TERMINATED, by=staff_user, reason="  ")
        agreement_transition(agreement=agreement, to=S.TERMINATED, by=staff_user, reason="Fermeture du musée")
        agreement.refresh_from_db()
    assert (agreement.status, agreement.termination_reason) == (S.TERMINATED, "Fermeture du musée")
    assert agreement.signed_on == timezone.localdate()


def test_new_action_on_signed_agreement_is_an_amendment_with_its_own_pdf(
    agreement_factory, staff_user, django_capture_on_commit_callbacks
):
    agreement = agreement_factory(language="en")
    move(agreement, staff_user, S.IN_REVIEW, S.SENT, capture=django_capture_on_commit_callbacks)
    move(agreement, staff_user, S.SIGNED, **{S.SIGNED: {"signed_on": timezone.localdate()}})
    with scopes_disabled():
        clause = clause_add(
            agreement=agreement,
            by=staff_user,
            spec=ActionSpec(
                activity_type=ActivityType.objects.get(code="wikipedian-in-residence"),
                title="Wikipedian in residence 2027",
            ),
        )
        assert clause.amendment is not None
        assert clause.amendment.number == 1
        assert clause.position == 3
        with django_capture_on_commit_callbacks(execute=True):
            document = amendment_send(amendment=clause.amendment, by=staff_user)
        document.refresh_from_db()
    assert (document.frozen, document.amendment, document.state) == (True, clause.amendment, DocumentState.READY)
    text = re.sub(
        r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(io.BytesIO(stored_bytes(document.file))).pages)
    )
    assert "Amendment 1" in text
    assert "Wikipedian in residence 2027" in text
    assert "Search for and select a Wikipedian in residence profile" in text
    assert "Edit-a-thon « Toulouse antique »" not in text  # original clauses are in the agreement's own PDF
    assert document.filename.endswith("-avenant-1-v2.pdf")


def test_no_action_can_be_added_to_an_ended_agreement(agreement_factory, staff_user):
    agreement = agreement_factory()
    agreement.status = S.ENDED
    agreement.save()
    with pytest.raises(ValidationError), scopes_disabled():
        clause_add(
            agreement=agreement, by=staff_user, spec=ActionSpec(activity_type=ActivityType.objects.get(code="training"))
        )


def test_timetable_checked_against_catalogue_months(agreement_factory):
    agreement = agreement_factory(codes=("conference",))  # 1 month in the catalogue
    with scopes_disabled():
        clause = agreement.clauses.get()
    clause.start_date, clause.end_date = datetime.date(2026, 1, 1), datetime.date(2026, 1, 31)
    assert timetable_warning(clause) == ""
    clause.end_date = datetime.date(2026, 6, 30)
    with translation.override("en"):
        assert "the catalogue plans 1 month for “Conference”" in timetable_warning(clause)


def test_failed_render_is_recorded_and_the_agreement_survives(agreement_factory, staff_user):
    agreement = agreement_factory()
    with scopes_disabled():
        type(agreement).objects.filter(pk=agreement.pk).update(kind="no-such-template")
        document = AgreementDocument.objects.create(agreement=agreement, version=1, language="fr")
        render_agreement_document.apply(args=[document.pk], retries=MAX_RETRIES)
        document.refresh_from_db()
        assert document.state == DocumentState.FAILED
        assert "TemplateDoesNotExist" in document.error
        agreement.refresh_from_db()
        assert agreement.clauses.count() == 2


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("scan.pdf", b"\x89PNG\r\n\x1a\n" + b"0" * 100, "not a PDF"),
        ("scan.pdf", b"%PDF-1.7 this is not really a pdf", "cannot be read"),
        ("scan.exe", b"MZ" + b"0" * 100, "not a PDF"),
    ],
)
def test_bad_scans_are_refused_and_nothing_is_saved(agreement_factory, staff_user, name, content, message):
    agreement = agreement_factory()
    agreement.status = S.SENT
    agreement.save()
    with translation.override("en"), pytest.raises(ValidationError) as exc:
        scan_upload(agreement=agreement, uploaded=SimpleUploadedFile(name, content), by=staff_user)
    assert message in " ".join(exc.value.messages)
    assert not SignedScan.objects.exists()


def test_oversize_scan_refused(agreement_factory, staff_user, settings):
    settings.SCAN_MAX_BYTES = 1000
    agreement = agreement_factory()
    agreement.status = S.SENT
    agreement.save()
    with pytest.raises(ValidationError):
        scan_upload(agreement=agreement, uploaded=SimpleUploadedFile("scan.pdf", a_pdf("x" * 3000)), by=staff_user)
    assert not SignedScan.objects.exists()


def test_scan_stored_outside_static_with_checksum(agreement_factory, staff_user, settings):
    agreement = agreement_factory()
    agreement.status = S.SENT
    agreement.save()
    data = a_pdf()
    with scopes_disabled():
        scan = scan_upload(agreement=agreement, uploaded=SimpleUploadedFile("signée.pdf", data), by=staff_user)
    assert scan.size == len(data)
    assert str(settings.STATIC_ROOT) not in scan.file.path
    assert scan.file.path.startswith(str(settings.MEDIA_ROOT))


# --- Through the views: staff and portal -------------------------------------------------


@pytest.fixture
def portal_admin(db):
    @scopes_disabled()  # called from test bodies: it builds data as a fixture does
    def make(partner, role=PartnerRole.ADMIN):
        user = UserFactory(username=f"{role}-{partner.pk}")
        PartnerMember.objects.create(partner=partner, user=user, role=role)
        return user

    return make


def test_partner_downloads_own_pdf_and_uploads_scan_but_not_another_partners(
    client, agreement_factory, staff_user, portal_admin, django_capture_on_commit_callbacks
):
    agreement = agreement_factory()
    move(agreement, staff_user, S.IN_REVIEW, S.SENT, capture=django_capture_on_commit_callbacks)
    with scopes_disabled():
        document = agreement.documents.get()
    owner = portal_admin(agreement.partner)
    client.force_login(owner)
    assert client.get(reverse("portal:agreement_list")).status_code == 200
    assert agreement.reference in client.get(reverse("portal:agreement_detail", args=[agreement.pk])).content.decode()
    response = client.get(reverse("portal:document_download", args=[document.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    upload = SimpleUploadedFile("convention-signee.pdf", a_pdf(), content_type="application/pdf")
    response = client.post(reverse("portal:agreement_scan_upload", args=[agreement.pk]), {"file": upload})
    assert response.status_code == 302
    with scopes_disabled():
        assert SignedScan.objects.get().uploaded_by == owner

    # A member (not admin) cannot upload; another organisation sees nothing.
    client.force_login(portal_admin(agreement.partner, role=PartnerRole.MEMBER))
    assert (
        client.post(
            reverse("portal:agreement_scan_upload", args=[agreement.pk]), {"file": SimpleUploadedFile("x.pdf", a_pdf())}
        ).status_code
        == 403
    )
    stranger = portal_admin(PartnerFactory(name="Autre organisation"))
    client.force_login(stranger)
    assert client.get(reverse("portal:agreement_detail", args=[agreement.pk])).status_code == 404
    assert client.get(reverse("portal:document_download", args=[document.pk])).status_code == 404
    assert (
        client.post(
            reverse("portal:agreement_scan_upload", args=[agreement.pk]), {"file": SimpleUploadedFile("x.pdf", a_pdf())}
        ).status_code
        == 404
    )
    with scopes_disabled():
        assert SignedScan.objects.count() == 1


def test_draft_agreements_stay_internal(client, agreement_factory, portal_admin):
    agreement = agreement_factory()
    client.force_login(portal_admin(agreement.partner))
    assert client.get(reverse("portal:agreement_detail", args=[agreement.pk])).status_code == 404


def test_staff_draft_from_the_form_with_two_actions(staff_client, agreement_factory, catalogue):
    seed = agreement_factory()
    partnership, partner = seed.partnership, seed.partner
    response = staff_client.post(
        reverse("staff:agreement_create") + f"?partnership={partnership.pk}",
        {
            "partnership": partnership.pk,
            "partner": partner.pk,
            "kind": "",
            "language": "en",
            "title": "",
            "action_0_type": "training",
            "action_0_title": "Formation des médiateurs",
            "action_0_start": "2026-09-01",
            "action_0_end": "2026-10-15",
            "action_1_type": "edit-a-thon",
            "action_1_title": "",
            "action_1_start": "",
            "action_1_end": "",
        },
    )
    assert response.status_code == 302
    with scopes_disabled():
        agreement = partner.agreements.exclude(pk=seed.pk).get()
    assert agreement.kind == "training_agreement"  # the catalogue's document for a training
    with scopes_disabled():
        assert [c.title for c in agreement.clauses.order_by("position")] == ["Formation des médiateurs", "Edit-a-thon"]
    assert staff_client.get(response["Location"]).status_code == 200


def test_staff_draft_form_errors(staff_client, agreement_factory):
    seed = agreement_factory()
    other = PartnerFactory(name="Pas partie prenante")
    response = staff_client.post(
        reverse("staff:agreement_create"),
        {
            "partnership": seed.partnership.pk,
            "partner": other.pk,
            "kind": "",
            "language": "fr",
            "action_0_type": "",
            "action_0_end": "",
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Add at least one action." in html
    with scopes_disabled():
        assert seed.partner.agreements.count() == 1


def test_portal_home_lists_signatures_expected_and_agreements_ending(
    client, agreement_factory, staff_user, portal_admin, django_capture_on_commit_callbacks
):
    waiting = agreement_factory(partner_name="Musée des deadlines")
    move(waiting, staff_user, S.IN_REVIEW, S.SENT, capture=django_capture_on_commit_callbacks)
    client.force_login(portal_admin(waiting.partner))
    deadlines = client.get(reverse("portal:home"), HTTP_ACCEPT_LANGUAGE="en").context["deadlines"]
    assert [d.label for d in deadlines] == [f"{waiting.reference} – {waiting.title}: your signature is expected."]
    # Dated from the day it was sent: a month to sign (agreements/deadlines.py).
    assert [d.date for d in deadlines] == [timezone.localdate() + datetime.timedelta(days=30)]
    with scopes_disabled():
        agreement_transition(agreement=waiting, to=S.SIGNED, by=staff_user, signed_on=timezone.localdate())
        type(waiting).objects.filter(pk=waiting.pk).update(end_date=timezone.localdate() + datetime.timedelta(days=30))
    deadlines = client.get(reverse("portal:home")).context["deadlines"]
    assert [d.date for d in deadlines] == [timezone.localdate() + datetime.timedelta(days=30)]
