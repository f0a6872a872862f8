"""Joint evaluations of the real partnerships' finished actions, one in each state, with
press mentions, lessons and a follow-up action planned as a new action; all through the
services (``evaluations.services``), so the rules hold (one per action, a side submits once,
closing reveals).

The states, in the order the finished actions are taken (oldest first):

1. open, nothing answered yet;        2. open, Wikimédia France's draft saved;
3. open, Wikimédia France submitted;  4. open, the partner submitted;
5. completed (both sides, two questions two points apart);
6. closed early (only the partner had answered);  7. closed after both submitted;
and the whole-partnership evaluation of the first partnership with finished actions.

Other wings of the evaluations app (questionnaires, reports) add their own modules.
"""

from __future__ import annotations

import datetime as dt

from activities.lifecycle import ActivityStatus
from activities.models import Activity
from evaluations.lifecycle import Side
from evaluations.models import Evaluation, LessonKind, MentionKind, Question
from evaluations.services import (
    evaluation_answers_save,
    evaluation_close,
    evaluation_create,
    evaluation_submit_side,
    follow_up_to_activity,
    grid_load,
    lesson_add,
    press_mention_add,
)

from ..builders import BuildContext

STATES = ("open", "staff_draft", "staff_submitted", "partner_submitted", "completed", "closed_early", "closed")
MENTIONS = (
    ("Le Progrès", MentionKind.LOCAL_PRESS, "Wikipédia s’invite au musée"),
    ("France 3 Régions", MentionKind.MAJOR_MEDIA, "Des bénévoles enrichissent l’encyclopédie"),
    ("Blog de la médiathèque", MentionKind.WEB, "Retour sur notre atelier Wikipédia"),
)
LESSONS = (
    (LessonKind.LESSON, "Prévoir une demi-journée de plus pour la prise en main de l’éditeur."),
    (LessonKind.LESSON, "Les participants venus en binôme ont davantage contribué après l’atelier."),
    (LessonKind.FOLLOW_UP, "Former deux médiateurs du partenaire pour qu’ils animent les prochaines séances."),
)


def _ratings(questions: list[Question], side: str, shift: int) -> dict[int, tuple[int | None, str]]:
    """A plausible side: 3 to 5 mostly, the partner a little warmer; ``shift`` moves two
    questions two points apart, and one question is not applicable for the partner."""
    answers: dict[int, tuple[int | None, str]] = {}
    for i, q in enumerate(questions):
        rating: int | None = 3 + (i % 3) if side == Side.STAFF else 3 + ((i + 1) % 3)
        if shift and i in (1, 7):
            rating = 5 if side == Side.PARTNER else 3
        if side == Side.PARTNER and i == len(questions) - 1:
            rating = None
        comment = "Objectif atteint, à consolider." if i == 0 else ""
        answers[q.pk] = (rating, comment)
    return answers


def _finished_actions(ctx: BuildContext) -> list[Activity]:
    ids = [p.pk for p in ctx.partnerships.values()]
    return list(
        Activity.objects.filter(partnership_id__in=ids, status=ActivityStatus.DONE, end_date__lt=ctx.today)
        .select_related("partnership")
        .order_by("end_date", "pk")
    )


def _answer(evaluation: Evaluation, state: str, questions: list[Question], by) -> Evaluation:
    staff, partner = _ratings(questions, Side.STAFF, 1), _ratings(questions, Side.PARTNER, 1)
    if state == "staff_draft":
        draft = dict(list(staff.items())[:5])
        return evaluation_answers_save(evaluation=evaluation, side=Side.STAFF, answers=draft, by=by)
    if state in ("staff_submitted", "completed", "closed"):
        evaluation = evaluation_submit_side(evaluation=evaluation, side=Side.STAFF, answers=staff, by=by)
    if state in ("partner_submitted", "completed", "closed_early", "closed"):
        evaluation = evaluation_submit_side(evaluation=evaluation, side=Side.PARTNER, answers=partner, by=None)
    if state in ("closed_early", "closed"):
        evaluation = evaluation_close(evaluation=evaluation, by=by)
    return evaluation


def build(ctx: BuildContext) -> None:
    version = grid_load()
    questions = list(Question.objects.filter(criterion__version=version).order_by("criterion__position", "position"))
    actions = _finished_actions(ctx)
    made = 0
    for state, activity in zip(STATES, actions, strict=False):
        if Evaluation.objects.filter(activity=activity).exists():
            continue
        by = activity.partnership.lead
        evaluation = evaluation_create(partnership=activity.partnership, activity=activity, by=by)
        evaluation = _answer(evaluation, state, questions, by)
        made += 1
        if state in ("completed", "closed"):
            for n, (outlet, kind, title) in enumerate(MENTIONS):
                press_mention_add(
                    partnership=activity.partnership,
                    activity=activity,
                    outlet=outlet,
                    kind=kind,
                    published_on=activity.end_date + dt.timedelta(days=3 + 7 * n),
                    title=title,
                    by=by,
                )
            lessons = [lesson_add(evaluation=evaluation, kind=kind, text=text, by=by) for kind, text in LESSONS]
            running = activity.partnership.end_date is None or activity.partnership.end_date > ctx.today
            if activity.partnership.can_add_activity and running:  # a planned action in a live partnership
                follow_up_to_activity(
                    lesson=lessons[-1],
                    activity_type=activity.activity_type,
                    title=f"Suite : {activity.title}"[:200],
                    by=by,
                )
    if actions:
        partnership = actions[0].partnership
        if not Evaluation.objects.filter(partnership=partnership, activity=None).exists():
            evaluation_create(partnership=partnership, by=partnership.lead)
            made += 1
    ctx.write(f"Joint evaluations: {made} created ({len(STATES)} states, and a whole partnership).")
