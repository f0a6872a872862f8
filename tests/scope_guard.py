"""Test settings only: every request must start with the scope safety net on.

pytest disables scopes while fixtures are built (``conftest.pytest_fixture_setup``) and
never around a test body. A request made inside ``scopes_disabled()`` (or inside a
partner's ``scope()``) would inherit that state through the context variable and hide a
view that forgets its scope, so this middleware, first in ``MIDDLEWARE`` under
``settings_test``, refuses it loudly. In production each request starts in a fresh
context, with no scope at all: that is the state tests must reproduce.
"""

from django_scopes import get_scope


class ScopeStateLeakedIntoRequestError(AssertionError):
    pass


class ScopeGuardMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        current = get_scope()
        if current:
            raise ScopeStateLeakedIntoRequestError(
                f"{request.method} {request.path} started with scope state {current!r}: make requests "
                "outside scopes_disabled()/scope() so the request sees what production sees"
            )
        return self.get_response(request)
