"""Variance between an indicator's target and its result, worked out by hand."""

from decimal import Decimal

from core.indicators import variance


def test_result_above_target():
    # 23 articles created for a target of 20: +3, that is 3 / 20 = 15 %.
    assert variance(20, 23) == (Decimal(3), Decimal("15.0"))


def test_result_below_target():
    # 8 files in use for a target of 50: -42, that is -42 / 50 = -84 %.
    assert variance(50, 8) == (Decimal(-42), Decimal("-84.0"))


def test_bytes_added_against_target():
    # 10550 bytes for a target of 10000: +550, 5.5 %.
    assert variance(10000, 10550) == (Decimal(550), Decimal("5.5"))


def test_percent_rounds_half_up_to_one_decimal():
    # 1 trained of 3 planned: -2 / 3 = -66.666... %, shown as -66.7 %.
    assert variance(3, 1) == (Decimal(-2), Decimal("-66.7"))
    # 1 of 8 above: 12.5 % exactly; 1 of 16 above: 6.25 % -> 6.3 %.
    assert variance(8, 9)[1] == Decimal("12.5")
    assert variance(16, 17)[1] == Decimal("6.3")


def test_target_met_exactly():
    assert variance(12, 12) == (Decimal(0), Decimal("0.0"))


def test_zero_target_has_no_percentage():
    assert variance(0, 5) == (Decimal(5), None)


def test_decimal_values_such_as_hours():
    assert variance(Decimal("7.5"), Decimal("9")) == (Decimal("1.5"), Decimal("20.0"))
