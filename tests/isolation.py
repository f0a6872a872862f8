"""Which models belong to a partner, derived from the model graph rather than listed by hand.

A model is *partner-owned* when it is ``Partner`` or reaches ``Partner`` by following its
own foreign keys, one-to-one and many-to-many fields (``Clause → Agreement → Partner``,
``Activity → Partnership → partners``). Every partner-owned model must use a django-scopes
``ScopedManager`` as its default manager, so that a query outside a scope fails loudly
(``tests/test_security.py``). A new model is classified by construction: forgetting the
manager fails the test, with no list to update.

Not checked, on purpose (each with its reason):
- auto-created many-to-many tables: never queried directly, only through a scoped side;
- django-simple-history's historical models: read by the staff history pages and the admin
  only, which run with scopes disabled (``partnerships.middleware``).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.apps import apps
from django.db import models


def _partner_model() -> type[models.Model]:
    return apps.get_model("partnerships", "Partner")


def _is_historical(model: type[models.Model]) -> bool:
    return model.__module__ == "simple_history.models" or hasattr(model, "instance_type")


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
    """The default manager is a django-scopes ScopedManager (it has ``with_scope``)."""
    return hasattr(model._default_manager, "with_scope") and hasattr(model.objects, "with_scope")


def partner_owned_models(candidates: Iterable[type[models.Model]] | None = None) -> list[type[models.Model]]:
    candidates = apps.get_models() if candidates is None else candidates
    return sorted(
        (m for m in candidates if not m._meta.auto_created and not _is_historical(m) and reaches_partner(m)),
        key=lambda m: m._meta.label,
    )


def unscoped_partner_owned_models(candidates: Iterable[type[models.Model]] | None = None) -> list[str]:
    return [m._meta.label for m in partner_owned_models(candidates) if not is_scoped(m)]
