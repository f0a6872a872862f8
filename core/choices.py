"""The list filters' choices (priorities, tags, staff owners, types of action), built once.

A filter panel's selects read a small table each on every request (three queries on the
partner list). Their rows are cached for CACHE_SECONDS per language under one generation
number that any save or delete of a model the filters list bumps (``choices_invalidate_on``,
called by each app's ``filters.py``), so a new tag shows at once in the process that saved it
and in every process sharing the cache (Redis); with the per-process cache (no REDIS_URL) and
for bulk writes (no signals), within CACHE_SECONDS.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django import forms
from django.core.cache import cache
from django.db.models import Model
from django.db.models.signals import post_delete, post_save
from django.utils.choices import BaseChoiceIterator
from django.utils.translation import get_language

CACHE_SECONDS = 60
GENERATION_KEY = "filter-choices:generation"


def _generation() -> int:
    return int(cache.get_or_set(GENERATION_KEY, 1, timeout=None) or 1)


def choices_invalidate(**kwargs: Any) -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # no generation yet (or evicted): the next read starts one
        cache.set(GENERATION_KEY, 2, timeout=None)


def choices_invalidate_on(*models: type[Model]) -> None:
    for model in models:
        uid = f"{model._meta.label}"
        post_save.connect(choices_invalidate, sender=model, dispatch_uid=f"filter-choices-save-{uid}")
        post_delete.connect(choices_invalidate, sender=model, dispatch_uid=f"filter-choices-delete-{uid}")


class _CachedRows(BaseChoiceIterator):
    """The choices of one select, read from the cache (or the field's queryset, then cached)
    when the widget renders, so the page's queries keep their order (a ``BaseChoiceIterator``:
    the widget keeps it as it is instead of reading it into a list at once)."""

    def __init__(self, field: Any, key: str) -> None:
        self.field, self.key = field, key

    def __iter__(self) -> Iterator[tuple[str, str]]:
        cache_key = f"filter-choices:{self.key}:{get_language()}:{_generation()}"
        rows = cache.get(cache_key)
        if rows is None:
            rows = [(str(value), str(label)) for value, label in self.field.choices if value != ""]
            cache.set(cache_key, rows, timeout=CACHE_SECONDS)
        yield ("", self.field.empty_label)
        yield from rows


def use_cached_choices(form: forms.Form, fields: dict[str, str]) -> None:
    """Give each named ``ModelChoiceField`` of ``form`` its rows from the cache (``fields``:
    field name → cache key). Only the rendering reads them: a submitted value is still
    validated against the field's queryset."""
    for name, key in fields.items():
        field: Any = form.fields[name]
        field.widget.choices = _CachedRows(field, key)
