"""core.pagination: the lists' COUNT reads at most EXACT_UP_TO + 1 rows, then estimates (PostgreSQL)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_scopes import scopes_disabled

from core import pagination
from core.pagination import ListPaginator
from partnerships.models import Partner
from tests.factories import PartnerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def five_partners():
    with scopes_disabled():
        return PartnerFactory.create_batch(5)


def test_exact_count_under_the_threshold_reads_at_most_threshold_plus_one_rows(five_partners, monkeypatch):
    monkeypatch.setattr(pagination, "EXACT_UP_TO", 10)
    with scopes_disabled(), CaptureQueriesContext(connection) as ctx:
        paginator = ListPaginator(Partner.objects.order_by("sort_name", "pk"), 2)
        assert paginator.count == 5
        assert paginator.num_pages == 3
    assert paginator.count_is_estimate is False
    assert len(ctx.captured_queries) == 1
    assert "LIMIT 11" in ctx.captured_queries[0]["sql"]
    assert "ORDER BY" not in ctx.captured_queries[0]["sql"]


@pytest.mark.skipif(connection.vendor == "postgresql", reason="PostgreSQL estimates past the threshold")
def test_past_the_threshold_elsewhere_it_counts_exactly(five_partners, monkeypatch):
    monkeypatch.setattr(pagination, "EXACT_UP_TO", 3)
    with scopes_disabled():
        paginator = ListPaginator(Partner.objects.all(), 2)
        assert paginator.count == 5
    assert paginator.count_is_estimate is False


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the planner's estimate is PostgreSQL's")
def test_past_the_threshold_postgresql_estimates_and_says_so(five_partners, monkeypatch):
    monkeypatch.setattr(pagination, "EXACT_UP_TO", 3)
    with scopes_disabled(), CaptureQueriesContext(connection) as ctx:
        paginator = ListPaginator(Partner.objects.filter(city__isnull=False), 2)
        assert paginator.count >= 4
    assert paginator.count_is_estimate is True
    assert ctx.captured_queries[-1]["sql"].startswith("EXPLAIN")


def test_the_list_says_about_when_the_count_is_an_estimate(staff_client, five_partners, monkeypatch):
    monkeypatch.setattr(ListPaginator, "count_is_estimate", True)
    page = staff_client.get("/staff/partners/").content.decode()
    assert "environ 5 partenaires" in page


def test_every_sort_ends_with_the_tiebreak_in_the_same_direction():
    from partnerships.filters import PartnerFilter, PartnershipFilter
    from partnerships.models import Partnership

    with scopes_disabled():
        partners = Partner.objects.all()
        assert PartnerFilter({"ordering": "city"}, queryset=partners).qs.query.order_by == ("city", "sort_name", "pk")
        assert PartnerFilter({"ordering": "-city"}, queryset=partners).qs.query.order_by == (
            "-city",
            "-sort_name",
            "-pk",
        )
        assert PartnerFilter({"ordering": "name"}, queryset=partners).qs.query.order_by == ("sort_name", "pk")
        partnerships = Partnership.objects.all()
        assert PartnershipFilter({"ordering": "-title"}, queryset=partnerships).qs.query.order_by == ("-title", "-pk")
