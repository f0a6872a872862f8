"""The dashboards' summaries (core/summaries.py): figures refreshed off the request.

With eager tasks (the tests' default) a write then a GET shows the new figures (the pages' own
tests: activities/tests/test_dashboard.py, test_cached_pages.py, evaluations/tests/test_impact.py).
Here the tasks are not eager, as with a worker: a stale summary is shown with its time and
"updating", its refresh is sent once whatever the number of GETs, and running it updates the
next GET. The refresh writes nothing; a summary holds plain data only; the cold page runs none
of the summary's queries, at both data sizes. The worker itself: tests/test_integration_worker.py.
"""

from __future__ import annotations

import datetime
import pickle
import re
import zoneinfo
from dataclasses import replace
from decimal import Decimal

import pytest
import time_machine
from django.core.cache import caches
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy
from django_scopes import scopes_disabled
from kombu.exceptions import OperationalError

from activities.models import ActivityType
from core import dataversion, summaries
from core.summaries import Summary, is_plain, refresh_pending, summary_kind_register, summary_read
from core.tasks import refresh_summary
from demo.factories import ActivityFactory, PartnerFactory, PartnershipFactory, StaffFactory
from partnerships.models import Partner
from tests.query_counts import BADGE, STAFF, Q, capture, check
from tests.query_world import build_world
from wmfr_partners.celery import app as celery_app

pytestmark = pytest.mark.django_db

SIZES = (2, 50)

# The dashboard after a write, as with a worker: its summary is read (no query) and its refresh
# sent; the page runs what does not sum tables, the same at both sizes.
DASHBOARD_COLD = (
    *STAFF,
    BADGE,
    Q("agreements_agreement", "to do: COUNT of agreements in review"),
    Q("agreements_agreement", "to do: COUNT of agreements sent for signature"),
    Q("partnerships_invitation", "to do: COUNT of pending invitations expiring, and when that changes"),
    Q("partnerships_partnership", "the newest partnerships"),
    Q("partnerships_partner", "their partners (prefetch)"),
)
FILTER_CHOICES = (
    Q("partnerships_priority", "the priority filter's choices, with their plan"),
    Q("activities_activitytype", "the activity type filter's choices"),
)
IMPACT_COLD = (*STAFF, BADGE, *FILTER_CHOICES, Q("evaluations_reportdocument", "the latest impact report PDFs"))
# A filtered page builds its form in the view (its status), before the navigation's badge.
IMPACT_FILTERED_COLD = (
    *STAFF,
    *FILTER_CHOICES,
    BADGE,
    Q("evaluations_reportdocument", "the latest impact report PDFs"),
)


@pytest.fixture
def sent(monkeypatch):
    """Tasks not eager, as with a worker that has not picked them up yet: each refresh sent is
    recorded in this list instead of reaching the broker (the broker and a real worker:
    tests/test_integration_worker.py)."""
    names: list[str] = []
    celery_app.conf.task_always_eager = False
    monkeypatch.setattr(refresh_summary, "delay", names.append)
    yield names
    celery_app.conf.task_always_eager = True


def staff_client() -> Client:
    client = Client()
    client.force_login(StaffFactory())
    return client


def body(client: Client, url: str, **query) -> str:
    response = client.get(url, query)
    assert response.status_code == 200
    return response.content.decode()


def all_partners(page: str) -> int:
    return int(re.search(r'href="partners/">(\d+)</a>', page).group(1))


def activities(page: str) -> int:
    return int(re.search(r'data-figure="activities">(\d+)<', page).group(1))


def freshness(page: str) -> str:
    return re.search(r'data-testid="figures-freshness">([^<]*)<', page).group(1)


def training() -> ActivityType:
    return ActivityType.objects.get(code="training")


def run_refresh(name: str) -> None:
    """What the worker does with the message."""
    refresh_summary.apply(args=[name])


def test_a_stale_dashboard_shows_its_previous_figures_until_its_one_refresh_runs(sent):
    client, url = staff_client(), reverse("staff:dashboard")
    PartnerFactory(name="Musée de la soie")
    first = body(client, url)  # nothing stored: computed in the request, once
    assert all_partners(first) == 1 and sent == []
    assert freshness(first).startswith("Chiffres du ") and "mise à jour" not in freshness(first)

    PartnerFactory(name="Musée des tissus")
    for _ in range(3):
        page = body(client, url)
        assert all_partners(page) == 1, "the previous figures while the worker refreshes them"
        assert freshness(page).endswith("(mise à jour en cours)")
    assert sent == ["dashboard"], "one refresh pending at most (debounced)"
    assert refresh_pending("dashboard")

    run_refresh("dashboard")
    page = body(client, url)
    assert all_partners(page) == 2 and "mise à jour" not in freshness(page)
    assert not refresh_pending("dashboard")
    assert sent == ["dashboard"], "a current summary sends nothing"

    PartnerFactory(name="Musée de la mode")
    assert all_partners(body(client, url)) == 2
    assert sent == ["dashboard", "dashboard"], "the next write: the next refresh"


