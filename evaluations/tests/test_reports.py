"""Reports: a partnership's evaluation report and the impact report, as a page and as a PDF
through the Celery / WeasyPrint pipeline (stored, state shown, enqueued on commit, idempotent).
The PDF's text, extracted with pypdf, holds the figures and the flagged question."""

from __future__ import annotations

import datetime
import hashlib
import io
import re

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled
from pypdf import PdfReader

from activities.models import ActivityType, Indicator
from demo.factories import ActivityFactory
from evaluations.impact import ImpactFilters
from evaluations.models import Evaluation, Question
from evaluations.report_models import ReportDocument, ReportKind, ReportState
from evaluations.reports import report_mark_failed, report_render, report_request
from evaluations.services import evaluation_create, evaluation_submit_side, grid_load, lesson_add, press_mention_add
from evaluations.tests.test_impact import snapshot
from tests.factories import PartnerFactory, PartnershipFactory, StaffFactory
from tests.walk import _close as close_response

pytestmark = pytest.mark.django_db


@pytest.fixture
def report_world(catalogue, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    grid_load()
    partner = PartnerFactory(name="Musée des Beaux-Arts", region="HDF")
    partnership = PartnershipFactory(partners=[partner], title="Beaux-Arts et Wikipédia")
    activity = ActivityFactory(
        partnership=partnership,
        activity_type=ActivityType.objects.get(code="edit-a-thon"),
        title="Edit-a-thon des sculpteurs",
        start_date=datetime.date(2025, 2, 1),
    )
    snapshot(
        activity, edited={"Rodin", "Camille Claudel"}, created={"Rodin"}, files={4}, in_use={4}, views={"Rodin": 321}
    )
    Indicator.objects.create(activity=activity, kind="people_to_train", target=12, manual_result=9)
    evaluation = evaluation_create(partnership=partnership, activity=activity)
    questions = list(Question.objects.filter(criterion__version=evaluation.grid_version).order_by("pk"))
    flagged = questions[0]
    staff_answers = {q.pk: (4, "") for q in questions}
    partner_answers = {q.pk: (4, "") for q in questions}
    partner_answers[flagged.pk] = (1, "")
    staff = StaffFactory(username="reporter")
    evaluation_submit_side(evaluation=evaluation, side="staff", answers=staff_answers, by=staff)
    evaluation_submit_side(evaluation=evaluation, side="partner", answers=partner_answers, by=None)
    press_mention_add(
        partnership=partnership,
        outlet="La Voix du Nord",
        kind="local_press",
        published_on=datetime.date(2025, 2, 3),
        title="Les sculpteurs sur Wikipédia",
    )
    lesson_add(evaluation=evaluation, text="Prévoir plus d’ordinateurs.")
    return {"partnership": partnership, "activity": activity, "flagged": flagged, "staff": staff}


def _pdf_text(document: ReportDocument) -> str:
    with document.file.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_report_page_shows_everything(client, report_world):
    client.force_login(report_world["staff"])
    response = client.get(reverse("staff:partnership_report", args=[report_world["partnership"].pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Edit-a-thon des sculpteurs" in page
    assert re.search(r'data-figure="page_views">321<', page)
    assert "La Voix du Nord" in page and "Prévoir plus d’ordinateurs." in page
    assert page.count('class="table-warning flagged"') == 1
    assert report_world["flagged"].text in page


def test_partnership_pdf_rendered_on_commit_with_the_figures(client, report_world, django_capture_on_commit_callbacks):
    client.force_login(report_world["staff"])
    url = reverse("staff:partnership_report_pdf", args=[report_world["partnership"].pk])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert client.post(url).status_code == 302
    with scopes_disabled():
        document = ReportDocument.objects.get()
    assert document.state == ReportState.PENDING and len(callbacks) == 1
    page = client.get(reverse("staff:partnership_report", args=[report_world["partnership"].pk])).content.decode()
    assert 'data-state="pending"' in page and "data-hx-get" in page  # state shown, polled while it renders

    for callback in callbacks:
        callback()  # the worker (eager in tests) renders it
    document.refresh_from_db()
    assert document.state == ReportState.READY and document.pages >= 1 and len(document.sha256) == 64
    with document.file.open("rb") as handle:
        data = handle.read()
    # The page count (WeasyPrint's layout), size and checksum are the stored file's.
    assert document.pages == len(PdfReader(io.BytesIO(data)).pages)
    assert (document.size, document.sha256) == (len(data), hashlib.sha256(data).hexdigest())
    text = _pdf_text(document)
    assert "Beaux-Arts et Wikipédia" in text
    assert "Edit-a-thon des sculpteurs" in text
    assert "321" in text  # page views
    assert "La Voix du Nord" in text
    assert " ".join(report_world["flagged"].text.split())[:40] in text
    assert "flagged" in text or "signalée" in text

    download = client.get(reverse("staff:report_download", args=[document.pk]))
    close_response(download)  # a FileResponse holds the stored file open
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"


def test_asking_twice_for_the_same_report_renders_once(report_world, django_capture_on_commit_callbacks):
    staff = report_world["staff"]
    partnership = report_world["partnership"]
    with django_capture_on_commit_callbacks(execute=True), scopes_disabled():
        first = report_request(kind=ReportKind.PARTNERSHIP, partnership=partnership, by=staff)
    with django_capture_on_commit_callbacks(execute=True) as again, scopes_disabled():
        second = report_request(kind=ReportKind.PARTNERSHIP, partnership=partnership, by=staff)
    assert first.pk == second.pk and not again
    first.refresh_from_db()
    rendered_at = first.rendered_at
    report_render(document_id=first.pk)  # a second delivery: left alone
    first.refresh_from_db()
    assert first.rendered_at == rendered_at
    # Once the content changes, a new report.
    press_mention_add(
        partnership=partnership,
        outlet="France 3",
        kind="major_media",
        published_on=datetime.date(2025, 3, 1),
        title="TV",
    )
    with django_capture_on_commit_callbacks(execute=False), scopes_disabled():
        third = report_request(kind=ReportKind.PARTNERSHIP, partnership=partnership, by=staff)
    assert third.pk != first.pk


def test_a_failed_render_is_shown_and_can_be_asked_again(report_world, django_capture_on_commit_callbacks):
    partnership = report_world["partnership"]
    with django_capture_on_commit_callbacks(execute=False), scopes_disabled():
        document = report_request(kind=ReportKind.PARTNERSHIP, partnership=partnership, by=None)
    report_mark_failed(document_id=document.pk, error="boom")
    document.refresh_from_db()
    assert document.state == ReportState.FAILED and document.error == "boom"
    with django_capture_on_commit_callbacks(execute=False), scopes_disabled():
        again = report_request(kind=ReportKind.PARTNERSHIP, partnership=partnership, by=None)
    assert again.pk != document.pk


def test_impact_report_pdf_per_region_holds_its_figures(client, report_world, django_capture_on_commit_callbacks):
    other = ActivityFactory(
        partnership=PartnershipFactory(partners=[PartnerFactory(name="Ailleurs", region="BRE")]),
        activity_type=ActivityType.objects.get(code="edit-a-thon"),
        title="Ailleurs",
        start_date=datetime.date(2025, 5, 1),
    )
    snapshot(other, edited={"Quimper"}, created={"Quimper"}, views={"Quimper": 99999})
    client.force_login(report_world["staff"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("staff:impact_report_pdf"), {"region": "HDF", "year": "2025"})
    assert response.status_code == 302 and response["Location"].endswith("?region=HDF&year=2025")
    with scopes_disabled():
        document = ReportDocument.objects.get(kind=ReportKind.IMPACT)
    assert document.filters == "region=HDF&year=2025" and document.state == ReportState.READY
    text = _pdf_text(document)
    assert "Hauts-de-France" in text and "2025" in text
    assert "321" in text and "99999" not in text and "99 999" not in text
    # The charts' tables are in the PDF too (for readers without the image).
    assert "People by year" in text or "Personnes par année" in text


def test_an_invalid_impact_report_request_saves_nothing(client, report_world):
    client.force_login(report_world["staff"])
    response = client.post(reverse("staff:impact_report_pdf"), {"year": "1800"})
    assert response.status_code == 302
    assert not ReportDocument.objects.exists()


def test_report_request_refuses_a_kind_without_its_subject(report_world):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        report_request(kind=ReportKind.PARTNERSHIP, by=None)
    with pytest.raises(ValidationError):
        report_request(
            kind=ReportKind.IMPACT, partnership=report_world["partnership"], by=None, filters=ImpactFilters()
        )


def test_report_hides_the_partners_answers_until_both_sides_submitted(report_world):
    """An evaluation the partner alone submitted: the report shows none of the partner's
    ratings, as the evaluation page does (evaluations.selectors.evaluation_comparison)."""
    from evaluations.lifecycle import Side
    from evaluations.reports import partnership_report_context
    from evaluations.selectors import evaluation_comparison

    partnership = report_world["partnership"]
    with scopes_disabled():
        evaluation = evaluation_create(partnership=partnership)  # the whole partnership
        questions = Question.objects.filter(criterion__version=evaluation.grid_version)
        evaluation_submit_side(
            evaluation=evaluation, side="partner", answers={q.pk: (2, "") for q in questions}, by=None
        )
        reported = {r.evaluation.pk: r.comparison for r in partnership_report_context(partnership)["evaluations"]}
        hidden = reported[evaluation.pk]
        assert not hidden.visible
        assert all(row.partner is None for row in hidden.rows)
        # The same side-by-side view as the evaluation page, for both evaluations.
        for pk, comparison in reported.items():
            expected = evaluation_comparison(evaluation=Evaluation.objects.get(pk=pk), viewer_side=Side.STAFF)
            assert [
                (r.question.pk, r.staff and r.staff.rating, r.partner and r.partner.rating) for r in comparison.rows
            ] == [(r.question.pk, r.staff and r.staff.rating, r.partner and r.partner.rating) for r in expected.rows]
            assert [r.question.pk for r in comparison.flagged] == [r.question.pk for r in expected.flagged]


def test_report_lists_the_participants_satisfaction(client, report_world):
    from evaluations.questionnaire_services import questionnaire_create, questionnaire_templates_load
    from evaluations.tests.test_impact import _answer_all

    with scopes_disabled():
        questionnaire = questionnaire_create(
            activity=report_world["activity"],
            template=questionnaire_templates_load()[0],
            opens_on=datetime.date.today(),
        )
        _answer_all(questionnaire, 4, 2)
    client.force_login(report_world["staff"])
    page = client.get(reverse("staff:partnership_report", args=[report_world["partnership"].pk])).content.decode()
    assert re.search(r'data-figure="satisfaction">4,0 ', page)  # French decimal comma
    section = page.split('id="questionnaire-title"', 1)[1].split("</section>", 1)[0]
    assert "Edit-a-thon des sculpteurs" in section and ">2</td>" in section and ">4,0</td>" in section
