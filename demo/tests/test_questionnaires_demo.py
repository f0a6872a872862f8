"""seed_demo builds satisfaction questionnaires with answers, open and closed, idempotently."""

import io

import pytest
from django.core.management import call_command
from django.db.models import Count
from django_scopes import scopes_disabled

from evaluations.questionnaire_lifecycle import QuestionnaireState
from evaluations.questionnaire_models import Questionnaire, QuestionnaireAnswer

pytestmark = pytest.mark.django_db


def seed() -> str:
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def test_seed_demo_builds_questionnaires_with_answers():
    output = seed()
    with scopes_disabled():
        questionnaires = list(Questionnaire.objects.annotate(n=Count("responses")))
        assert questionnaires and f"{len(questionnaires)} satisfaction questionnaires" in output
        assert min(q.n for q in questionnaires) >= 4
        states = {q.state for q in questionnaires}
        assert {QuestionnaireState.OPEN, QuestionnaireState.CLOSED} <= states
        assert QuestionnaireAnswer.objects.exclude(text="").exists()  # free texts to read
    assert "0 satisfaction questionnaires, 0 answers" in seed()
