"""The list filters' choices (priorities, tags, staff owners, types of action), built once.

A filter panel's selects read a small table each on every request (three queries on the
partner list). Their rows are cached for CACHE_SECONDS per language under the data's version
token (core/dataversion.py), which any write replaces, bulk writes and other processes' writes
included: a new tag shows at once everywhere.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django import forms
from django.core.cache import cache
from django.utils.choices import BaseChoiceIterator
from django.utils.translation import get_language

from . import dataversion

CACHE_SECONDS = 60


class _CachedRows(BaseChoiceIterator):
    """The choices of one select, read from the cache (or the field's queryset, then cached)
    when the widget renders, so the page's queries keep their order (a ``BaseChoiceIterator``:
    the widget keeps it as it is instead of reading it into a list at once)."""

    def __init__(self, field: Any, key: str) -> None:
        self.field, self.key = field, key

    def __iter__(self) -> Iterator[tuple[str, str]]:
        cache_key = f"filter-choices:{self.key}:{get_language()}:{dataversion.current()}"
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
