"""Writes of the evaluations app: keyword-only typed functions named ``<entity>_<action>``."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from .grid import grid_data
from .models import Criterion, GridItem, GridItemKind, GridPurpose, GridVersion, Question

LANGS = ("en", "fr")


def _set_texts(obj: Any, field: str, texts: dict[str, str]) -> None:
    for lang in LANGS:
        setattr(obj, f"{field}_{lang}", texts[lang])


def grid_load(*, data: dict[str, Any] | None = None) -> GridVersion:
    """Create or refresh the grid version of ``data/grid.json`` (idempotent).

    Rows are matched by code (or by kind and position for indicators and means), so loading
    twice changes nothing and an evaluation answered with this version keeps its questions.
    """
    data = data or grid_data()
    with transaction.atomic():
        version, _created = GridVersion.objects.update_or_create(
            number=data["version"], defaults={"source": data.get("source", "")}
        )
        for position, row in enumerate(data["purposes"], start=1):
            purpose = GridPurpose.objects.filter(version=version, code=row["code"]).first() or GridPurpose(
                version=version, code=row["code"]
            )
            purpose.position = position
            _set_texts(purpose, "text", row["text"])
            purpose.save()
        for position, row in enumerate(data["criteria"], start=1):
            criterion = Criterion.objects.filter(version=version, code=row["code"]).first() or Criterion(
                version=version, code=row["code"]
            )
            criterion.position = position
            _set_texts(criterion, "label", row["label"])
            criterion.save()
            for q_position, q_row in enumerate(row["questions"], start=1):
                question = Question.objects.filter(criterion=criterion, code=q_row["code"]).first() or Question(
                    criterion=criterion, code=q_row["code"]
                )
                question.position = q_position
                _set_texts(question, "text", q_row["text"])
                question.save()
            for kind, key in ((GridItemKind.INDICATOR, "indicators"), (GridItemKind.MEANS, "means")):
                for i_position, i_row in enumerate(row[key], start=1):
                    item = GridItem.objects.filter(criterion=criterion, kind=kind, position=i_position).first()
                    item = item or GridItem(criterion=criterion, kind=kind, position=i_position)
                    _set_texts(item, "text", i_row["text"])
                    item.measure = i_row.get("measure", "")
                    item.save()
    return version
