"""The key of a page's cached blocks, for ``{% cache 300 "name" fragment %}``.

A block is cached per data version and day (core/dataversion.py), language, user (and, in the
portal, the organisation they act for), full path with its query string, so it can hold
anything the page shows that user on that day, and never reaches another user, another
partner or another query. It must not hold a CSRF token
(the key does not carry the CSRF secret; tests/test_fragment_cache.py reads every template).
Computed only when a template reads it.
"""

import hashlib
from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

from . import dataversion


def fragment_key_for(request: HttpRequest) -> str:
    user = getattr(request, "user", None)
    who = str(user.pk) if user is not None and user.is_authenticated else "-"
    # The portal's organisation: a user with several switches between them (in the session).
    partner = getattr(request, "partner", None)
    member = getattr(request, "partner_member", None)
    parts = (
        dataversion.fragment_key(),
        get_language() or "",
        who,
        f"{getattr(partner, 'pk', '-')}:{getattr(member, 'role', '-')}",
        request.get_full_path(),
        "htmx" if request.headers.get("HX-Request") else "",
    )
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def fragment(request: HttpRequest) -> dict[str, Any]:
    return {"fragment": SimpleLazyObject(lambda: fragment_key_for(request))}
