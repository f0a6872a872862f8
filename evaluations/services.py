"""Writes of the evaluations app: keyword-only typed functions named ``<entity>_<action>``."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.services import audit_log

from . import lifecycle
from .grid import grid_data
from .lifecycle import EvaluationState, Side
from .models import (
    Answer,
    Criterion,
    Evaluation,
    GridItem,
    GridItemKind,
    GridPurpose,
    GridVersion,
    Lesson,
    LessonKind,
    MentionKind,
    PressMention,
    Question,
)

if TYPE_CHECKING:
    from activities.models import Activity
    from partnerships.models import Partnership

LANGS = ("en", "fr")


def _set_texts(obj: Any, field: str, texts: dict[str, str]) -> None:
    for lang in LANGS:
        setattr(obj, f"{field}_{lang}", texts[lang])


def grid_load(*, data: dict[str, Any] | None = None) -> GridVersion:
    """Create or refresh the grid version of ``data/grid.json`` (idempotent).

    Rows are matched by code (or by kind and position for indicators and means), so loading
    twice changes nothing and an evaluation answered with this version keeps its questions.
    """
    data = data or grid_data()
    with transaction.atomic():
        version, _created = GridVersion.objects.update_or_create(
            number=data["version"], defaults={"source": data.get("source", "")}
        )
        for position, row in enumerate(data["purposes"], start=1):
            purpose = GridPurpose.objects.filter(version=version, code=row["code"]).first() or GridPurpose(
                version=version, code=row["code"]
            )
            purpose.position = position
            _set_texts(purpose, "text", row["text"])
            purpose.save()
        for position, row in enumerate(data["criteria"], start=1):
            criterion = Criterion.objects.filter(version=version, code=row["code"]).first() or Criterion(
                version=version, code=row["code"]
            )
            criterion.position = position
            _set_texts(criterion, "label", row["label"])
            criterion.save()
            for q_position, q_row in enumerate(row["questions"], start=1):
                question = Question.objects.filter(criterion=criterion, code=q_row["code"]).first() or Question(
                    criterion=criterion, code=q_row["code"]
                )
                question.position = q_position
                _set_texts(question, "text", q_row["text"])
                question.save()
            for kind, key in ((GridItemKind.INDICATOR, "indicators"), (GridItemKind.MEANS, "means")):
                for i_position, i_row in enumerate(row[key], start=1):
                    item = GridItem.objects.filter(criterion=criterion, kind=kind, position=i_position).first()
                    item = item or GridItem(criterion=criterion, kind=kind, position=i_position)
                    _set_texts(item, "text", i_row["text"])
                    item.measure = i_row.get("measure", "")
                    item.save()
    return version


# --- Joint evaluations -------------------------------------------------------------------------


def evaluation_create(*, partnership: Partnership, activity: Activity | None = None, by: Any = None) -> Evaluation:
    """Open a joint evaluation of an activity (or of the whole partnership) on the latest grid."""
    if activity is not None and activity.partnership_id != partnership.pk:
        raise ValidationError(_("This action belongs to another partnership."), code="wrong_partnership")
    version = GridVersion.objects.order_by("-number").first()
    if version is None:
        raise ValidationError(_("The evaluation grid is not loaded."), code="no_grid")
    duplicate = Evaluation.objects.filter(partnership=partnership, activity=activity)
    if duplicate.exists():
        raise ValidationError(_("This evaluation already exists."), code="duplicate")
    with transaction.atomic():
        evaluation = Evaluation.objects.create(partnership=partnership, activity=activity, grid_version=version)
        audit_log(obj=evaluation, action="evaluation.opened", actor=by, to_state=evaluation.state)
    return evaluation


def _transition(*, evaluation: Evaluation, to_state: str, by: Any, action: str, fields: list[str]) -> None:
    if not lifecycle.can_transition(evaluation.state, to_state):
        raise ValidationError(_("This evaluation cannot change to this state any more."), code="bad_transition")
    from_state = evaluation.state
    evaluation.state = to_state
    evaluation.save(update_fields=["state", *fields])
    audit_log(obj=evaluation, action=action, actor=by, from_state=from_state, to_state=to_state)


def _question_ids(evaluation: Evaluation) -> set[int]:
    questions = Question.objects.filter(criterion__version_id=evaluation.grid_version_id)
    return set(questions.values_list("pk", flat=True))


def _check_answers(answers: Mapping[int, tuple[int | None, str]], expected: set[int]) -> None:
    if not set(answers) <= expected:
        raise ValidationError(_("This question is not part of the evaluation’s grid."), code="bad_question")
    for rating, comment in answers.values():
        if rating is not None and not (1 <= rating <= 5):
            raise ValidationError(_("A rating goes from 1 to 5."), code="bad_rating")
        if len(comment) > 5_000:
            raise ValidationError(_("A comment is at most 5,000 characters long."), code="too_long")


def _store_answers(evaluation: Evaluation, side: str, answers: Mapping[int, tuple[int | None, str]]) -> None:
    """Insert or replace one side's answers (one statement; the unique key is per side)."""
    Answer.objects.bulk_create(
        [
            Answer(evaluation=evaluation, question_id=qid, side=side, rating=rating, comment=comment)
            for qid, (rating, comment) in answers.items()
        ],
        update_conflicts=True,
        unique_fields=["evaluation", "question", "side"],
        update_fields=["rating", "comment"],
    )


