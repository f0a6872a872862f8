"""seed_demo: joint evaluations in every state, with press mentions and lessons (demo/build/evaluations.py)."""

import io

import pytest
from django.core.management import call_command
from django_scopes import scopes_disabled

from evaluations.lifecycle import EvaluationState, Side
from evaluations.models import Answer, Evaluation, Lesson, PressMention

pytestmark = pytest.mark.django_db


def test_seed_demo_makes_evaluations_in_every_state():
    out = io.StringIO()
    call_command("seed_demo", "--scale", "0", stdout=out)
    assert "Joint evaluations: 8 created" in out.getvalue()
    with scopes_disabled():
        rows = list(Evaluation.objects.all())
        staff_only = [e for e in rows if e.staff_submitted_at and not e.partner_submitted_at]
        partner_only = [e for e in rows if e.partner_submitted_at and not e.staff_submitted_at]
        drafts = Answer.objects.filter(side=Side.STAFF, evaluation__staff_submitted_at=None)
        assert {e.state for e in rows} == set(EvaluationState.values)
        assert any(e.state == EvaluationState.OPEN for e in staff_only)
        assert any(e.state == EvaluationState.OPEN for e in partner_only)
        assert any(e.state == EvaluationState.CLOSED for e in partner_only)  # closed early
        assert drafts.exists()
        assert any(e.activity_id is None for e in rows)  # a whole partnership
        assert PressMention.objects.values("kind").distinct().count() == 3
        assert Lesson.objects.filter(kind="follow_up").exists()
    call_command("seed_demo", "--scale", "0", stdout=io.StringIO())  # idempotent
    with scopes_disabled():
        assert Evaluation.objects.count() == len(rows)
