"""Joint evaluations: both sides answer separately; the side-by-side logic and its transitions."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django_scopes import ScopeError, scope, scopes_disabled
from django_scopes.state import state

from core.models import AuditEntry
from evaluations.lifecycle import EvaluationState, Side
from evaluations.models import Answer, Evaluation, Lesson, MentionKind, PressMention, Question
from evaluations.selectors import evaluation_comparison
from evaluations.services import (
    evaluation_close,
    evaluation_create,
    evaluation_submit_side,
    grid_load,
    lesson_add,
    press_mention_add,
)
from tests.factories import PartnerFactory, PartnershipFactory, StaffFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def evaluation():
    grid_load()
    partnership = PartnershipFactory(partners=[PartnerFactory(name="Musée exemple")], title="Soieries")
    return evaluation_create(partnership=partnership, by=StaffFactory())


def _questions(evaluation) -> list[Question]:
    return list(Question.objects.filter(criterion__version=evaluation.grid_version).order_by("pk"))


def _answers(evaluation, rating=3, **overrides):
    """Every question rated ``rating``; ``overrides`` maps a question code to a rating (None = N/A)."""
    return {q.pk: (overrides.get(q.code, rating), f"comment on {q.code}") for q in _questions(evaluation)}


def _submit(evaluation, side, rating=3, **overrides):
    with scopes_disabled():
        return evaluation_submit_side(
            evaluation=evaluation, side=side, answers=_answers(evaluation, rating, **overrides), by=None
        )


def _row(comparison, code):
    return next(row for row in comparison.rows if row.question.code == code)


def test_the_evaluation_keeps_its_grid_version(evaluation):
    assert evaluation.grid_version.number == 1
    assert len(_questions(evaluation)) == 13
    assert evaluation.state == EvaluationState.OPEN


def test_other_side_hidden_until_both_submitted(evaluation):
    _submit(evaluation, Side.STAFF, rating=4)
    evaluation.refresh_from_db()
    with scopes_disabled():
        partner_view = evaluation_comparison(evaluation=evaluation, viewer_side=Side.PARTNER)
        staff_view = evaluation_comparison(evaluation=evaluation, viewer_side=Side.STAFF)
        assert not partner_view.visible
        assert all(row.staff is None and row.partner is None for row in partner_view.rows)
        assert all(row.staff is not None and row.partner is None for row in staff_view.rows)
        assert staff_view.flagged == []

        evaluation = _submit(evaluation, Side.PARTNER, rating=4)
    assert evaluation.state == EvaluationState.COMPLETED
    with scopes_disabled():
        partner_view = evaluation_comparison(evaluation=evaluation, viewer_side=Side.PARTNER)
    assert partner_view.visible
    assert all(row.staff.rating == 4 and row.partner.rating == 4 for row in partner_view.rows)


def test_closing_shows_what_was_answered(evaluation):
    _submit(evaluation, Side.PARTNER, rating=2)
    with scopes_disabled():
        evaluation = evaluation_close(evaluation=evaluation, by=None)
        staff_view = evaluation_comparison(evaluation=evaluation, viewer_side=Side.STAFF)
    assert staff_view.visible
    assert all(row.partner.rating == 2 and row.staff is None for row in staff_view.rows)
    assert evaluation.closed_at is not None


def test_flag_at_a_difference_of_two_not_one(evaluation):
    _submit(evaluation, Side.STAFF, rating=3, relevance_1=5, efficiency_1=1, promotion_1=4)
    evaluation = _submit(evaluation, Side.PARTNER, rating=3, relevance_1=3, efficiency_1=5, promotion_1=3)
    with scopes_disabled():
        comparison = evaluation_comparison(evaluation=evaluation, viewer_side=Side.PARTNER)
    assert _row(comparison, "relevance_1").difference == 2
    assert _row(comparison, "relevance_1").flagged
    assert _row(comparison, "promotion_1").difference == 1
    assert not _row(comparison, "promotion_1").flagged
    assert [row.question.code for row in comparison.flagged] == ["efficiency_1", "relevance_1"]
    assert [row.question.code for row in comparison.disagree_most] == ["efficiency_1"]
    assert len(comparison.agree_most) == 13 - 3


def test_not_applicable_is_ignored(evaluation):
    _submit(evaluation, Side.STAFF, rating=3, relationship_1=None, relationship_2=1)
    evaluation = _submit(evaluation, Side.PARTNER, rating=3, relationship_1=5, relationship_2=None)
    with scopes_disabled():
        comparison = evaluation_comparison(evaluation=evaluation, viewer_side=Side.STAFF)
    for code in ("relationship_1", "relationship_2"):
        row = _row(comparison, code)
        assert row.difference is None
        assert not row.flagged
    assert comparison.flagged == []
    assert comparison.disagree_most == []
    assert _row(comparison, "relationship_1").staff.not_applicable


def test_a_side_submits_once_and_not_after_closing(evaluation):
    _submit(evaluation, Side.STAFF)
    with pytest.raises(ValidationError) as error:
        _submit(evaluation, Side.STAFF)
    assert error.value.code == "not_open"
    with scopes_disabled():
        evaluation_close(evaluation=evaluation, by=None)
        with pytest.raises(ValidationError):
            _submit(evaluation, Side.PARTNER)
        assert Answer.objects.filter(evaluation=evaluation).count() == 13


def test_bad_answers_save_nothing(evaluation):
    answers = _answers(evaluation)
    answers.popitem()
    with pytest.raises(ValidationError) as error, scopes_disabled():
        evaluation_submit_side(evaluation=evaluation, side=Side.STAFF, answers=answers, by=None)
    assert error.value.code == "incomplete"
    with pytest.raises(ValidationError) as error:
        _submit(evaluation, Side.STAFF, relevance_1=6)
    assert error.value.code == "bad_rating"
    with pytest.raises(ValidationError):
        _submit(evaluation, Side.STAFF, relevance_1=0)
    evaluation.refresh_from_db()
    assert evaluation.staff_submitted_at is None
    with scopes_disabled():
        assert not Answer.objects.filter(evaluation=evaluation).exists()


def test_the_database_refuses_a_rating_out_of_range(evaluation):
    question = _questions(evaluation)[0]
    with pytest.raises(IntegrityError), transaction.atomic():
        Answer.objects.create(evaluation=evaluation, question=question, side=Side.STAFF, rating=6)


def test_transitions_leave_audit_entries(evaluation):
    _submit(evaluation, Side.STAFF)
    _submit(evaluation, Side.PARTNER)
    with scopes_disabled():
        evaluation_close(evaluation=evaluation, by=None)
        entries = AuditEntry.objects.filter(object_id=str(evaluation.pk)).order_by("pk")
    assert [(e.action, e.from_state, e.to_state) for e in entries] == [
        ("evaluation.opened", "", "open"),
        ("evaluation.side_submitted", "", ""),
        ("evaluation.side_submitted", "", ""),
        ("evaluation.state", "open", "completed"),
        ("evaluation.state", "completed", "closed"),
    ]
    with pytest.raises(ValidationError), scopes_disabled():
        evaluation_close(evaluation=evaluation, by=None)


def test_one_evaluation_per_partnership_and_per_activity(evaluation):
    with pytest.raises(ValidationError), scopes_disabled():
        evaluation_create(partnership=evaluation.partnership)


def test_press_mentions_and_lessons(evaluation):
    import datetime

    press_mention_add(
        partnership=evaluation.partnership,
        outlet="Le Progrès",
        kind=MentionKind.LOCAL_PRESS,
        published_on=datetime.date(2026, 3, 1),
        title="Les canuts sur Wikipédia",
        url="https://example.org/article",
    )
    with scopes_disabled():
        assert PressMention.objects.filter(partnership=evaluation.partnership).count() == 1
        with pytest.raises(ValidationError):
            press_mention_add(
                partnership=evaluation.partnership,
                outlet="",
                kind=MentionKind.WEB,
                published_on=datetime.date(2026, 3, 1),
                title="x",
            )
        lesson_add(evaluation=evaluation, text="Prévoir plus de temps", kind="follow_up")
        with pytest.raises(ValidationError):
            lesson_add(evaluation=evaluation, text="   ")
        assert Lesson.objects.filter(evaluation=evaluation).count() == 1


def test_scoped_managers_refuse_unscoped_and_hide_other_partners(evaluation):
    other = PartnerFactory(name="Autre partenaire")
    _submit(evaluation, Side.STAFF)
    with scopes_disabled():
        own = evaluation.partnership.partners.get()
        with scope(partner=other.pk):
            assert not Evaluation.objects.exists()
            assert not Answer.objects.exists()
        with scope(partner=own.pk):
            assert Evaluation.objects.get() == evaluation
            assert Answer.objects.count() == 13
        token = state.set({})  # no scope at all
        try:
            for model in (Evaluation, Answer, PressMention, Lesson):
                with pytest.raises(ScopeError):
                    list(model.objects.all())
        finally:
            state.reset(token)


def test_french_catalogue(evaluation):
    from django.utils import translation

    with translation.override("fr"):
        assert str(EvaluationState.CLOSED.label) == "Clôturée"
        with pytest.raises(ValidationError) as error:
            _submit(evaluation, Side.STAFF, relevance_1=6)
        assert error.value.messages == ["Une note va de 1 à 5."]
