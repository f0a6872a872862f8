"""The impact dashboard: totals that count a shared article or file once, its filters, its
charts (SVG drawn on the server, with the table of their figures), and the page itself."""

from __future__ import annotations

import base64
import datetime
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_scopes import scopes_disabled

from activities.models import Activity, ActivityType, Indicator, MetricsSnapshot, SnapshotStatus, Stakeholder
from demo.factories import ActivityFactory
from evaluations.impact import ImpactFilters, impact_rows, impact_totals
from evaluations.report_models import ReportDocument, ReportKind, ReportState
from partnerships.models import Priority, StrategicPlan, SubPriority
from tests.factories import PartnerFactory, PartnershipFactory

pytestmark = pytest.mark.django_db


def snapshot(activity, *, edited, created, files=(), in_use=(), views=None, bytes_added=0, status="done", **extra):
    """A finished snapshot whose figures hold the lists behind the counts (as collect_impact stores them)."""
    figures = {
        "articles_edited": len(edited),
        "articles_created": len(created),
        "titles_edited": sorted(edited),
        "titles_created": sorted(created),
        "files_total": len(files),
        "files_in_use": len(in_use),
        "file_ids": sorted(files),
        "file_ids_in_use": sorted(in_use),
        "views_by_title": views or {},
        "page_views": sum((views or {}).values()),
        "bytes_added": bytes_added,
        **extra,
    }
    return MetricsSnapshot.objects.create(
        activity=activity,
        status=status,
        wiki="fr.wikipedia.org",
        figures=figures,
        taken_at=datetime.datetime.now(datetime.UTC),
    )


@pytest.fixture
def world(catalogue):
    """Two activities of the Louvre sharing an article ("Joconde") and a file (page id 7);
    a third, in Brittany, for another partner type and year."""
    louvre = PartnerFactory(name="Musée du Louvre", partner_type="cultural_institutions", region="IDF")
    school = PartnerFactory(name="Lycée de Brest", partner_type="education", region="BRE")
    edit_a_thon = ActivityType.objects.get(code="edit-a-thon")
    upload = ActivityType.objects.get(code="content-upload")
    plan = StrategicPlan.objects.first() or StrategicPlan.objects.create(
        code="p", name="Plan", start_year=2014, end_year=2015, is_current=True
    )
    priority = Priority.objects.filter(plan=plan).first() or Priority.objects.create(plan=plan, number=1, title="P1")
    other_priority = Priority.objects.create(plan=plan, number=99, title="Autre")
    sub = SubPriority.objects.filter(priority=priority).first() or SubPriority.objects.create(
        priority=priority, position=1, title="S1"
    )
    louvre_partnership = PartnershipFactory(partners=[louvre], title="Louvre et Wikipédia")
    louvre_partnership.sub_priorities.add(sub)
    school_partnership = PartnershipFactory(partners=[school], title="Brest et Wikipédia")
    first = ActivityFactory(
        partnership=louvre_partnership,
        activity_type=edit_a_thon,
        title="Peintres",
        start_date=datetime.date(2025, 3, 8),
    )
    second = ActivityFactory(
        partnership=louvre_partnership, activity_type=upload, title="Photos", start_date=datetime.date(2025, 6, 1)
    )
    third = ActivityFactory(
        partnership=school_partnership, activity_type=edit_a_thon, title="Lycéens", start_date=datetime.date(2024, 5, 2)
    )
    # Joconde: created by the first, edited again by the second. File 7 uploaded by both.
    snapshot(
        first,
        edited={"Joconde", "Vermeer"},
        created={"Joconde"},
        files={7, 8},
        in_use={7},
        views={"Joconde": 100, "Vermeer": 10},
        bytes_added=500,
        active_participants=12,
    )
    snapshot(
        second,
        edited={"Joconde", "Louvre"},
        created=set(),
        files={7, 9},
        in_use={7, 9},
        views={"Joconde": 120, "Louvre": 5},
        bytes_added=300,
        active_participants=3,
    )
    snapshot(third, edited={"Brest"}, created={"Brest"}, views={"Brest": 40}, bytes_added=50, active_participants=20)
    Indicator.objects.create(activity=first, kind="people_to_train", target=10, manual_result=8)
    Indicator.objects.create(activity=third, kind="people_made_aware", target=50, manual_result=45)
    Stakeholder.objects.create(activity=first, name="Bénévole", kind="volunteer", hours=Decimal("6.5"))
    Stakeholder.objects.create(activity=second, name="Salariée", kind="staff", hours=Decimal("3"))
    return {
        "first": first,
        "second": second,
        "third": third,
        "priority": priority,
        "other_priority": other_priority,
        "edit_a_thon": edit_a_thon,
    }


