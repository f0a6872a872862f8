"""Database helpers shared by the services.

``unique_violations_as_validation_errors`` turns a unique constraint violated at save time into
the model's own ValidationError, inside the service's transaction. Services validate before they
save (``model_full_clean``), but two saves can race: two tabs, or two colleagues adding the same
contact e-mail, both pass the check and the second insert fails in the database. That must come
back as a form error with the constraint's message, never as a 500, with nothing half-saved.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models.expressions import BaseExpression, F
from django.utils.translation import gettext_lazy as _


def constraint_fields(constraint: models.UniqueConstraint) -> list[str]:
    """The model fields a unique constraint covers, expressions (``Lower("email")``) included."""
    if constraint.fields:
        return list(constraint.fields)
    names: list[str] = []
    for expression in constraint.expressions:
        if isinstance(expression, F):
            nodes: Iterable[object] = [expression]
        elif isinstance(expression, BaseExpression):
            nodes = expression.flatten()
        else:
            continue
        for node in nodes:
            if isinstance(node, F) and node.name not in names:
                names.append(node.name)
    return names


def violated_constraint(
    exc: IntegrityError, model_classes: Sequence[type[models.Model]]
) -> tuple[type[models.Model], models.UniqueConstraint] | None:
    """The unique constraint an IntegrityError reports (PostgreSQL and SQLite name it; SQLite
    names a plain-field constraint by its columns)."""
    text = str(exc)
    for model in model_classes:
        for constraint in model._meta.constraints:
            if isinstance(constraint, models.UniqueConstraint) and constraint.name in text:
                return model, constraint
    marker = "UNIQUE constraint failed: "
    if marker in text:
        columns = {c.strip() for c in text.split(marker, 1)[1].split(",")}
        for model in model_classes:
            for constraint in model._meta.constraints:
                if isinstance(constraint, models.UniqueConstraint) and constraint.fields:
                    wanted = {f"{model._meta.db_table}.{_column(model, f)}" for f in constraint.fields}
                    if wanted == columns:
                        return model, constraint
    return None


def _column(model: type[models.Model], name: str) -> str:
    field = model._meta.get_field(name)
    return field.column if isinstance(field, models.Field) else name


@contextmanager
def unique_violations_as_validation_errors(
    *model_classes: type[models.Model], keys: Mapping[type[models.Model], str] | None = None
) -> Iterator[None]:
    """Run writes in a savepoint; a violated unique constraint of one of ``model_classes``
    becomes ``ValidationError({key: message})``: ``keys[model]`` when given (e.g. "contacts"),
    else the constraint's first field that is not a foreign key."""
    try:
        with transaction.atomic():
            yield
    except IntegrityError as exc:
        found = violated_constraint(exc, model_classes)
        if found is None:
            raise
        model, constraint = found
        key = (keys or {}).get(model)
        if key is None:
            plain = [f for f in constraint_fields(constraint) if not model._meta.get_field(f).is_relation]
            key = plain[0] if plain else NON_FIELD_ERRORS
        message = constraint.violation_error_message or _("This value is already used.")
        raise ValidationError({key: [ValidationError(message, code="unique")]}) from exc
