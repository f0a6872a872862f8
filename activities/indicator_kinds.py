"""Indicator kinds, read from ``data/indicators.json`` (labels and units in French and English,
the snapshot figure that measures them, the kinds each catalogue type suggests)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.utils.translation import get_language

DATA_FILE = Path(__file__).resolve().parent / "data" / "indicators.json"


@dataclass(frozen=True)
class IndicatorKind:
    code: str
    labels: dict[str, str]
    units: dict[str, str]
    #: The figure of a metrics snapshot that measures it ("" when it is counted by hand).
    metric: str

    def _pick(self, texts: dict[str, str]) -> str:
        language = (get_language() or "fr")[:2]
        return texts.get(language) or texts["fr"]

    @property
    def label(self) -> str:
        return self._pick(self.labels)

    @property
    def unit(self) -> str:
        return self._pick(self.units)


@cache
def _load() -> tuple[dict[str, IndicatorKind], dict[str, tuple[str, ...]]]:
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    kinds = {
        row["code"]: IndicatorKind(code=row["code"], labels=row["label"], units=row["unit"], metric=row["metric"])
        for row in data["kinds"]
    }
    suggested = {code: tuple(items) for code, items in data["suggested_by_type"].items()}
    return kinds, suggested


def all_kinds() -> list[IndicatorKind]:
    return list(_load()[0].values())


def get_kind(code: str) -> IndicatorKind | None:
    return _load()[0].get(code)


def kind_choices() -> list[tuple[str, str]]:
    return [(k.code, k.label) for k in all_kinds()]


def suggested_for(type_code: str) -> list[IndicatorKind]:
    """The kinds a catalogue type usually measures, in the order of the data file."""
    kinds, suggested = _load()
    return [kinds[code] for code in suggested.get(type_code, ())]
