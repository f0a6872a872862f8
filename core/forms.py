"""Forms only parse; services decide. This maps a service's refusal back onto a form."""

from __future__ import annotations

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError


def add_service_errors(
    form: forms.BaseForm, error: ValidationError, *, field_map: dict[str, str] | None = None
) -> None:
    """Attach a service's ``ValidationError`` to ``form``: field errors on their field when the
    form has it (``field_map`` renames model fields to form fields), the rest on the form."""
    field_map = field_map or {}
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            target = field_map.get(name, name)
            if target != NON_FIELD_ERRORS and target in form.fields:
                form.add_error(target, errors)
            else:
                form.add_error(None, errors)
    else:
        form.add_error(None, error.error_list)
