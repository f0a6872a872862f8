"""The pages: the full cycle through the real views, committee visibility, bad input."""

import datetime
import io
from decimal import Decimal

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_scopes import scopes_disabled
from pypdf import PdfReader

from core.pdf import render_pdf
from grants import awards, services
from grants.models import Application, ApplicationStatus, Criterion, FinalReport, GrantInvitation, RubricItem

from .conftest import admin_of, committee_member, draft, member_of, organisation

S = ApplicationStatus


def _proposal_post(**overrides):
    data = {
        "applicant_kind": "non_profit",
        "organisation_details": "Association de bibliothécaires.",
        "country": "KE",
        "title": "Wikipédia dans les bibliothèques",
        "summary": "Ateliers d'écriture.",
        "requested_amount": "12000.00",
        "advisor_name": "Achieng Otieno",
        "advisor_username": "Achieng.O",
        "advisor_community": "Wikimedia Kenya",
        "affiliate_partner": "Wikimedia Kenya",
        "language": "Français",
        "obj-TOTAL_FORMS": "1",
        "obj-INITIAL_FORMS": "0",
        "obj-0-text": "Former 30 bibliothécaires",
        "obj-0-target": "30 personnes",
        "act-TOTAL_FORMS": "1",
        "act-INITIAL_FORMS": "0",
        "act-0-title": "Atelier",
        "act-0-starts_on": "2024-07-06",
        "act-0-ends_on": "2024-07-06",
        "bud-TOTAL_FORMS": "2",
        "bud-INITIAL_FORMS": "0",
        "bud-0-label": "Salle",
        "bud-0-amount": "4000.00",
        "bud-1-label": "Coordination",
        "bud-1-amount": "8000.00",
    }
    data.update(overrides)
    return data


def test_full_cycle_through_the_pages(client, ssa, applicant, officer, member_ssa, frozen):
    # The officer invites the organisation for SSA.
    client.force_login(officer)
    response = client.post(reverse("staff:grants_invite"), {"round_region": ssa.pk, "partner": applicant.pk})
    assert response.status_code == 302
    with scopes_disabled():
        invitation = GrantInvitation.objects.get(partner=applicant)
        # A member of the organisation opens the draft and types: the autosave keeps it.
        client.force_login(member_of(applicant).user)
    response = client.post(reverse("portal:grants_start", args=[invitation.pk]))
    with scopes_disabled():
        application = Application.objects.get(invitation=invitation)
    assert response["Location"] == reverse("portal:grants_application", args=[application.pk])
    response = client.post(
        reverse("portal:grants_autosave", args=[application.pk]), _proposal_post(), HTTP_HX_REQUEST="true"
    )
    assert response.content.decode() == "Enregistré à 10:00"  # 09:00 UTC is 10:00 in Paris
    application.refresh_from_db()
    assert application.title == "Wikipédia dans les bibliothèques"
    # The member cannot submit; the partner admin does.
    assert client.post(reverse("portal:grants_submit", args=[application.pk]), _proposal_post()).status_code == 403
    client.force_login(admin_of(applicant).user)
    response = client.post(reverse("portal:grants_submit", args=[application.pk]), _proposal_post())
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == S.SUBMITTED
    # The officer checks eligibility.
    client.force_login(officer)
    client.post(reverse("staff:grants_action", args=[application.pk, "start_check"]))
    criteria = Criterion.objects.filter(programme__code="wikimedia-alliances-fund")
    data = {f"outcome_{c.pk}": "pass" for c in criteria}
    assert client.post(reverse("staff:grants_action", args=[application.pk, "eligibility"]), data).status_code == 302
    application.refresh_from_db()
    assert application.status == S.UNDER_REVIEW
    # A committee member of the region scores.
    client.force_login(member_ssa)
    scores = {f"score_{i.pk}": "4" for i in RubricItem.objects.filter(programme__code="wikimedia-alliances-fund")}
    assert (
        client.post(reverse("staff:grants_review", args=[application.pk]), {**scores, "comment": "Solide"}).status_code
        == 302
    )
    # The officer sees the scores side by side and approves.
    client.force_login(officer)
    page = client.get(reverse("staff:grants_application", args=[application.pk])).content.decode()
    assert "Solide" in page and "Moyenne" in page
    response = client.post(
        reverse("staff:grants_action", args=[application.pk, "decision"]),
        {"decision": "approve", "amount": "12000.00", "decided_on": "2024-05-03", "reasons": "Bon projet"},
    )
    assert response.status_code == 302
    client.post(reverse("staff:grants_action", args=[application.pk, "agreement"]), {"on": "2024-05-17"})
    application.refresh_from_db()
    assert application.grant_ends_on == datetime.date(2025, 5, 16)
    assert application.report_due_on == datetime.date(2025, 6, 15)
    # The applicant sees "approved · funded", that there is no appeal, and submits the report.
    client.force_login(admin_of(applicant).user)
    page = client.get(reverse("portal:grants_application", args=[application.pk])).content.decode()
    assert "Approuvée · Financée\u00a0: 12000,00 USD." in page
    assert "Pour le moment, nous ne prévoyons pas de processus d’appel" in page
    response = client.post(
        reverse("portal:grants_report", args=[application.pk]),
        {"text": "Nous avons formé 31 personnes.", "language": "fr"},
    )
    assert response.status_code == 302
    with scopes_disabled():
        assert FinalReport.objects.get(application=application).text == "Nous avons formé 31 personnes."


