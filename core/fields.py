"""Model fields of the project, and form-field safety nets installed once for the whole
project (CoreConfig.ready)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models

from .converters import MAX_ID

# _check_values is private: django-stubs does not declare it.
_original_check_values = forms.ModelMultipleChoiceField._check_values  # type: ignore[attr-defined]


def _integer_pk(queryset: models.QuerySet[Any], key: str) -> bool:
    field = queryset.model._meta.get_field(key) if key != "pk" else queryset.model._meta.pk
    while isinstance(field, models.ForeignKey):
        field = field.target_field
    return isinstance(field, models.IntegerField)


def _check_values_in_range(self: forms.ModelMultipleChoiceField[Any], value: Any) -> models.QuerySet[Any]:
    """ModelMultipleChoiceField looks the chosen ids up with ``pk__in``; on SQLite an id beyond
    64 bits raises OverflowError there (a 500) where ``abc`` is a clean "not a valid value".
    Refuse such ids the same clean way before the lookup."""
    key = self.to_field_name or "pk"
    if value is not None and self.queryset is not None and _integer_pk(self.queryset, key):
        try:
            items = frozenset(value)
        except TypeError:
            items = frozenset()
        for item in items:
            text = str(item).strip()
            if text.lstrip("-").isdigit() and text.isascii() and abs(int(text)) > MAX_ID:
                raise ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": item}
                )
    checked: models.QuerySet[Any] = _original_check_values(self, value)
    return checked


class URLField(models.URLField):  # type: ignore[type-arg]  # the stubs' generic parameters
    """A URL column whose form field (model forms, the admin) adds ``https://`` to an address
    typed without a scheme: Django 6.0's default, asked for now (Django 5.2 warns
    ``RemovedInDjango60Warning`` on every form field built without ``assume_scheme``)."""

    def formfield(
        self,
        form_class: type[forms.Field] | None = None,
        choices_form_class: type[forms.ChoiceField] | None = None,
        **kwargs: Any,
    ) -> forms.Field | None:
        # Passed on only when given: Django's URLField puts its own form class first.
        if form_class is not None:
            kwargs["form_class"] = form_class
        if choices_form_class is not None:
            kwargs["choices_form_class"] = choices_form_class
        return super().formfield(**{"assume_scheme": "https", **kwargs})

    def deconstruct(self) -> Any:
        # Migrations see Django's own field: switching to this one changes no schema.
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.URLField", args, kwargs


def install() -> None:
    forms.ModelMultipleChoiceField._check_values = _check_values_in_range  # type: ignore[attr-defined]  # private, see above
