"""The evaluations app's pages measured by query count, gathered for the coverage test of
``tests/test_query_counts.py`` (each wing measures its pages in its own module)."""

from .test_questionnaire_query_counts import COVERED_URL_NAMES as QUESTIONNAIRE_PAGES

COVERED_URL_NAMES = {*QUESTIONNAIRE_PAGES}
