"""Test settings: the same environment-driven settings, plus what a test run needs.

The database is the real one configured by DATABASE_URL (PostgreSQL in CI) or SQLite.
The SQLite test database is a file, not :memory:, so that a real Celery worker
process (tests/test_integration_worker.py) can read what a test wrote.
"""

import os

from .settings import *  # noqa: F403
from .settings import CACHES, DATABASES, INSTALLED_APPS, MIDDLEWARE, REDIS_URL, VAR_DIR

# First: a request made inside scopes_disabled() or scope() in a test body would inherit that
# state and hide a view that forgets its scope; the guard refuses it (tests/scope_guard.py).
MIDDLEWARE = ["tests.scope_guard.ScopeGuardMiddleware", *MIDDLEWARE]

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed only
# A real worker started by a test (tests/test_integration_*.py) turns eager mode off, so the
# tasks its tasks enqueue go through the broker too.
CELERY_TASK_ALWAYS_EAGER = os.environ.get("TEST_CELERY_EAGER", "1") == "1"
CELERY_TASK_EAGER_PROPAGATES = True
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
if os.environ.get("TEST_EMAIL_FILE_PATH"):  # a real worker's e-mails, written where the test reads them
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = os.environ["TEST_EMAIL_FILE_PATH"]
# Rate limits counted per test (the conftest clears this cache around each test).
CACHES = {**CACHES, "ratelimit": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "ratelimit"}}
# The pages' cached blocks stay in this process (the conftest empties them before each test);
# the data's version stays shared (Redis or files) with a real worker's writes.
CACHES["template_fragments"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "test-fragments",
}
# The dashboards' summaries (core/summaries.py) in files, even with Redis: shared with a real
# worker all the same, and emptied before each test (a Redis cache's clear() would empty the
# whole database, the data's version and the broker's queues with it).
CACHES["summaries"] = {
    "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
    "LOCATION": VAR_DIR / "test-summaries",
}
MEDIA_ROOT = VAR_DIR / "test-media"
DEMO_ACCOUNTS = True
DEMO_APP = True
if "demo" not in INSTALLED_APPS:  # tests always have it, whatever DEMO_APP says
    INSTALLED_APPS = [*INSTALLED_APPS, "demo"]

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test-db.sqlite3")}

if not REDIS_URL:
    _dir = VAR_DIR / "test-celery"
    for _sub in ("queue", "processed", "control"):
        (_dir / _sub).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_dir / "queue"),
        "data_folder_out": str(_dir / "queue"),
        "processed_folder": str(_dir / "processed"),
        "control_folder": str(_dir / "control"),
        "store_processed": False,
    }
