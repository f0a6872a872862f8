"""Satisfaction questionnaires: the template, the rules of the link, exact results, the
satisfaction figures other pages read, the CSV export."""

from __future__ import annotations

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import override_settings
from django.utils import translation
from django_scopes import scopes_disabled

from core.exports import to_csv
from core.models import AuditEntry
from evaluations.questionnaire_lifecycle import QuestionnaireState, state_on
from evaluations.questionnaire_models import QuestionnaireAnswer, QuestionnaireQuestion, QuestionnaireResponse
from evaluations.questionnaire_selectors import (
    questionnaire_csv,
    questionnaire_results,
    questionnaire_satisfaction,
    satisfaction_for_activities,
)
from evaluations.questionnaire_services import (
    QuestionnaireRateLimitedError,
    questionnaire_answer,
    questionnaire_close,
    questionnaire_create,
    questionnaire_reopen,
    questionnaire_set_dates,
    questionnaire_templates_load,
)
from evaluations.tests.questionnaire_fixtures import CLOSES, OPENS, VALID, make_questionnaire, template

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 3, 10)


@pytest.fixture
def questionnaire(catalogue):
    with scopes_disabled():
        return make_questionnaire()


def _answer(questionnaire, day=DAY, address="203.0.113.5", **values):
    return questionnaire_answer(
        questionnaire=questionnaire, values={**VALID, **values}, language="fr", address=address, day=day
    )


def test_template_loads_in_both_languages_and_twice_changes_nothing(catalogue):
    with scopes_disabled():
        first = template()
        questionnaire_templates_load()
        questions = list(QuestionnaireQuestion.objects.filter(template=first).order_by("position"))
    assert [q.code for q in questions] == [
        "overall",
        "expectations",
        "skills",
        "welcome",
        "level",
        "again",
        "liked",
        "improve",
    ]
    assert [q.kind for q in questions].count("likert") == 4
    assert questions[0].text_fr == "Dans l’ensemble, êtes-vous satisfait·e de cette séance ?"
    assert questions[0].text_en == "Overall, how satisfied are you with this session?"
    assert questions[4].choice_options("fr") == [
        ("never", "Jamais"),
        ("few", "Quelques fois"),
        ("regular", "Régulièrement"),
    ]
    assert {q.feeds for q in questions} == {"relevance", "relationship", ""}


def test_token_is_unguessable_unique_and_each_activity_has_one_questionnaire(questionnaire):
    with scopes_disabled():
        other = make_questionnaire(partner_name="Archives de Nantes")
        assert len(questionnaire.token) == 32 and questionnaire.token != other.token
        with pytest.raises(ValidationError) as error:
            questionnaire_create(activity=questionnaire.activity, template=questionnaire.template)
        assert error.value.code == "duplicate"
        assert AuditEntry.objects.filter(action="questionnaire.created").count() == 2


def test_end_date_before_start_is_refused_with_a_message(questionnaire):
    with scopes_disabled(), translation.override("en"):
        with pytest.raises(ValidationError) as error:
            questionnaire_set_dates(questionnaire=questionnaire, opens_on=CLOSES, closes_on=OPENS)
        assert error.value.message_dict == {"closes_on": ["The end date cannot be before the start date."]}


def test_the_link_takes_answers_between_its_dates_only_and_not_when_closed(questionnaire):
    assert state_on(questionnaire, OPENS - datetime.timedelta(days=1)) == QuestionnaireState.SCHEDULED
    assert state_on(questionnaire, OPENS) == QuestionnaireState.OPEN
    assert state_on(questionnaire, CLOSES) == QuestionnaireState.OPEN  # the whole last day
    assert state_on(questionnaire, CLOSES + datetime.timedelta(days=1)) == QuestionnaireState.ENDED
    with scopes_disabled():
        with pytest.raises(ValidationError) as error:
            _answer(questionnaire, day=CLOSES + datetime.timedelta(days=1))
        assert error.value.code == "not_open"
        closed = questionnaire_close(questionnaire=questionnaire)
        assert state_on(closed, DAY) == QuestionnaireState.CLOSED
        with pytest.raises(ValidationError):
            _answer(closed)
        reopened = questionnaire_reopen(questionnaire=closed)
        _answer(reopened)
        assert QuestionnaireResponse.objects.count() == 1


def test_a_missing_or_bad_answer_saves_nothing(questionnaire):
    with scopes_disabled(), translation.override("en"):
        with pytest.raises(ValidationError) as error:
            _answer(questionnaire, overall="", welcome="6", level="sometimes")
        assert error.value.message_dict == {
            "overall": ["Please answer this question."],
            "welcome": ["Choose a rating from 1 to 5."],
            "level": ["Choose one of the answers offered."],
        }
        assert QuestionnaireResponse.objects.count() == 0 and QuestionnaireAnswer.objects.count() == 0