def _lock_open_side(evaluation: Evaluation, side: str) -> Evaluation:
    locked = Evaluation.objects.select_for_update().get(pk=evaluation.pk)
    if not lifecycle.can_submit(locked, side):
        raise ValidationError(_("This side of the evaluation can no longer be changed."), code="not_open")
    return locked


def evaluation_answers_save(
    *,
    evaluation: Evaluation,
    side: str,
    answers: Mapping[int, tuple[int | None, str]],
    by: Any,
    cleared: Iterable[int] = (),
) -> Evaluation:
    """Save one side's draft (question id → (rating 1–5 or None for N/A, comment)); the
    questions in ``cleared`` lose the draft's answer.

    A draft may leave questions unanswered; it stays that side's own until it is submitted,
    and can be changed until then.
    """
    expected = _question_ids(evaluation)
    _check_answers(answers, expected)
    cleared = set(cleared) & expected
    with transaction.atomic():
        locked = _lock_open_side(evaluation, side)
        removed, _by_model = Answer.objects.filter(evaluation=locked, side=side, question_id__in=cleared).delete()
        if answers or removed:  # an empty draft changes nothing and leaves no entry
            _store_answers(locked, side, answers)
            audit_log(obj=locked, action="evaluation.draft_saved", actor=by, data={"side": str(Side(side).label)})
    return locked


def evaluation_submit_side(
    *,
    evaluation: Evaluation,
    side: str,
    answers: Mapping[int, tuple[int | None, str]] | None = None,
    by: Any,
) -> Evaluation:
    """Submit one side's answers: ``answers`` (if given) are saved first, then every question
    of the grid version must have an answer of that side (a rating or "not applicable").

    A side submits once, and its answers are read-only afterwards. When the second side
    submits, the evaluation is completed and both sides see each other's answers.
    """
    answers = answers or {}
    expected = _question_ids(evaluation)
    _check_answers(answers, expected)
    with transaction.atomic():
        locked = _lock_open_side(evaluation, side)
        _store_answers(locked, side, answers)
        answered = set(Answer.objects.filter(evaluation=locked, side=side).values_list("question_id", flat=True))
        if answered != expected:
            raise ValidationError(
                _("Answer every question of the grid (a rating or “not applicable”)."), code="incomplete"
            )
        field = "staff_submitted_at" if side == Side.STAFF else "partner_submitted_at"
        setattr(locked, field, timezone.now())
        audit_log(obj=locked, action="evaluation.side_submitted", actor=by, data={"side": str(Side(side).label)})
        if lifecycle.side_submitted(locked, Side.STAFF) and lifecycle.side_submitted(locked, Side.PARTNER):
            _transition(
                evaluation=locked, to_state=EvaluationState.COMPLETED, by=by, action="evaluation.state", fields=[field]
            )
        else:
            locked.save(update_fields=[field])
    return locked


def evaluation_close(*, evaluation: Evaluation, by: Any) -> Evaluation:
    """Staff close the evaluation: no more answers, and both sides see what was answered."""
    with transaction.atomic():
        locked = Evaluation.objects.select_for_update().get(pk=evaluation.pk)
        locked.closed_at = timezone.now()
        _transition(
            evaluation=locked, to_state=EvaluationState.CLOSED, by=by, action="evaluation.state", fields=["closed_at"]
        )
    return locked


