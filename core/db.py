"""Database helpers shared by the services.

``unique_conflicts_as_form_errors`` turns the unique constraint violated at save time into an
error on the form that owns the field, inside the service's transaction: the check a form ran
before saving can be outrun by a colleague in another tab (two saves racing), and a form that
leaves a constrained field out (the portal's card has no ``name``) never runs it at all. Every
unique constraint reachable from a form then comes back as a form error, never as a 500.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django import forms as django_forms
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models.expressions import F
from django.forms.models import InlineForeignKeyField
from django.utils.translation import gettext_lazy as _


class FormConflictError(ValidationError):
    """A save refused by a unique constraint; the forms carry the error, nothing was saved."""


def _constraint_fields(constraint: models.UniqueConstraint) -> list[str]:
    if constraint.fields:
        return list(constraint.fields)
    names: list[str] = []
    for expression in constraint.expressions:
        nodes = [expression] if isinstance(expression, F) else expression.flatten()
        for node in nodes:
            if isinstance(node, F) and node.name not in names:
                names.append(node.name)
    return names


def violated_constraint(
    exc: IntegrityError, model_classes
) -> tuple[type[models.Model], models.UniqueConstraint] | None:
    """The named unique constraint an IntegrityError reports (PostgreSQL and SQLite name it)."""
    text = str(exc)
    for model in model_classes:
        for constraint in model._meta.constraints:
            if isinstance(constraint, models.UniqueConstraint) and constraint.name in text:
                return model, constraint
    # SQLite reports plain-field constraints by their columns: "UNIQUE constraint failed: t.a, t.b".
    marker = "UNIQUE constraint failed: "
    if marker in text:
        columns = {c.strip() for c in text.split(marker, 1)[1].split(",")}
        for model in model_classes:
            for constraint in model._meta.constraints:
                if isinstance(constraint, models.UniqueConstraint) and constraint.fields:
                    wanted = {f"{model._meta.db_table}.{model._meta.get_field(f).column}" for f in constraint.fields}
                    if wanted == columns:
                        return model, constraint
    return None


def _forms_of(item) -> list[django_forms.BaseForm]:
    if isinstance(item, django_forms.BaseFormSet):
        return [f for f in item.forms if f.has_changed() and not (item.can_delete and item._should_delete_form(f))]
    return [item]


def _attach(item, model, constraint) -> bool:
    message = constraint.violation_error_message or _("This value is already used.")
    fields = _constraint_fields(constraint)
    attached = False
    for form in _forms_of(item):
        if not isinstance(getattr(form, "instance", None), model):
            continue
        # The first field the user sees (an inline formset's hidden link to its parent is not one).
        field = next(
            (
                f
                for f in fields
                if f in form.fields
                and not isinstance(form.fields[f], InlineForeignKeyField)
                and not form.fields[f].widget.is_hidden
            ),
            None,
        )
        if field is not None and not form.has_error(field):
            form.add_error(field, message)
            attached = True
    if not attached and isinstance(item, django_forms.BaseFormSet) and item.model is model:
        item._non_form_errors.append(message)
        attached = True
    if not attached and isinstance(getattr(item, "instance", None), model):
        item.add_error(None, message)
        attached = True
    return attached


@contextmanager
def unique_conflicts_as_form_errors(*forms_and_formsets) -> Iterator[None]:
    """Run form saves; a unique-constraint violation becomes an error on the form (or formset)
    whose model owns the constraint, and FormConflictError is raised (the caller's transaction
    rolls back, nothing is half-saved). New objects get their pk back to None.
    """
    adding = []
    for item in forms_and_formsets:
        for form in _forms_of(item) if isinstance(item, django_forms.BaseFormSet) else [item]:
            instance = getattr(form, "instance", None)
            if instance is not None and instance._state.adding:
                adding.append(instance)
    try:
        with transaction.atomic():
            yield
    except IntegrityError as exc:
        model_classes = []
        for item in forms_and_formsets:
            model = item.model if isinstance(item, django_forms.BaseFormSet) else type(getattr(item, "instance", None))
            if model not in model_classes:
                model_classes.append(model)
        found = violated_constraint(exc, [m for m in model_classes if m is not type(None)])
        if found is None:
            raise
        model, constraint = found
        if not any(_attach(item, model, constraint) for item in forms_and_formsets):
            raise
        for instance in adding:
            instance.pk = None
            instance._state.adding = True
        raise FormConflictError(str(constraint.violation_error_message or constraint.name)) from exc