def _under_review(rr, partner, officer, **fields):
    with scopes_disabled():
        application = draft(rr, partner, officer, **fields)
        services.application_submit(application=application, member=admin_of(partner))
        services.eligibility_start(application=application, by=officer)
        criteria = Criterion.objects.filter(programme__code="wikimedia-alliances-fund")
        services.eligibility_record(
            application=application, results=[services.CriterionResult(c.pk, "pass") for c in criteria], by=officer
        )
        application.refresh_from_db()
    return application


def test_a_committee_member_sees_only_their_region(client, ssa, applicant, officer, member_ssa, member_eseap, frozen):
    application = _under_review(ssa, applicant, officer)
    client.force_login(member_eseap)
    assert client.get(reverse("staff:grants_application", args=[application.pk])).status_code == 404
    scores = {f"score_{i.pk}": "3" for i in RubricItem.objects.all()}
    assert client.post(reverse("staff:grants_review", args=[application.pk]), scores).status_code == 404
    pipeline = client.get(reverse("staff:grants_pipeline", args=[ssa.round.fiscal_year_id])).content.decode()
    assert application.title not in pipeline
    client.force_login(member_ssa)
    assert client.get(reverse("staff:grants_application", args=[application.pk])).status_code == 200
    pipeline = client.get(reverse("staff:grants_pipeline", args=[ssa.round.fiscal_year_id])).content.decode()
    assert application.title in pipeline


