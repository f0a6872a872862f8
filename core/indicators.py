"""Arithmetic shared by every indicator of an activity: the one place variance is computed."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

Number = int | Decimal

_TENTH = Decimal("0.1")


def variance(target: Number, result: Number) -> tuple[Decimal, Decimal | None]:
    """Variance of ``result`` against ``target``: in units, and in % of the target.

    Positive when the result exceeds the target. The percentage is rounded half up to one
    decimal place, and is ``None`` when the target is zero (no meaningful percentage).
    """
    units = Decimal(result) - Decimal(target)
    if Decimal(target) == 0:
        return units, None
    percent = (units * 100 / Decimal(target)).quantize(_TENTH, rounding=ROUND_HALF_UP)
    return units, percent
