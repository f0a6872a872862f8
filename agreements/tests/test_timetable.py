"""The timetable warning compares like with like (the catalogue's period is the implementation
period), speaks French numbers, and is shown once."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django_scopes import scopes_disabled

from agreements.services import timetable_warning

pytestmark = pytest.mark.django_db


def clause_of(agreement_factory, code, start, end, language="fr"):
    agreement = agreement_factory(language=language, codes=(code,), start=start, end=end)
    with scopes_disabled():
        return agreement.clauses.select_related("activity_type", "agreement").get()


def test_one_day_action_prepared_in_time_gives_no_warning(agreement_factory):
    # An edit-a-thon (2 to 3 months of implementation) held on one day, 10 weeks from now.
    day = timezone.localdate() + datetime.timedelta(weeks=10)
    clause = clause_of(agreement_factory, "edit-a-thon", day, day)
    assert timetable_warning(clause) == ""


def test_one_day_action_too_close_is_warned_with_the_time_left(agreement_factory):
    day = timezone.localdate() + datetime.timedelta(weeks=5)
    clause = clause_of(agreement_factory, "edit-a-thon", day, day)
    with translation.override("fr"):
        assert timetable_warning(clause) == (
            "Il reste environ 1 mois pour préparer « Edit-a-thon « Toulouse antique » » ; "
            "le catalogue prévoit 2 à 3 mois pour « Edit-a-thon »."
        )


def test_too_long_timetable_is_warned_in_french_number_format(agreement_factory):
    start = timezone.localdate() + datetime.timedelta(days=30)
    clause = clause_of(agreement_factory, "edit-a-thon", start, start + datetime.timedelta(days=137))
    with translation.override("fr"):
        assert timetable_warning(clause) == (
            "Le calendrier dure environ 4,5 mois ; le catalogue prévoit 2 à 3 mois pour « Edit-a-thon »."
        )
    with translation.override("en"):
        assert timetable_warning(clause).startswith("The timetable lasts about 4.5 months;")


def test_warning_is_shown_once_after_saving_a_clause(agreement_factory, staff_client):
    start = timezone.localdate() + datetime.timedelta(days=30)
    clause = clause_of(agreement_factory, "edit-a-thon", start, start)
    url = reverse("staff:clause_update", args=[clause.agreement_id, clause.pk])
    data = {
        "title": clause.title,
        "purpose": clause.purpose,
        "arrangements": clause.arrangements,
        "start_date": start.isoformat(),
        "end_date": (start + datetime.timedelta(days=200)).isoformat(),
        "means": "",
        "wmfr_contribution": clause.wmfr_contribution,
        "partner_contribution": clause.partner_contribution,
        "reciprocal_commitments": clause.reciprocal_commitments,
    }
    response = staff_client.post(url, data, follow=True, HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 200
    assert response.content.decode().count("Le calendrier dure environ 6,5 mois") == 1