def test_a_conflicted_member_cannot_score_or_see_the_scores(client, ssa, applicant, officer, member_ssa, frozen):
    application = _under_review(ssa, applicant, officer)
    other = committee_member("otto-ssa", "ssa")
    items = list(RubricItem.objects.all())
    with scopes_disabled():
        services.review_save(
            application=application, reviewer=other, scores={i.pk: 5 for i in items}, comment="Note secrète"
        )
    client.force_login(member_ssa)
    assert "Note secrète" in client.get(reverse("staff:grants_application", args=[application.pk])).content.decode()
    client.post(
        reverse("staff:grants_review", args=[application.pk]), {"conflict": "1", "reason": "Je siège à son bureau"}
    )
    page = client.get(reverse("staff:grants_application", args=[application.pk])).content.decode()
    assert "Note secrète" not in page
    assert "conflit d’intérêts" in page or "conflit d'intérêts" in page
    response = client.post(reverse("staff:grants_review", args=[application.pk]), {f"score_{i.pk}": "1" for i in items})
    assert response.status_code == 403
    with scopes_disabled():
        assert not application.reviews.filter(reviewer=member_ssa).exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("requested_amount", "-10", "supérieure ou égale à 0"),
        ("requested_amount", "douze", "Saisissez un nombre"),
        ("requested_amount", "10.555", "2 chiffres après la virgule"),
        ("bud-0-amount", "-1", "supérieure ou égale à 0"),
    ],
)
def test_bad_amounts_in_the_proposal_are_refused_on_the_form(client, application, applicant, field, value, message):
    client.force_login(admin_of(applicant).user)
    before = application.requested_amount
    response = client.post(
        reverse("portal:grants_application", args=[application.pk]), _proposal_post(**{field: value})
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    application.refresh_from_db()
    assert application.requested_amount == before
    assert application.title == "Wikipédia en kiswahili dans les bibliothèques"  # nothing half-saved


def test_budget_lines_that_do_not_add_up_are_refused_on_submission(client, application, applicant):
    client.force_login(admin_of(applicant).user)
    response = client.post(
        reverse("portal:grants_submit", args=[application.pk]), _proposal_post(**{"bud-1-amount": "7000"})
    )
    assert response.status_code == 400
    assert "11000,00" in response.content.decode() and "12000,00" in response.content.decode()
    application.refresh_from_db()
    assert application.status == S.DRAFT
    with scopes_disabled():
        assert sum(b.amount for b in application.budget_lines.all()) == Decimal("12000.00")  # the save rolled back too


def test_an_approval_beyond_the_envelope_is_refused_on_the_form(client, ssa, applicant, officer, frozen):
    application = _under_review(ssa, applicant, officer)
    client.force_login(officer)
    response = client.post(
        reverse("staff:grants_action", args=[application.pk, "decision"]),
        {"decision": "approve", "amount": "250000.01", "decided_on": "2024-05-03"},
    )
    assert response.status_code == 400
    assert "dépasse ce qui reste de l’enveloppe" in response.content.decode()
    application.refresh_from_db()
    assert (application.status, application.approved_amount) == (S.UNDER_REVIEW, None)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("rapport.pdf", b"MZ\x90\x00 this is an executable", "ni PDF, ni ODT, ni DOCX"),
        ("gros.pdf", b"%PDF-1.7\n" + b"0" * (5 * 1024 * 1024), "trop volumineux"),
    ],
)
def test_oversize_or_disguised_attachments_are_refused(client, application, applicant, name, content, message):
    client.force_login(member_of(applicant).user)
    response = client.post(
        reverse("portal:grants_attach", args=[application.pk]), {"file": SimpleUploadedFile(name, content)}
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    with scopes_disabled():
        assert not application.attachments.exists()


def test_a_real_pdf_attachment_is_accepted(client, application, applicant):
    client.force_login(member_of(applicant).user)
    pdf = render_pdf("<p>Budget détaillé</p>")
    response = client.post(
        reverse("portal:grants_attach", args=[application.pk]), {"file": SimpleUploadedFile("budget.exe", pdf)}
    )
    assert response.status_code == 302
    with scopes_disabled():
        assert application.attachments.get().name == "budget.pdf"  # named by its content


def test_another_organisation_gets_404(client, application):
    other = organisation("Autre association")
    client.force_login(admin_of(other).user)
    for name in ("portal:grants_application", "portal:grants_autosave", "portal:grants_submit", "portal:grants_report"):
        assert client.post(reverse(name, args=[application.pk]), _proposal_post()).status_code == 404, name
    assert client.get(reverse("portal:grants_application", args=[application.pk])).status_code == 404


def test_the_application_pdf_carries_the_proposal(client, application, officer):
    client.force_login(officer)
    response = client.get(reverse("staff:grants_application_pdf", args=[application.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Wikipédia en kiswahili dans les bibliothèques" in text
    assert "Coordination" in text and "8000,00 USD" in text


def test_versions_diff_after_feedback(client, ssa, applicant, officer, frozen):
    application = _under_review(ssa, applicant, officer)
    with scopes_disabled():
        services.feedback_send(application=application, text="Précisez le budget.", by=officer)
        client.force_login(admin_of(applicant).user)
    assert (
        "Précisez le budget."
        in client.get(reverse("portal:grants_application", args=[application.pk])).content.decode()
    )
    client.post(
        reverse("portal:grants_application", args=[application.pk]),
        _proposal_post(summary="Ateliers d'écriture, budget précisé."),
    )
    client.post(reverse("portal:grants_reply", args=[application.pk]), {"text": "Budget précisé."})
    application.refresh_from_db()
    with scopes_disabled():
        assert application.status == S.UNDER_REVIEW and application.versions.count() == 2
    client.force_login(officer)
    page = client.get(reverse("staff:grants_application", args=[application.pk])).content.decode()
    assert '<ins class="d-block">+ summary: Ateliers d&#x27;écriture, budget précisé.</ins>' in page


def test_public_page_groups_as_the_seed_and_shows_public_fields_only(client, ssa, applicant, officer, frozen):
    approved = _under_review(ssa, applicant, officer)
    with scopes_disabled():
        awards.application_approve(
            application=approved, amount="9000", decided_on=datetime.date(2024, 5, 3), by=officer
        )
    second = organisation("Deuxième association")
    reviewing = _under_review(ssa, second, officer, title="Archives orales de Kisumu")
    with scopes_disabled():
        hidden = draft(ssa, organisation("Brouillon secret"), officer, title="Projet encore en brouillon")
    client.logout()
    page = client.get(reverse("grants:fiscal_year", args=["wikimedia-alliances-fund", "2023-24"])).content.decode()
    headings = [
        "En cours d’examen",
        "En attente de la réponse du bénéficiaire",
        "Approuvée · Financée",
        "Non financée · Incomplète · Retirée",
    ]
    positions = [page.index(h) for h in headings]
    assert positions == sorted(positions)
    assert page.index(reviewing.title) < page.index(headings[1])
    assert headings[2] in page[: page.index(approved.title)]
    assert "9000,00 USD" in page
    assert hidden.title not in page
    assert "12000" not in page  # the amount requested stays private
    assert approved.summary not in page


def test_export_of_the_filtered_applications(client, ssa, officer, member_ssa, frozen):
    _under_review(ssa, organisation("Org une"), officer, title='=HYPERLINK("http://x")')
    with scopes_disabled():
        draft(ssa, organisation("Org deux"), officer, title="Brouillon exporté")
    client.force_login(officer)
    url = reverse("staff:grants_export", args=[ssa.round.fiscal_year_id, "csv"])
    body = client.get(url + "?status=under_review").content.decode("utf-8-sig")
    assert "'=HYPERLINK" in body  # neutralised by core.exports
    assert "Brouillon exporté" not in body
    assert "Brouillon exporté" in client.get(url).content.decode("utf-8-sig")
    client.force_login(member_ssa)  # committee members read, the officer exports
    assert client.get(url).status_code == 403


def test_translation_during_the_window_only_and_side_by_side(client, ssa, applicant, officer, frozen):
    application = _under_review(ssa, applicant, officer)
    client.force_login(officer)
    url = reverse("staff:grants_action", args=[application.pk, "translation"])
    data = {"language": "en", "text": "Writing workshops with three libraries."}
    response = client.post(url, data)  # 20 February: before SSA's window (4-8 March 2024)
    assert response.status_code == 400
    assert "pendant la période de soutien à la traduction" in response.content.decode()
    with time_machine.travel(datetime.datetime(2024, 3, 5, 9, 0, tzinfo=datetime.UTC), tick=False):
        client.force_login(officer)  # a new session: the first one has expired in two weeks
        response = client.post(url, data)
        assert response["Location"] == reverse("staff:grants_application", args=[application.pk])
        page = client.get(reverse("staff:grants_application", args=[application.pk])).content.decode()
    assert "Traduction (Anglais)" in page
    assert page.index("Original (Français)") < page.index("Writing workshops with three libraries.")