def test_an_earlier_days_dashboard_is_stale(sent):
    url = reverse("staff:dashboard")
    evening = datetime.datetime(2026, 12, 3, 23, 50, tzinfo=zoneinfo.ZoneInfo("Europe/Paris"))
    with time_machine.travel(evening, tick=False):
        client = staff_client()
        body(client, url)
    with time_machine.travel(evening + datetime.timedelta(minutes=20), tick=False):
        assert freshness(body(client, url)) == "Chiffres du 3 décembre 2026 à 23 h 50 (mise à jour en cours)"
        assert sent == ["dashboard"], "no write, but a new day: 'no action in the last 365 days' moved"
        run_refresh("dashboard")
        assert freshness(body(client, url)) == "Chiffres du 4 décembre 2026 à 0 h 10"


def test_each_filter_of_the_impact_dashboard_is_its_own_summary(sent, catalogue):
    client, url = staff_client(), reverse("staff:impact_dashboard")
    with scopes_disabled():
        partnership = PartnershipFactory()
        ActivityFactory(
            partnership=partnership, activity_type=training(), region="BRE", start_date=datetime.date(2025, 3, 1)
        )
    assert activities(body(client, url, region="BRE")) == 1
    assert activities(body(client, url)) == 1
    assert sent == []

    with scopes_disabled():
        ActivityFactory(
            partnership=partnership, activity_type=training(), region="BRE", start_date=datetime.date(2025, 4, 1)
        )
    for _ in range(2):
        assert activities(body(client, url, region="BRE")) == 1
        assert activities(body(client, url, year="2025", region="BRE")) == 2, "a new combination: computed here"
    assert sent == ["impact:region=BRE"]

    run_refresh("impact:region=BRE")
    page = body(client, url, region="BRE")
    assert activities(page) == 2 and "mise à jour" not in freshness(page)
    assert activities(body(client, url)) == 1, "the unfiltered summary: still the previous figures"
    assert sent == ["impact:region=BRE", "impact"]

    response = client.get(url, {"year": "abc"})
    assert response.status_code == 400, "an invalid filter: the form's errors, the unfiltered figures"
    assert activities(response.content.decode()) == 1


def test_a_refresh_asked_for_inside_a_transaction_is_sent_once_it_commits(sent, django_capture_on_commit_callbacks):
    client, url = staff_client(), reverse("staff:dashboard")
    body(client, url)
    PartnerFactory()
    with django_capture_on_commit_callbacks() as callbacks, transaction.atomic():
        assert summary_read("dashboard").pending
        assert sent == [], "not before the commit: the worker would not see this transaction's writes"
    assert len(callbacks) == 1
    callbacks[0]()
    assert sent == ["dashboard"]


def test_a_broker_out_of_reach_shows_the_stored_figures(monkeypatch):
    client, url = staff_client(), reverse("staff:dashboard")
    body(client, url)
    celery_app.conf.task_always_eager = False
    try:

        def unreachable(name: str) -> None:
            raise OperationalError("Error 111 connecting to the broker")

        monkeypatch.setattr(refresh_summary, "delay", unreachable)
        PartnerFactory()
        assert all_partners(body(client, url)) == 0
        assert not refresh_pending("dashboard"), "its lock freed: the next read tries again"
    finally:
        celery_app.conf.task_always_eager = True


@pytest.mark.parametrize(
    ("name", "url"),
    [("dashboard", "/staff/"), ("impact", "/staff/impact/"), ("impact:region=BRE", "/staff/impact/?region=BRE")],
)
def test_the_refresh_writes_nothing(name, url, catalogue):
    client = staff_client()
    with scopes_disabled():
        ActivityFactory(activity_type=training(), region="BRE")
    assert client.get(url).status_code == 200
    PartnerFactory()  # stale now
    before = dataversion.current()
    with CaptureQueriesContext(connection) as ctx:
        run_refresh(name)
    sql = [q["sql"] for q in ctx.captured_queries]
    assert sql, "it recomputed"
    assert [s for s in sql if dataversion.is_write(s)] == []
    assert dataversion.current() == before, "a write would have made every summary stale again"
    assert summary_read(name).version == before


