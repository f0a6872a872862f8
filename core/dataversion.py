"""One version token for the data: any write to the database gives it a new value.

Cached fragments and cached per-request values (a staff member's permissions, the proposals
badge, the filter panels' choices) are keyed on ``current()``; they are never invalidated one
by one, their key changes instead. The token changes on **every** write statement that goes
through Django's connection, whatever wrote it (a model's ``save()``, a queryset's
``update()``, ``bulk_create()``, a migration, a raw cursor), because an execute wrapper
installed on every connection (``install()``, from ``core.apps``) watches the statements
rather than the models' signals, which bulk writes do not send.

Two bumps per write, so a reader can never keep what it read before a commit:

- at once, after the statement (the writer's own transaction reads its writes through a new
  key; in autocommit mode this is the commit);
- after the transaction commits (``on_commit``): a reader that took the first new token but
  still saw the committed rows of before caches them under a token that the commit replaces.

A token is new each time (``uuid4``), never an incremented counter, so two processes bumping
at once cannot lose a bump. It lives in the "versions" cache: Redis when ``REDIS_URL`` is set,
files under ``VAR_DIR`` otherwise, so a Celery worker's writes reach the web workers too.

Writes to bookkeeping tables that no page shows (sessions, django-axes' access log) do not
count: a login or a session save would otherwise empty every cache.
"""

from __future__ import annotations

import re
import uuid
from typing import Any

from django.core.cache import caches
from django.db import connections
from django.db.backends.signals import connection_created
from django.utils import timezone

CACHE_ALIAS = "versions"
KEY = "data-version"
# Tables whose writes no cached value depends on.
IGNORED_TABLES = ("django_session", "axes_accessattempt", "axes_accesslog", "axes_accessfailurelog")
_READ = re.compile(r"\s*(SELECT|SAVEPOINT|RELEASE|ROLLBACK|BEGIN|COMMIT|SET|SHOW|PRAGMA|EXPLAIN)\b", re.IGNORECASE)
_WRITTEN_TABLE = re.compile(r'\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+["`]?(\w+)', re.IGNORECASE)


def current() -> str:
    """The data's version token (a new one is made when none is stored)."""
    cache = caches[CACHE_ALIAS]
    token = cache.get(KEY)
    if token is None:
        token = uuid.uuid4().hex
        cache.set(KEY, token, timeout=None)
    return str(token)


def bump(**_kwargs: Any) -> None:
    caches[CACHE_ALIAS].set(KEY, uuid.uuid4().hex, timeout=None)


def fragment_key() -> str:
    """What a cached fragment of a page depends on besides its own arguments: the data, and
    the day (pages say "overdue", "in 3 days")."""
    return f"{current()}:{timezone.localdate():%Y%m%d}"


def is_write(sql: str) -> bool:
    if _READ.match(sql):
        return False
    table = _WRITTEN_TABLE.match(sql)
    return table is None or table.group(1).lower() not in IGNORED_TABLES


class _WriteWatcher:
    """An execute wrapper: after a write statement, a new token now and one at commit."""

    def __init__(self, connection: Any) -> None:
        # The connection itself: PostgreSQL's maintenance connection ("__no_db__", used to
        # create the test database) is not in ``connections``.
        self.connection = connection

    def __call__(self, execute: Any, sql: Any, params: Any, many: bool, context: dict[str, Any]) -> Any:
        result = execute(sql, params, many, context)
        if isinstance(sql, str) and is_write(sql):
            bump()
            connection = self.connection
            # One bump per transaction at commit (a rolled-back savepoint drops its callback,
            # so the next write registers it again).
            if connection.in_atomic_block and not any(entry[1] is bump for entry in connection.run_on_commit):
                connection.on_commit(bump, robust=True)
        return result


def _watch(sender: Any, connection: Any, **kwargs: Any) -> None:
    if not any(isinstance(w, _WriteWatcher) for w in connection.execute_wrappers):
        connection.execute_wrappers.append(_WriteWatcher(connection))


def install() -> None:
    connection_created.connect(_watch, dispatch_uid="core.dataversion")
    # Connections opened before the app registry was ready (a management command's checks).
    for connection in connections.all(initialized_only=True):
        _watch(None, connection)
