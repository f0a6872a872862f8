"""Dates and sizes read as each language writes them: British dates in English, "Ko" in French."""

import datetime

from django.template.defaultfilters import date, filesizeformat
from django.utils import translation


def test_english_dates_are_british():
    day = datetime.date(2026, 3, 16)
    with translation.override("en"):
        assert date(day, "DATE_FORMAT") == "16 March 2026"
        assert date(day, "SHORT_DATE_FORMAT") == "16/03/2026"
        assert date(datetime.datetime(2026, 3, 16, 14, 5), "SHORT_DATETIME_FORMAT") == "16/03/2026 14:05"


def test_french_dates_and_sizes():
    with translation.override("fr"):
        assert date(datetime.date(2026, 3, 16), "DATE_FORMAT") == "16 mars 2026"
        assert filesizeformat(123456) == "120,6\u00a0Ko"
        assert "Kio" not in filesizeformat(2_000_000)