@pytest.fixture
def kinds(monkeypatch):
    """Register a kind of summary for one test only."""

    def register(key, compute):
        monkeypatch.delitem(summaries._KINDS, key, raising=False)
        summary_kind_register(key, compute)

    return register


def test_the_refresh_takes_the_data_version_from_before_its_computation(kinds):
    """A write during the computation leaves the summary stale: the next read refreshes it."""
    written: list[str] = []

    def compute(_params: str) -> dict:
        with scopes_disabled():
            written.append(str(Partner.objects.count()))
            PartnerFactory()  # another process's write, during the computation
        return {"partners": written[-1]}

    kinds("test-racing", compute)
    stored = summaries.summary_refresh("test-racing")
    assert stored.version != dataversion.current()
    assert not summaries._is_current(summaries._load("test-racing"))


def test_a_summary_holds_plain_data_only(catalogue):
    client = staff_client()
    with scopes_disabled():
        PartnerFactory(relationship_status="active")
        ActivityFactory(activity_type=training(), region="BRE")
    for url in ("/staff/", "/staff/impact/", "/staff/impact/?region=BRE"):
        assert client.get(url).status_code == 200
    store = caches[summaries.CACHE_ALIAS]
    for name in ("dashboard", "impact", "impact:region=BRE"):
        stored = store.get(f"summary:{name}")
        assert is_plain(stored), name
        assert pickle.loads(pickle.dumps(stored)) == stored  # noqa: S301  # our own bytes
    assert store.get("summary:dashboard")["data"]["stale"][0]["name"].startswith("Musée")


def test_the_plain_check_refuses_what_is_not(kinds):
    with scopes_disabled():
        partner = PartnerFactory()
    assert is_plain({"a": [1, "b", Decimal("1.5"), None, datetime.date(2026, 1, 1), timezone.now()]})
    for value in ({"p": partner}, [gettext_lazy("Partners")], {"q": Partner.objects.none()}, {object(): 1}):
        assert not is_plain(value), value
    from collections import defaultdict

    assert not is_plain(defaultdict(int)), "a dict's subclass carries its class"
    kinds("test-not-plain", lambda _params: {"partner": partner})
    with pytest.raises(TypeError, match="plain"):
        summary_read("test-not-plain")


def test_the_freshness_line_in_french_and_english():
    paris = datetime.timezone(datetime.timedelta(hours=1))
    at = datetime.datetime(2026, 12, 3, 10, 42, tzinfo=paris)
    summary = Summary(name="x", data={}, version="v", day=at.date(), computed_at=at)
    first = Summary(name="x", data={}, version="v", day=at.date(), computed_at=at.replace(day=1, hour=9, minute=5))
    with translation.override("fr"):
        assert summary.freshness == "Chiffres du 3 décembre 2026 à 10 h 42"
        assert first.freshness == "Chiffres du 1er décembre 2026 à 9 h 05"
        assert replace(summary, pending=True).freshness == (
            "Chiffres du 3 décembre 2026 à 10 h 42 (mise à jour en cours)"
        )
    with translation.override("en"):
        assert summary.freshness == "Figures as of 3 December 2026, 10:42"
        assert first.freshness == "Figures as of 1 December 2026, 09:05"
        assert replace(summary, pending=True).freshness.endswith("10:42 (updating)")


@pytest.mark.parametrize(
    ("name", "url", "queries", "shows"),
    [
        ("staff:dashboard (stale summary)", "/staff/", DASHBOARD_COLD, lambda w: f"P{w.size}-{w.size - 1}"),
        ("staff:impact_dashboard (stale summary)", "/staff/impact/", IMPACT_COLD, None),
        (
            "staff:impact_dashboard (filtered, stale summary)",
            "/staff/impact/?region=ARA&year=2024",
            IMPACT_FILTERED_COLD,
            None,
        ),
    ],
)
def test_the_cold_page_runs_none_of_its_summarys_queries(name, url, queries, shows, client, catalogue, sent):
    """After a write the page shows its stored summary and sends its refresh: the page's cold
    cost no longer grows with the tables it sums (tests/test_query_counts.py counts the same
    pages when the summary is computed in the request)."""
    runs = []
    for size in SIZES:
        world = build_world(size)  # writes: the stored summary (from the previous size) is stale
        client.force_login(world.staff)
        if size == SIZES[0]:
            celery_app.conf.task_always_eager = True
            client.get(url)  # the first view computes and stores it
            celery_app.conf.task_always_eager = False
            dataversion.bump()
        runs.append(capture(client, url))
    (small, _), (large, text) = runs
    check(name, SIZES, small, large, queries)
    assert len(sent) == 1, "the stale summary's refresh, sent once (still pending at the second size)"
    if shows is not None:
        assert shows(world) in text
