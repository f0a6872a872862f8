"""The back-office lists' paginator: its COUNT costs what a page costs, not the table.

Django's ``Paginator`` counts every matching row (``SELECT COUNT(*)``), which grows with the
table. ``ListPaginator`` counts at most ``EXACT_UP_TO + 1`` rows (``SELECT COUNT(*) FROM
(SELECT ... LIMIT n)``: an index walk that stops there); beyond that, on PostgreSQL, it takes
the planner's estimate of the rows (``EXPLAIN``: statistics only, no row read) and says so
(``count_is_estimate``; the templates write "about N"). Elsewhere (SQLite, tests) it counts
exactly past the threshold.
"""

from __future__ import annotations

import json
from typing import Any

import django_filters
from django.core.paginator import Page, Paginator
from django.db import connections
from django.db.models import QuerySet
from django.utils.functional import cached_property
from django.utils.translation import pgettext_lazy
from django_filters.constants import EMPTY_VALUES

EXACT_UP_TO = 1000


def count_up_to(qs: QuerySet[Any], n: int, order_by: tuple[Any, ...] = ()) -> int:
    """How many rows ``qs`` matches, counting at most ``n`` (``SELECT COUNT(*) FROM (SELECT ...
    LIMIT n)``): the scan stops at the n-th row, so the count costs the same however many rows
    match beyond it. ``order_by`` (the columns of an index) makes the planner walk that index
    in order and stop there, where it might otherwise read a whole range into a bitmap."""
    counted: int = qs.order_by(*order_by).values("pk")[:n].count()
    return counted


def page_of(object_list: Any, number: Any, per_page: int = 50) -> Page[Any]:
    """The requested page (``?page=``) of a list, through ``ListPaginator``."""
    return ListPaginator(object_list, per_page).get_page(number)


def lazy_filtered_page(request: Any, make_filter: Any, default_ordering: tuple[str, ...], per_page: int = 50) -> Any:
    """A back-office list's filterset and requested page, both built only when read: a page
    served from its cached block ({% cache %}, core/dataversion.py) builds neither. The list is
    sorted by ``default_ordering`` unless the query names an ``ordering``."""
    from django.utils.functional import SimpleLazyObject

    filterset: Any = SimpleLazyObject(make_filter)

    def page() -> Page[Any]:
        qs = filterset.qs
        if not request.GET.get("ordering"):
            qs = qs.order_by(*default_ordering)
        return page_of(qs, request.GET.get("page"), per_page)

    return filterset, SimpleLazyObject(page)


class ListPaginator(Paginator):  # type: ignore[type-arg]  # not subscriptable at run time
    count_is_estimate = False
    # Written before an estimated count: "about 12,000 partners".
    estimate_prefix = pgettext_lazy("before an estimated number of rows", "about")

    @cached_property
    def count(self) -> int:
        qs: Any = self.object_list
        if not isinstance(qs, QuerySet):
            return len(qs)
        capped = count_up_to(qs, EXACT_UP_TO + 1)
        if capped <= EXACT_UP_TO:
            return capped
        connection = connections[qs.db]
        if connection.vendor != "postgresql":
            exact: int = qs.count()
            return exact
        sql, params = qs.order_by().values("pk").query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (FORMAT JSON) " + sql, params)
            plan = cursor.fetchone()[0]
        if isinstance(plan, str):
            plan = json.loads(plan)
        self.count_is_estimate = True
        return max(EXACT_UP_TO + 1, int(plan[0]["Plan"]["Plan Rows"]))


class TiebreakOrderingFilter(django_filters.OrderingFilter):  # type: ignore[misc]  # django-filter has no stubs
    """An ``OrderingFilter`` that finishes every offered sort with ``tiebreak`` (same direction
    as the first key), so pages never share or skip a row and each sort walks one index whose
    leading columns are the sort's (the models' ``Meta.indexes`` name the query they serve)."""

    def __init__(self, *args: Any, tiebreak: tuple[str, ...] = ("pk",), **kwargs: Any) -> None:
        self.tiebreak = tiebreak
        super().__init__(*args, **kwargs)

    def filter(self, qs: Any, value: Any) -> Any:
        if value in EMPTY_VALUES:
            return qs
        ordering = [self.get_ordering_value(param) for param in value]
        descending = ordering[0].startswith("-")
        keys = {key.lstrip("-") for key in ordering}
        ordering += [("-" if descending else "") + key for key in self.tiebreak if key not in keys]
        return qs.order_by(*ordering)