def test_totals_count_a_shared_article_and_file_once(world):
    with scopes_disabled():
        totals = impact_totals(impact_rows(ImpactFilters()))
    assert totals.activities == 3 and totals.partnerships == 2
    # Joconde, Brest created; Vermeer, Louvre improved (Joconde was created: not also improved).
    assert totals.articles_created == 2
    assert totals.articles_improved == 2
    # Files 7, 8, 9 (7 is shared); in use: 7 and 9.
    assert totals.files_uploaded == 3
    assert totals.files_in_use == 2
    assert totals.reuse_share == Decimal("66.7")
    # Joconde's views counted once (the larger figure, 120), plus Vermeer 10, Louvre 5, Brest 40.
    assert totals.page_views == 175
    assert totals.bytes_added == 850
    assert totals.participants == 35
    assert totals.people_trained == 8 and totals.people_made_aware == 45
    assert totals.hours == Decimal("9.5")


def test_an_activity_without_lists_adds_its_counts(world):
    with scopes_disabled():
        MetricsSnapshot.objects.filter(activity=world["third"]).update(
            figures={"articles_edited": 4, "articles_created": 1, "files_total": 2, "files_in_use": 1, "page_views": 9}
        )
        totals = impact_totals(impact_rows(ImpactFilters()))
    assert totals.articles_created == 2  # Joconde + 1
    assert totals.articles_improved == 2 + 3
    assert totals.files_uploaded == 3 + 2
    assert totals.page_views == 135 + 9


def test_the_page_shows_the_newest_complete_snapshot_and_skips_cancelled_activities(world):
    # A newer partial snapshot is not the one shown while a complete one exists.
    snapshot(world["third"], edited={"A", "B", "C"}, created={"A", "B", "C"}, status=SnapshotStatus.PARTIAL)
    with scopes_disabled():
        assert impact_totals(impact_rows(ImpactFilters(year=2024))).articles_created == 1
    world["third"].status = "cancelled"
    world["third"].save(update_fields=["status"])
    with scopes_disabled():
        assert impact_totals(impact_rows(ImpactFilters(year=2024))).activities == 0


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (lambda w: ImpactFilters(year=2025), {"Peintres", "Photos"}),
        (lambda w: ImpactFilters(year=2024), {"Lycéens"}),
        (lambda w: ImpactFilters(region="BRE"), {"Lycéens"}),
        (lambda w: ImpactFilters(partner_type="cultural_institutions"), {"Peintres", "Photos"}),
        (lambda w: ImpactFilters(activity_type=w["edit_a_thon"]), {"Peintres", "Lycéens"}),
        (lambda w: ImpactFilters(priority=w["priority"]), {"Peintres", "Photos"}),
        (lambda w: ImpactFilters(priority=w["other_priority"]), set()),
        (lambda w: ImpactFilters(region="IDF", activity_type=w["edit_a_thon"]), {"Peintres"}),
    ],
)
def test_filters(world, filters, expected):
    titles = {w.pk: w.title for w in (world["first"], world["second"], world["third"])}
    with scopes_disabled():
        rows = impact_rows(filters(world))
    assert {titles[r.activity_id] for r in rows} == expected


def test_the_activity_region_wins_over_the_partner_region(world):
    world["third"].region = "IDF"
    world["third"].save(update_fields=["region"])
    with scopes_disabled():
        assert {r.activity_id for r in impact_rows(ImpactFilters(region="BRE"))} == set()
        assert world["third"].pk in {r.activity_id for r in impact_rows(ImpactFilters(region="IDF"))}


def test_an_activity_with_its_own_priority_counts_once(world):
    """The priority reaches the activity twice (its own sub-priority and its partnership's):
    it is still one activity."""
    sub = SubPriority.objects.filter(priority=world["priority"]).first()
    world["first"].sub_priorities.add(sub)
    with scopes_disabled():
        rows = impact_rows(ImpactFilters(priority=world["priority"]))
    assert len(rows) == 2


def _svg(data_url: str) -> str:
    assert data_url.startswith("data:image/svg+xml;base64,")
    return base64.b64decode(data_url.split(",", 1)[1]).decode()


def test_dashboard_page_totals_filters_and_charts(staff_client, world):
    response = staff_client.get(reverse("staff:impact_dashboard"))
    assert response.status_code == 200
    page = response.content.decode()
    assert re.search(r'data-figure="articles_created">2<', page)
    assert re.search(r'data-figure="files_uploaded">3<', page)
    assert re.search(r'data-figure="page_views">175<', page)
    # Charts: SVG images drawn on the server, no script, no outside address; a table beside each.
    urls = re.findall(r'src="(data:image/svg\+xml;base64,[^"]+)"', page)
    assert len(urls) == 3
    for url in urls:
        svg = _svg(url)
        assert "<svg" in svg and "<script" not in svg and "kozea.github.io" not in svg
    assert page.count('class="table table-sm table-bordered mb-0 chart-figures"') == 3
    assert '<th scope="row">2025</th>' in page

    response = staff_client.get(reverse("staff:impact_dashboard"), {"region": "BRE"})
    page = response.content.decode()
    assert re.search(r'data-figure="activities">1<', page)
    assert re.search(r'data-figure="articles_created">1<', page)