def press_mention_add(
    *,
    partnership: Partnership,
    outlet: str,
    kind: str,
    published_on: datetime.date,
    title: str,
    url: str = "",
    activity: Activity | None = None,
    by: Any = None,
) -> PressMention:
    if activity is not None and activity.partnership_id != partnership.pk:
        raise ValidationError(_("This action belongs to another partnership."), code="wrong_partnership")
    mention = PressMention(
        partnership=partnership,
        activity=activity,
        outlet=outlet,
        kind=MentionKind(kind),
        published_on=published_on,
        title=title,
        url=url,
    )
    mention.full_clean()
    with transaction.atomic():
        mention.save()
        audit_log(obj=partnership, action="partnership.press_mention_added", actor=by, data={"title": title})
    return mention


def lesson_add(*, evaluation: Evaluation, text: str, kind: str = LessonKind.LESSON, by: Any = None) -> Lesson:
    if not text.strip():
        raise ValidationError(_("Write the lesson or the follow-up action."), code="empty")
    lesson = Lesson(evaluation=evaluation, kind=LessonKind(kind), text=text.strip())
    lesson.full_clean()
    with transaction.atomic():
        lesson.save()
        audit_log(
            obj=evaluation, action="evaluation.lesson_added", actor=by, data={"kind": str(lesson.get_kind_display())}
        )
    return lesson


def press_mention_update(
    *,
    mention: PressMention,
    outlet: str,
    kind: str,
    published_on: datetime.date,
    title: str,
    url: str = "",
    activity: Activity | None = None,
    by: Any = None,
) -> PressMention:
    if activity is not None and activity.partnership_id != mention.partnership_id:
        raise ValidationError(_("This action belongs to another partnership."), code="wrong_partnership")
    mention.outlet, mention.kind, mention.published_on = outlet, MentionKind(kind), published_on
    mention.title, mention.url, mention.activity = title, url, activity
    mention.full_clean()
    with transaction.atomic():
        mention.save()
        audit_log(obj=mention.partnership, action="partnership.press_mention_changed", actor=by, data={"title": title})
    return mention


def press_mention_delete(*, mention: PressMention, by: Any = None) -> None:
    with transaction.atomic():
        audit_log(
            obj=mention.partnership, action="partnership.press_mention_removed", actor=by, data={"title": mention.title}
        )
        mention.delete()


def _lock_follow_up(lesson: Lesson) -> Lesson:
    locked = Lesson.objects.select_for_update().get(pk=lesson.pk)
    if not lifecycle.follow_up_open(locked):
        raise ValidationError(
            _("Only a follow-up action not yet turned into a proposal or an action can become one."),
            code="not_follow_up",
        )
    return locked


def follow_up_to_proposal(
    *,
    lesson: Lesson,
    partner: Any,
    activity_type: Any,
    title: str,
    description: str,
    desired_start: datetime.date | None = None,
    by: Any,
) -> Any:
    """A partner turns a follow-up action of its evaluation into a proposal of a new action
    (the proposals' own rules apply: eligibility, review by staff)."""
    from activities.services import proposal_submit

    if not lesson.evaluation.partnership.partners.filter(pk=partner.pk).exists():
        raise ValidationError(_("This evaluation is not your organisation’s."), code="wrong_partner")
    with transaction.atomic():
        locked = _lock_follow_up(lesson)
        proposal = proposal_submit(
            partner=partner,
            activity_type=activity_type,
            by=by,
            title=title,
            description=description,
            desired_start=desired_start,
        )
        locked.proposal = proposal
        locked.save(update_fields=["proposal"])
        audit_log(obj=locked.evaluation, action="evaluation.follow_up_proposed", actor=by, data={"title": title})
    return proposal


def follow_up_to_activity(
    *,
    lesson: Lesson,
    activity_type: Any,
    title: str,
    start_date: datetime.date | None = None,
    by: Any,
) -> Activity:
    """Staff plan a follow-up action as a new action of the evaluated partnership."""
    from activities.services import activity_create

    with transaction.atomic():
        locked = _lock_follow_up(lesson)
        activity = activity_create(
            partnership=locked.evaluation.partnership,
            activity_type=activity_type,
            title=title,
            start_date=start_date,
            notes=locked.text,
            by=by,
        )
        locked.new_activity = activity
        locked.save(update_fields=["new_activity"])
        audit_log(obj=locked.evaluation, action="evaluation.follow_up_planned", actor=by, data={"title": title})
    return activity
