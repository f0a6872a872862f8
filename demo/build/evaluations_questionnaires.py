"""Satisfaction questionnaires of the real actions that have started (Wikipermanences,
trainings, edit-a-thons, awareness sessions), with participants' answers written through
``questionnaire_answer``: the results pages, the CSV export and the satisfaction figures of
the evaluations and reports have something to show. The answers are drawn from the seed,
so two runs give the same figures; one questionnaire in three of the finished actions is
closed by staff."""

from __future__ import annotations

import datetime as dt
import random

from activities.models import Activity
from evaluations.questionnaire_models import Questionnaire
from evaluations.questionnaire_services import (
    questionnaire_answer,
    questionnaire_close,
    questionnaire_create,
    questionnaire_templates_load,
)

from ..builders import BuildContext

TYPES = ("wikipermanence", "training", "edit-a-thon", "awareness-session")
OPEN_AFTER_END = dt.timedelta(days=30)
IMPROVEMENTS = (
    "Une séance un peu plus longue.",
    "Plus d’exemples pratiques sur Wikidata.",
    "Un support écrit à emporter.",
    "",
)
LIKED = ("Créer mon premier article.", "Les conseils pour les sources.", "Téléverser des photos sur Commons.", "")


def _values(rng: random.Random) -> dict[str, str]:
    # Mostly satisfied participants, as in real questionnaires, with some spread.
    def rating() -> str:
        return str(rng.choices([1, 2, 3, 4, 5], weights=[1, 2, 5, 10, 8])[0])

    return {
        "overall": rating(),
        "expectations": rating(),
        "skills": rating(),
        "welcome": rating(),
        "level": rng.choice(["never", "never", "few", "regular"]),
        "again": rng.choice(["yes", "yes", "maybe", "no", ""]),
        "liked": rng.choice(LIKED),
        "improve": rng.choice(IMPROVEMENTS),
    }


def build(ctx: BuildContext) -> None:
    template = next(t for t in questionnaire_templates_load() if t.code == "wikipermanence-satisfaction")
    rng = random.Random(ctx.seed * 7919 + 14)
    partnerships = list(ctx.partnerships.values())
    activities = (
        Activity.objects.filter(partnership__in=partnerships, activity_type__code__in=TYPES, start_date__lte=ctx.today)
        .exclude(questionnaire__isnull=False)
        .order_by("start_date", "pk")
    )
    created = answered = 0
    for index, activity in enumerate(activities):
        if Questionnaire.objects.filter(activity=activity).exists():
            continue
        opens_on = activity.start_date
        closes_on = (activity.end_date or activity.start_date) + OPEN_AFTER_END
        questionnaire = questionnaire_create(
            activity=activity, template=template, opens_on=opens_on, closes_on=closes_on, by=None
        )
        created += 1
        for _ in range(rng.randint(4, 14)):
            questionnaire_answer(
                questionnaire=questionnaire, values=_values(rng), language="fr", address=None, day=opens_on
            )
            answered += 1
        if closes_on < ctx.today and index % 3 == 0:
            questionnaire_close(questionnaire=questionnaire, by=None)
    ctx.write(f"{created} satisfaction questionnaires, {answered} answers")
