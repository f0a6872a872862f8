"""The evaluations app's tables for the URL × role walk (``tests/walk.py``): parameters of
its URLs, the answers that are not 200, and its objects of partner A added to the cast.

Each wing keeps its own block (joint evaluations, questionnaires, reports): append yours.

Questionnaires: partner A's action "Wikipermanence de A" has an open questionnaire (its
public link answers every role alike), and a second action a questionnaire that the walk
closes (so the first link stays open for the whole walk); reopening the open one is
refused with a message (302). An empty POST is refused with form errors (400).
"""

from __future__ import annotations

import datetime

from django.utils import timezone

QUESTIONNAIRE = "questionnaire"
TO_CLOSE = "questionnaire_to_close"


def _questionnaire_cast(cast) -> None:
    from activities.models import ActivityType
    from activities.services import activity_create
    from evaluations.questionnaire_services import questionnaire_create, questionnaire_templates_load

    template = questionnaire_templates_load()[0]
    today = timezone.localdate()
    for key, title in ((QUESTIONNAIRE, "Wikipermanence de A"), (TO_CLOSE, "Wikipermanence de A (2)")):
        activity = activity_create(
            partnership=cast["partnership"],
            activity_type=ActivityType.objects.get(code="wikipermanence"),
            title=title,
            by=cast["users"]["staff"],
        )
        cast[key] = questionnaire_create(
            activity=activity,
            template=template,
            opens_on=today - datetime.timedelta(days=7),
            closes_on=today + datetime.timedelta(days=7),
            by=cast["users"]["staff"],
        )


def extend_cast(cast) -> None:
    """Partner A's evaluations objects (called with scopes disabled, before the walk)."""
    _questionnaire_cast(cast)


def _q(cast):
    return {"pk": cast[QUESTIONNAIRE]}


PARAMS = {
    # Satisfaction questionnaires
    "staff:questionnaire_detail": _q,
    "staff:questionnaire_dates": _q,
    "staff:questionnaire_close": lambda cast: {"pk": cast[TO_CLOSE]},
    "staff:questionnaire_reopen": _q,
    "staff:questionnaire_print": _q,
    "staff:questionnaire_export": _q,
    "portal:questionnaire_detail": _q,
    "evaluations:questionnaire_answer": lambda cast: {"token": cast[QUESTIONNAIRE].token},
}

SUCCESSES = {
    # Satisfaction questionnaires
    ("staff:questionnaire_create", "post"): 400,  # no action chosen: form errors, nothing saved
    ("staff:questionnaire_dates", "post"): 400,  # no dates: form errors
    ("staff:questionnaire_reopen", "post"): 302,  # refused (not closed), with a message
    ("staff:questionnaire_close", "post"): 302,  # closes the second questionnaire
    ("evaluations:questionnaire_answer", "post"): 400,  # the required questions unanswered
}

LEAK_ALLOWED: dict[str, str] = {}
