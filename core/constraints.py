"""The date-order rule, written once: a named database constraint and the model check that
gives the same message on the end-date field (forms, admin and services all reach it
through ``full_clean()``)."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

DATES_ORDER_MESSAGE = _("The end date cannot be before the start date.")


def dates_ordered_constraint(name: str, *, start: str = "start_date", end: str = "end_date") -> models.CheckConstraint:
    """``end >= start`` whenever both are set."""
    return models.CheckConstraint(
        condition=models.Q(**{f"{end}__isnull": True})
        | models.Q(**{f"{start}__isnull": True})
        | models.Q(**{f"{end}__gte": models.F(start)}),
        name=name,
        violation_error_message=DATES_ORDER_MESSAGE,
    )


def check_dates_ordered(start: datetime.date | None, end: datetime.date | None, *, field: str = "end_date") -> None:
    """Raise the rule's error on ``field`` when ``end`` falls before ``start``."""
    if start and end and end < start:
        raise ValidationError({field: DATES_ORDER_MESSAGE}, code="dates_ordered")


class OrderedDatesMixin(models.Model):
    """Models with ``start_date``/``end_date``: ``clean()`` reports the order on ``end_date``."""

    class Meta:
        abstract = True

    def clean(self) -> None:
        super().clean()
        check_dates_ordered(self._date_value("start_date"), self._date_value("end_date"))

    def _date_value(self, name: str) -> Any:
        return getattr(self, name, None)
