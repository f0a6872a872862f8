"""Which models belong to a partner, derived from the model graph rather than listed by hand.

A model is *partner-owned* when it is ``Partner`` or reaches ``Partner`` by following its
own foreign keys, one-to-one and many-to-many fields, at any depth (``Clause → Agreement →
Partner``, ``Activity → Partnership → partners``). Every partner-owned model must use a
django-scopes ``ScopedManager`` scoped on the ``partner`` dimension as its default manager
(and as ``objects``), so that a query outside a scope fails loudly (``tests/test_isolation.py``,
``tests/test_security.py``). A new model is classified by construction: forgetting the manager
fails the test, with no list to update.

Not checked, on purpose:
- auto-created many-to-many tables: never queried directly, only through a scoped side;
- ``UNSCOPED_ALLOWED``: the models deliberately left unscoped, each with its reason (an entry
  that is no longer partner-owned, or no longer unscoped, fails the test as stale).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.apps import apps
from django.db import models
from django_scopes.manager import DisabledQuerySet
from django_scopes.state import state

# Partner-owned models deliberately without a partner scope: label -> why.
UNSCOPED_ALLOWED: dict[str, str] = {
    # django-simple-history's copy of the partnership's partners (one row per change): read only
    # by the staff history pages and the admin, which run with scopes disabled
    # (partnerships.middleware); no portal or public code queries it.
    "partnerships.HistoricalPartnership_partners": "history rows, staff and admin only",
}


def _partner_model() -> type[models.Model]:
    return apps.get_model("partnerships", "Partner")


def reaches_partner(model: type[models.Model], _seen: frozenset = frozenset()) -> bool:
    """True when ``model`` is Partner or one of its relation fields leads to it."""
    partner = _partner_model()
    if model is partner:
        return True
    seen = _seen | {model}
    for field in model._meta.get_fields(include_hidden=False):
        if not ((field.is_relation and field.concrete) or field.many_to_many) or field.auto_created:
            continue
        if not (field.many_to_one or field.one_to_one or field.many_to_many):
            continue
        target = field.related_model
        if target is None or isinstance(target, str) or target in seen:
            continue  # generic relations and cycles
        if reaches_partner(target, seen):
            return True
    return False


def is_scoped(model: type[models.Model]) -> bool:
    """Both the default manager and ``objects`` are django-scopes ScopedManagers that require
    the ``partner`` dimension: outside any scope their queryset refuses to run and names it."""
    managers = [model._default_manager, getattr(model, "objects", None)]
    token = state.set({})  # no scope at all, not disabled either
    try:
        for manager in managers:
            if manager is None or not hasattr(manager, "with_scope"):
                return False
            queryset = manager.get_queryset()
            if not isinstance(queryset, DisabledQuerySet) or "partner" not in (queryset.missing_scopes or ()):
                return False
    finally:
        state.reset(token)
    return True


def partner_owned_models(candidates: Iterable[type[models.Model]] | None = None) -> list[type[models.Model]]:
    """Every model reaching Partner, auto-created many-to-many tables aside."""
    candidates = apps.get_models() if candidates is None else candidates
    return sorted(
        (m for m in candidates if not m._meta.auto_created and reaches_partner(m)),
        key=lambda m: m._meta.label,
    )


def unscoped_partner_owned_models(candidates: Iterable[type[models.Model]] | None = None) -> list[str]:
    """Partner-owned models without a partner scope, the allowed ones aside."""
    return [
        m._meta.label
        for m in partner_owned_models(candidates)
        if not is_scoped(m) and m._meta.label not in UNSCOPED_ALLOWED
    ]


def scoped_partner_owned_models() -> list[type[models.Model]]:
    """The partner-owned models that must refuse a query outside a scope."""
    return [m for m in partner_owned_models() if m._meta.label not in UNSCOPED_ALLOWED]