def test_rating_outside_1_to_5_is_refused_by_the_database(questionnaire):
    with scopes_disabled():
        response = _answer(questionnaire)
        question = QuestionnaireQuestion.objects.get(template=questionnaire.template, code="again")
        with pytest.raises(IntegrityError), transaction.atomic():
            QuestionnaireAnswer.objects.create(response=response, question=question, rating=6)


@override_settings(QUESTIONNAIRE_ANSWERS_PER_ADDRESS_PER_HOUR=3)
def test_answers_are_rate_limited_per_address(questionnaire):
    with scopes_disabled():
        for _ in range(3):
            _answer(questionnaire, address="198.51.100.7")
        with pytest.raises(QuestionnaireRateLimitedError):
            _answer(questionnaire, address="198.51.100.7")
        _answer(questionnaire, address="198.51.100.8")  # another address still answers
        assert QuestionnaireResponse.objects.count() == 4


def test_results_are_exact(questionnaire):
    with scopes_disabled():
        _answer(questionnaire, overall="5", expectations="4", again="yes", liked="Les conseils", improve="")
        _answer(questionnaire, overall="4", expectations="2", again="yes", liked="", improve="=1+2 plus de temps")
        _answer(questionnaire, overall="4", expectations="5", again="no", level="regular")
        results = questionnaire_results(questionnaire)
    by_code = {r.question.code: r for r in results.questions}
    assert results.responses == 3
    overall = by_code["overall"]
    assert overall.answered == 3
    assert [(b.value, b.count, b.percent) for b in overall.bars] == [
        ("1", 0, 0),
        ("2", 0, 0),
        ("3", 0, 0),
        ("4", 2, 67),
        ("5", 1, 33),
    ]
    assert overall.average == Decimal("4.33")
    assert by_code["expectations"].average == Decimal("3.67")
    assert by_code["skills"].average == Decimal("3.00")
    again = by_code["again"]
    assert again.answered == 3 and again.average is None
    assert [(b.label, b.count) for b in again.bars] == [("Oui", 2), ("Peut-être", 0), ("Non", 1)]
    assert [(b.label, b.count) for b in by_code["level"].bars] == [
        ("Jamais", 2),
        ("Quelques fois", 0),
        ("Régulièrement", 1),
    ]
    assert by_code["liked"].texts == ["Les conseils"]
    assert by_code["improve"].texts == ["=1+2 plus de temps"]
    # (5+4+4) + (4+2+5) + (3+3+3) + (4+4+4) over 12 ratings
    assert results.likert_average == Decimal("3.75")


def test_satisfaction_feeds_relevance_and_relationship(questionnaire, django_assert_num_queries):
    with scopes_disabled():
        _answer(questionnaire, overall="5", expectations="4", skills="2", welcome="3")
        _answer(questionnaire, overall="3", expectations="5", skills="4", welcome="1")
        other = make_questionnaire(partner_name="Archives de Nantes", title="Atelier")
        with django_assert_num_queries(2):
            figures = satisfaction_for_activities([questionnaire.activity_id, other.activity_id, 999_999])
        single = questionnaire_satisfaction(questionnaire.activity)
    mine = figures[questionnaire.activity_id]
    assert mine.responses == 2
    assert mine.relevance == Decimal("3.75")  # expectations and skills: 4, 2, 5, 4
    assert mine.relationship == Decimal("3.00")  # overall and welcome: 5, 3, 3, 1
    assert mine.average == Decimal("3.38")  # 27 / 8
    assert figures[other.activity_id].responses == 0 and figures[other.activity_id].average is None
    assert 999_999 not in figures
    assert single == mine


def test_csv_has_one_row_per_response_and_never_a_formula(questionnaire):
    with scopes_disabled():
        _answer(questionnaire, liked="@SUM(A1)", improve='=HYPERLINK("http://x")', again="maybe")
        headers, rows = questionnaire_csv(questionnaire)
        content = to_csv(headers, rows, language="en").decode("utf-8-sig")
    table = list(csv.reader(io.StringIO(content)))
    assert table[0][:3] == ["Réponse", "Envoyée", "Langue"]
    assert table[0][3] == "Dans l’ensemble, êtes-vous satisfait·e de cette séance ?"
    assert len(table) == 2
    row = table[1]
    assert row[0] == "1" and row[2] == "fr"
    assert row[3:8] == ["5", "4", "3", "4", "Jamais"]
    assert row[8] == "Peut-être"
    assert row[9] == "'@SUM(A1)"
    assert row[10] == '\'=HYPERLINK("http://x")'
