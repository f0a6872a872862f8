"""Project-wide pytest fixtures: a fixed cast of users and the loaded catalogue."""

import os
import shutil
import sys

import pytest

CHROMIUM = "/usr/bin/chromium"
_browser_skipped: list[str] = []


# --- The scope safety net (django-scopes) ---------------------------------------------
# Fixtures are built with scopes disabled, as staff code would build them; test bodies run
# with the net ON, as production code does: a test body that reads a partner-owned model
# directly says so with ``with scopes_disabled():``. Requests must start outside any scope
# state (tests/scope_guard.py, first in MIDDLEWARE under settings_test, refuses them).


class _ScopesDisabledDuringTeardown:
    """Entered by a finalizer that runs just before a fixture's teardown, left by one that
    runs just after it (finalizers run last in, first out)."""

    def __init__(self):
        self._state = None

    def enter(self):
        from django_scopes import scopes_disabled

        self._state = scopes_disabled()
        self._state.__enter__()

    def leave(self):
        if self._state is not None:
            self._state.__exit__(None, None, None)
            self._state = None


@pytest.hookimpl(wrapper=True)
def pytest_fixture_setup(fixturedef, request):
    """Every fixture's setup, and its teardown (the code after its ``yield``, its
    finalizers), runs inside ``scopes_disabled()``; the test body does not (pretix's hook,
    extended to yield fixtures and teardowns). A fixture that would hand the test body a
    scope state (``with scopes_disabled(): yield``, ``with scope(...): yield``) fails: the
    body enters scopes itself, where a reader sees it."""
    from django_scopes import scopes_disabled
    from django_scopes.state import state

    teardown = _ScopesDisabledDuringTeardown()
    fixturedef.addfinalizer(teardown.leave)  # runs after the fixture's own teardown
    with scopes_disabled():
        ours = state.get()
        result = yield
        left = state.get()
    fixturedef.addfinalizer(teardown.enter)  # runs before it
    if left is not ours:
        pytest.fail(
            f"fixture {fixturedef.argname!r} leaves the scope state {left!r} to the test body: "
            "enter scopes_disabled()/scope() in the test body instead",
            pytrace=False,
        )
    return result


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language (a request may leave another one active)."""
    from django.conf import settings
    from django.utils import translation

    with translation.override(settings.LANGUAGE_CODE):
        yield


@pytest.fixture(autouse=True)
def _fresh_fragments():
    """No cached block of a page (core/dataversion.py) outlives its test: the database rolls
    back at the end of a test, the version token does not, so a new one starts each test."""
    from django.core.cache import caches

    from core import dataversion

    caches["template_fragments"].clear()
    caches["summaries"].clear()  # the dashboards' figures (core/summaries.py) too
    dataversion.bump()


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Rate limits (core/ratelimit.py) count within one test only."""
    from django.core.cache import caches

    caches["ratelimit"].clear()
    yield
    caches["ratelimit"].clear()


@pytest.fixture
def catalogue(db):
    from activities.services import catalogue_load

    catalogue_load()


@pytest.fixture
def staff_user(db):
    from tests.factories import StaffFactory

    return StaffFactory(username="alice", first_name="Alice", last_name="Staff")


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


# --- Browser tests (pytest-playwright with Debian's chromium) --------------------------


def pytest_collection_modifyitems(config, items):
    if os.path.exists(CHROMIUM):
        return
    if os.environ.get("REQUIRE_BROWSER") == "1":
        return  # let them fail: CI never skips browser tests
    marker = pytest.mark.skip(reason=f"{CHROMIUM} not found: install Debian's chromium to run browser tests")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(marker)
            _browser_skipped.append(item.nodeid)


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    url_walk = sys.modules.get("tests.walk")  # filled by tests/test_url_access.py (walk.record)
    if url_walk is not None and url_walk.STATS["requests"]:
        s = url_walk.STATS
        terminalreporter.section("URL access walk")
        terminalreporter.write_line(
            f"{s['patterns']} URL patterns, {s['requests']} requests, {s['leaks']} leaks, {s['wrong']} wrong answers"
        )
        terminalreporter.write_line(f"{len(s['roles'])} roles: {', '.join(s['roles'])}")
    hostile = sys.modules.get("tests.test_hostile_forms")
    if hostile is not None and hostile.STATS["posts"]:
        h = hostile.STATS
        terminalreporter.section("Hostile forms")
        terminalreporter.write_line(
            f"{h['forms']} forms × {h['values']} values, {h['errors']} server errors ({h['posts']} posts)"
        )
    counts = sys.modules.get("tests.query_counts")  # filled by every query-count test
    if counts is not None and counts.MEASURED:
        terminalreporter.section("Query counts (2 rows / 50 rows)")
        for page, (small, large, sizes) in sorted(counts.MEASURED.items()):
            flag = "" if small == large else "   <-- N+1"
            terminalreporter.write_line(f"{page:36} {small:3} / {large:3} queries  ({sizes} rows){flag}")
    story = sys.modules.get("demo.tests.test_story")
    if story is not None and story.SUMMARY:
        terminalreporter.section("Demo data story")
        for line in story.SUMMARY:
            terminalreporter.write_line(line)
    html_valid = sys.modules.get("tests.test_html_valid")
    if html_valid is not None and html_valid.SUMMARY:
        terminalreporter.section("Nu HTML checker")
        for line in html_valid.SUMMARY:
            terminalreporter.write_line(line)
    every_page = sys.modules.get("tests.browser.test_every_page")
    if every_page is not None and every_page.SUMMARY:
        terminalreporter.section("Every page at 390 px, axe-core")
        for line in every_page.SUMMARY:
            terminalreporter.write_line(line)
    if _browser_skipped:
        terminalreporter.section("BROWSER TESTS SKIPPED", sep="!", red=True, bold=True)
        terminalreporter.write_line(
            f"!!! {len(_browser_skipped)} browser tests were SKIPPED: {CHROMIUM} is missing. "
            "Run `apt-get install chromium` (as root) or `make test` as root to run them.",
            red=True,
            bold=True,
        )


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": shutil.which("chromium") or CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--disable-quic",
            "--disable-sync",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # Headless Chromium asks for en-US; the app's users mostly read French.
    return {**browser_context_args, "locale": "fr-FR"}
