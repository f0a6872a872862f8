"""A URLconf for tests/test_frame_can_fail.py only: the real URLs plus two careless views.

- ``staff/careless/`` (unnamed, in the ``staff`` namespace, so the middleware disables
  scopes as for every back-office page) declares no access and prints every partner's
  name: the walk must report a wrong answer and leaks of partner A.
- ``careless-public/`` declares itself public and queries a partner-owned model without
  entering a scope: the safety net must make it fail loudly (``ScopeError``).
"""

from django.http import HttpResponse
from django.urls import include, path

from core.access import public
from partnerships.models import Partner
from wmfr_partners.urls import urlpatterns as real_urlpatterns


def careless_partner_names(request):
    """No access declared, no permission, no scope: every partner's name to anyone."""
    return HttpResponse(", ".join(Partner.objects.values_list("name", flat=True)))


@public
def careless_public_count(request):
    """A public page counting partners without a scope."""
    return HttpResponse(f"{Partner.objects.count()} partners")


urlpatterns = [
    *real_urlpatterns,
    path("staff/", include(([path("careless/", careless_partner_names)], "staff"))),
    path("careless-public/", careless_public_count),
]
