"""Query counts of the reports wing's pages over ``build_world(2)`` and ``build_world(50)``
(tests/query_world.py), exact, one entry per query; named in ``COVERED_URL_NAMES`` for
``tests/test_query_counts.py::test_every_page_has_a_query_count`` (through the app's
``test_query_counts.py``, which adds them to its own).

The world's anchor partnership has ``size`` actions, each with a joint evaluation; its first
action has ``size`` snapshots, indicators and stakeholders; ``size`` directory partnerships have
an action each. The dashboard adds them all up, the report lists the anchor's.
"""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_scopes import scopes_disabled

from core.pdf import render_pdf
from evaluations.opendata import publication_set
from evaluations.report_models import ReportDocument, ReportKind, ReportState
from tests.query_counts import BADGE, PORTAL, STAFF, Q, check
from tests.query_world import World, build_world
from tests.walk import _close as close_response

SIZES = (2, 50)

IMPACT_ROWS = (
    Q("activities_activity", "the activities that count (not cancelled, filtered)"),
    Q("activities_metricssnapshot", "their shown snapshots (newest complete, else partial: a subquery)"),
    Q("activities_indicator", "the results typed by hand"),
    Q("activities_stakeholder", "the hours per activity (SUM)"),
    Q("evaluations_questionnaire", "those with a questionnaire (none in the world: no satisfaction query)"),
)
FILTER_CHOICES = (
    Q("partnerships_priority", "the priority filter's choices, with their plan"),
    Q("activities_activitytype", "the activity type filter's choices"),
)
PUBLISHED = (
    *IMPACT_ROWS,
    Q("partnerships_partnership", "the published partnerships"),
    Q("partnerships_partner", "their partners (prefetch; organisations only)"),
    Q("activities_activity", "the published activities, with their type"),
)


def _dashboard_shows(world: World, **filters) -> str:
    """The dashboard counts every activity not cancelled (that the filters keep), both worlds included."""
    from activities.models import Activity

    with scopes_disabled():
        count = Activity.objects.filter(**filters).exclude(status="cancelled").count()
    return f'data-figure="activities">{count}<'


def _ready_report(world: World) -> ReportDocument:
    with scopes_disabled():
        document = ReportDocument.objects.create(
            kind=ReportKind.PARTNERSHIP, partnership=world.partnership, state=ReportState.READY, pages=1, size=1
        )
        document.file.save(document.filename, ContentFile(render_pdf("<p>report</p>")))
    return document


def _publish(world: World) -> None:
    with scopes_disabled():
        publication_set(partnership=world.partnership, published=True, by=None)


