"""The scope safety net is on where production has it on: in test bodies and in requests.

Fixtures are built with scopes disabled (root ``conftest.pytest_fixture_setup``), test bodies
run with the net on, and a request must start with no scope state at all
(``tests/scope_guard.py``, first in ``MIDDLEWARE`` under ``settings_test``). A careless view
(``tests/careless_urls.py``) that queries a partner-owned model without a scope must fail
loudly, not answer.
"""

import importlib
import io

import pytest
from django.core.management import call_command
from django_scopes import ScopeError, scope, scopes_disabled
from django_scopes.state import state

from partnerships.models import Partner
from tests.factories import PartnerFactory
from tests.scope_guard import ScopeStateLeakedIntoRequestError

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.careless_urls")]


@pytest.fixture
def partner():
    """A plain fixture: built with scopes disabled, it may query partner-owned models."""
    built = PartnerFactory(name="Musée prudent")
    assert Partner.objects.count() == 1
    return built


@pytest.fixture
def partner_counted_at_teardown(partner):
    """A yield fixture: its teardown runs with scopes disabled too, or it raises ScopeError."""
    yield partner
    assert Partner.objects.filter(pk=partner.pk).exists()


def test_a_careless_public_view_raises_scope_error(client, partner):
    with pytest.raises(ScopeError):
        client.get("/careless-public/")


def test_the_test_body_runs_with_the_net_on(partner_counted_at_teardown):
    with pytest.raises(ScopeError):
        Partner.objects.count()
    with scopes_disabled():
        assert Partner.objects.count() == 1


def test_factories_work_from_a_test_body():
    PartnerFactory(name="Musée créé dans le test")
    with scopes_disabled():
        assert Partner.objects.get().name == "Musée créé dans le test"


def test_a_request_made_inside_scopes_disabled_is_refused(client, partner):
    with scopes_disabled(), pytest.raises(ScopeStateLeakedIntoRequestError):
        client.get("/careless-public/")


def test_a_request_made_inside_a_partner_scope_is_refused(client, partner):
    with scope(partner=partner.pk), pytest.raises(ScopeStateLeakedIntoRequestError):
        client.get("/careless-public/")


def test_outside_any_scope_state_the_real_pages_answer(client, partner):
    """The guard lets an ordinary request through: the public catalogue answers."""
    assert client.get("/catalogue/").status_code == 200


class _FixtureDef:
    """What the hook needs of pytest's FixtureDef."""

    argname = "leaky"

    def __init__(self):
        self.finalizers = []

    def addfinalizer(self, finalizer):
        self.finalizers.append(finalizer)


def _run_hook(*fixture_enters):
    """Run the root conftest's pytest_fixture_setup around a fixture that enters these scope
    states and leaves them entered (as a yield fixture would until its teardown)."""
    hook = importlib.import_module("conftest").pytest_fixture_setup  # the root conftest.py
    before = state.get()
    wrapper = hook(_FixtureDef(), None)
    next(wrapper)
    try:
        for manager in fixture_enters:
            manager.__enter__()
        wrapper.send("value")
    except StopIteration as done:
        return done.value
    finally:
        for manager in reversed(fixture_enters):
            manager.__exit__(None, None, None)
        state.set(before)
    raise AssertionError("the hook yielded twice")


def test_a_fixture_that_hands_a_scope_state_to_the_body_fails():
    """As the old autouse fixture did (``with scopes_disabled(): yield``)."""
    with pytest.raises(pytest.fail.Exception, match="'leaky' leaves the scope state"):
        _run_hook(scopes_disabled())
    with pytest.raises(pytest.fail.Exception, match="leaves the scope state"):
        _run_hook(scope(partner=1))
    with pytest.raises(ScopeError):  # and the test body's state is as it was: the net on
        Partner.objects.count()


def test_a_fixture_that_leaves_no_scope_state_passes():
    assert _run_hook() == "value"


@pytest.mark.parametrize(
    "command",
    [["load_catalogue"], ["load_grant_programmes"], ["load_grid"], ["send_reminders", "--dry-run"]],
    ids=" ".join,
)
def test_commands_run_outside_requests_enter_their_scope_state_themselves(command):
    """``make setup`` and cron run them with no scope state at all, as this test body does
    (seed_demo: demo/tests/test_seed_demo.py)."""
    out = io.StringIO()
    call_command(*command, stdout=out)
    assert out.getvalue()