def test_dashboard_follows_every_write_and_costs_no_query_when_nothing_changed(staff_client, world):
    url = reverse("staff:impact_dashboard")

    def figure(page: str, name: str) -> int:
        return int(re.search(rf'data-figure="{name}">(\d+)<', page).group(1))

    page = staff_client.get(url).content.decode()
    assert (figure(page, "activities"), figure(page, "articles_created")) == (3, 2)
    with CaptureQueriesContext(connection) as warm:
        page = staff_client.get(url).content.decode()
    assert (figure(page, "activities"), figure(page, "articles_created")) == (3, 2)
    assert len(warm.captured_queries) == 0, [q["sql"] for q in warm.captured_queries]

    with scopes_disabled():
        added = ActivityFactory(
            partnership=world["first"].partnership,
            activity_type=world["first"].activity_type,
            start_date=datetime.date(2025, 9, 1),
        )
    assert figure(staff_client.get(url).content.decode(), "activities") == 4

    with scopes_disabled():
        Activity.objects.filter(pk=world["third"].pk).update(status="cancelled")  # no signal
    page = staff_client.get(url).content.decode()
    assert (figure(page, "activities"), figure(page, "articles_created")) == (3, 1)

    with scopes_disabled():
        Activity.objects.filter(pk=added.pk).delete()
    page = staff_client.get(url).content.decode()
    assert figure(page, "activities") == 2

    # The PDFs' block follows too.
    ReportDocument.objects.create(kind=ReportKind.IMPACT, state=ReportState.PENDING, filters="year=2031")
    assert "year=2031" in staff_client.get(url).content.decode()
    with CaptureQueriesContext(connection) as warm:
        page = staff_client.get(url).content.decode()
    assert "year=2031" in page and figure(page, "activities") == 2
    assert len(warm.captured_queries) == 0, [q["sql"] for q in warm.captured_queries]


def test_dashboard_pdf_form_carries_the_filters_and_its_token_outside_the_cached_block(staff_client, world):
    page = staff_client.get(reverse("staff:impact_dashboard"), {"region": "BRE"}).content.decode()
    assert '<input type="hidden" form="impact-pdf" name="region" value="BRE">' in page
    assert '<button type="submit" form="impact-pdf"' in page
    form = re.search(r'<form id="impact-pdf" method="post" hidden action="([^"]+)">(.*?)</form>', page)
    assert form.group(1) == reverse("staff:impact_report_pdf")
    assert 'name="csrfmiddlewaretoken"' in form.group(2)


def test_dashboard_bad_filter_is_a_clear_400(staff_client, world):
    response = staff_client.get(reverse("staff:impact_dashboard"), {"year": "abc", "region": "XX"})
    assert response.status_code == 400
    assert (
        "Some filters are not valid" in response.content.decode() or "ne sont pas valides" in response.content.decode()
    )


def test_dashboard_needs_the_report_permission(client, world):
    from tests.factories import UserFactory

    client.force_login(UserFactory(username="nope", is_staff=True))
    assert client.get(reverse("staff:impact_dashboard")).status_code == 403


def _answer_all(questionnaire, rating: int, times: int) -> None:
    """``times`` responses rating every 1–5 question ``rating`` (other questions left blank
    when they may be, else their first option)."""
    from evaluations.questionnaire_models import QuestionnaireQuestion
    from evaluations.questionnaire_services import questionnaire_answer

    questions = list(QuestionnaireQuestion.objects.filter(template_id=questionnaire.template_id))
    values = {}
    for q in questions:
        if q.kind == "likert":
            values[q.code] = str(rating)
        elif q.kind == "choice":
            values[q.code] = q.choice_options()[0][0]
        elif q.required:
            values[q.code] = "Très bien"
    for i in range(times):
        questionnaire_answer(questionnaire=questionnaire, values=values, address=f"10.0.0.{i}")


def test_satisfaction_is_weighted_by_responses(world):
    from evaluations.questionnaire_services import questionnaire_create, questionnaire_templates_load

    template = questionnaire_templates_load()[0]
    today = datetime.date.today()
    with scopes_disabled():
        first = questionnaire_create(activity=world["first"], template=template, opens_on=today)
        second = questionnaire_create(activity=world["second"], template=template, opens_on=today)
        _answer_all(first, 5, 3)  # three answers of 5
        _answer_all(second, 1, 1)  # one answer of 1
        totals = impact_totals(impact_rows(ImpactFilters(year=2025)))
        assert totals.satisfaction_answers == 4
        assert totals.satisfaction == Decimal("4.0")  # (5 × 3 + 1 × 1) / 4, not (5 + 1) / 2
        assert impact_totals(impact_rows(ImpactFilters(year=2024))).satisfaction is None