PAGES = {
    "staff:impact_dashboard": (
        lambda w: reverse("staff:impact_dashboard"),
        "staff",
        (
            *STAFF,
            # The figures' summary (core/summaries.py), read by the view: computed here at 2 rows
            # (nothing stored yet), refreshed here at 50 (stale after the writes; tasks are eager
            # in tests). With a worker the page runs none of these: IMPACT_COLD in
            # tests/test_summaries.py. Its filter choices serve the page's form after it.
            *FILTER_CHOICES,
            *IMPACT_ROWS,
            BADGE,
            # The rest in the page's cached block (core/dataversion.py), in the template's order.
            Q("evaluations_reportdocument", "the latest impact report PDFs"),
        ),
        _dashboard_shows,
    ),
    "staff:impact_dashboard (filtered)": (
        lambda w: reverse("staff:impact_dashboard") + "?region=ARA&year=2024",  # the anchor's actions
        "staff",
        (
            *STAFF,
            *FILTER_CHOICES,  # a filtered page's form, built by the view (its status)
            # The summary of these filters (core/summaries.py), computed or refreshed here.
            *IMPACT_ROWS,
            BADGE,
            # The rest in the page's cached block (core/dataversion.py), in the template's order.
            Q("evaluations_reportdocument", "the latest impact report PDFs"),
        ),
        lambda w: _dashboard_shows(w, region="ARA", start_date__year=2024),
    ),
    "staff:impact_documents": (
        lambda w: reverse("staff:impact_documents"),
        "staff",
        (*STAFF, Q("evaluations_reportdocument", "the latest impact report PDFs")),
        None,
    ),
    "staff:partnership_report": (
        lambda w: reverse("staff:partnership_report", args=[w.partnership.pk]),
        "staff",
        (
            *STAFF,
            Q("partnerships_partnership", "the partnership"),
            Q("partnerships_partner", "its partners (prefetch)"),
            Q("evaluations_reportdocument", "its latest report PDFs"),
            *IMPACT_ROWS,
            Q("activities_activity", "its activities, with their type"),
            Q("activities_indicator", "their targets (prefetch)"),
            Q("activities_metricssnapshot", "their snapshots (prefetch), for the results they measure"),
            Q("evaluations_evaluation", "its joint evaluations, with their activity"),
            Q("evaluations_answer", "the answers staff may see, of every evaluation"),
            Q("evaluations_criterion", "the grid's criteria"),
            Q("evaluations_question", "their questions (prefetch)"),
            Q("evaluations_pressmention", "its press mentions, with their activity"),
            Q("evaluations_lesson", "its lessons, with their evaluation's activity"),
            Q("evaluations_partnershippublication", "its open-data flag"),
            BADGE,
        ),
        lambda w: f"Action {w.size}-{w.size - 1}",
    ),
    "staff:partnership_report_documents": (
        lambda w: reverse("staff:partnership_report_documents", args=[w.partnership.pk]),
        "staff",
        (
            *STAFF,
            Q("partnerships_partnership", "the partnership"),
            Q("evaluations_reportdocument", "its latest report PDFs"),
        ),
        None,
    ),
    "staff:report_download": (
        lambda w: reverse("staff:report_download", args=[_ready_report(w).pk]),
        "staff",
        (*STAFF, Q("evaluations_reportdocument", "the report (ready)")),
        None,
    ),
    "portal:open_data": (
        lambda w: reverse("portal:open_data"),
        "portal_admin",
        (*PORTAL, Q("partnerships_partnership", "the partner's partnerships, with their open-data flag joined")),
        lambda w: f"P{w.size}-{w.size - 1}",
    ),
    "evaluations:open_data": (
        lambda w: (_publish(w), reverse("evaluations:open_data"))[1],
        "anonymous",
        PUBLISHED,  # anonymous, no session cookie: no session query
        lambda w: f"Action {w.size}-{w.size - 1}",
    ),
    "evaluations:open_data_export": (
        lambda w: (_publish(w), reverse("evaluations:open_data_export", args=["json"]))[1],
        "anonymous",
        PUBLISHED,
        lambda w: f"Action {w.size}-{w.size - 1}",
    ),
}

COVERED_URL_NAMES = {name.split(" ")[0] for name in PAGES}


def _capture(client, url: str) -> tuple[list[str], str]:
    """tests.query_counts.capture, for pages and for downloads (streamed) alike."""
    cache.clear()
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    body = b"".join(response.streaming_content) if response.streaming else response.content
    close_response(response)  # a FileResponse holds the stored file open
    return [q["sql"] for q in ctx.captured_queries], body.decode(errors="replace")


@pytest.mark.parametrize("name", PAGES)
def test_query_count(name, client, catalogue):
    url_of, user, queries, shows = PAGES[name]
    runs = []
    for size in SIZES:
        world = build_world(size)
        client.logout()
        if user != "anonymous":
            client.force_login(getattr(world, user))
        runs.append(_capture(client, url_of(world)))
    (small, _), (large, text) = runs
    check(name, SIZES, small, large, queries)
    if shows is not None:
        assert shows(world) in text, f"{name} does not show {shows(world)!r}: it does not list what grew"
