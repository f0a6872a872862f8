"""The query-count frame: measure a page at two data sizes, compare with the queries written down.

A page's expected queries are written as a tuple of ``Q(table, why)``, one per query, in the
order the page runs them (the healthchecks habit of one comment per query, made checkable):
the count must equal the number of entries, and the i-th SQL statement must read the table
its entry names, so an entry cannot silently describe another query. Both sizes must give the
same count: a difference is an N+1 to fix in the view or selector, never a number to loosen.

Used by ``tests/test_query_counts.py`` (every list and detail page over ``tests/query_world``)
and by the apps' own ``<app>/tests/test_query_counts.py``; each of those modules names the
pages it measures in ``COVERED_URL_NAMES``, which the coverage test reads. Every figure
measured is recorded in ``MEASURED`` and printed by the root ``conftest.py`` in the section
"Query counts (2 rows / 50 rows)".
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

from django.core.cache import cache, caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_scopes import scopes_disabled

# page → (queries at the small size, at the large size, what was varied)
MEASURED: dict[str, tuple[int, int, str]] = {}


class Q(NamedTuple):
    """One expected query: the table it reads (its quoted name must appear in the SQL) and why."""

    table: str
    why: str


# What every back-office page runs before its own queries.
SESSION = Q("django_session", "the session (cached_db: read from the database, the cache being cleared)")
STAFF = (
    SESSION,
    Q("accounts_user", "the session's user"),
    Q("accounts_user_user_permissions", "the user's own permissions (StaffRequiredMixin)"),
    Q("auth_group_permissions", "the permissions of the user's groups"),
)
# The navigation badge of every back-office page: proposals waiting for a review.
BADGE = Q("activities_actionproposal", "navigation badge: COUNT of the proposals waiting")
# What every portal page runs before its own queries.
PORTAL = (
    SESSION,
    Q("accounts_user", "the session's user"),
    Q("partnerships_partnermember", "the user's memberships with their partner (PartnerScopeMiddleware)"),
)


def capture(client, url: str, status: int = 200) -> tuple[list[str], str]:
    """The SQL and the text of one GET, from a cold cache (the dashboard caches its figures)."""
    # Call it outside scopes_disabled()/scope(): the request must start as in production, with
    # no scope state (tests/scope_guard.py refuses it otherwise).
    cache.clear()
    caches["template_fragments"].clear()
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == status, f"{url} answered {response.status_code}"
    return [q["sql"] for q in ctx.captured_queries], response.content.decode()


def get_with_queries(client, url: str) -> tuple[list[str], str]:
    """The SQL of one GET (answered 200) and its text, caches as they are (a cached page's
    tests: a second GET with nothing written runs no query)."""
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    return [q["sql"] for q in ctx.captured_queries], response.content.decode()


def _listing(sql: Sequence[str]) -> str:
    return "\n".join(f"  {i}. {s[:400]}" for i, s in enumerate(sql, 1))


def check(name: str, sizes: tuple[int, int], small: Sequence[str], large: Sequence[str], queries: Sequence[Q]) -> None:
    """Record the figures, then assert: same count at both sizes, exactly the queries written down."""
    MEASURED[name] = (len(small), len(large), f"{sizes[0]} / {sizes[1]}")
    assert len(small) == len(large), (
        f"{name}: {len(small)} queries at {sizes[0]} rows, {len(large)} at {sizes[1]} (an N+1):\n"
        f"--- {sizes[0]} rows:\n{_listing(small)}\n--- {sizes[1]} rows:\n{_listing(large)}"
    )
    expected = "\n".join(f"  {i}. {q.table}: {q.why}" for i, q in enumerate(queries, 1))
    assert len(large) == len(queries), (
        f"{name}: {len(large)} queries, {len(queries)} written down.\nWritten:\n{expected}\nRun:\n{_listing(large)}"
    )
    for i, (q, sql) in enumerate(zip(queries, large, strict=True), 1):
        assert f'"{q.table}"' in sql, f"{name}: query {i} should read {q.table} ({q.why}), it is:\n  {sql}"


def measure(
    name: str,
    client,
    url_of: Callable[[], str],
    grow: Callable[[int], Any],
    sizes: tuple[int, int],
    queries: Sequence[Q],
    status: int = 200,
) -> None:
    """For tests that grow their own data: ``grow(n)`` adds ``n`` rows (run with scopes disabled,
    as fixtures are), then the page is measured outside it; twice, up to each size."""
    with scopes_disabled():
        grow(sizes[0])
    small, _ = capture(client, url_of(), status)
    with scopes_disabled():
        grow(sizes[1] - sizes[0])
    large, _ = capture(client, url_of(), status)
    check(name, sizes, small, large, queries)
