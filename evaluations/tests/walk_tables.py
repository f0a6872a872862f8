"""The evaluations app's tables for the URL × role walk (``tests/walk.py``, read through
``app_walk_tables()``): partner A's joint evaluation of its action, with a follow-up action
and a press mention, and the answers of its pages that are not 200.

``evaluation_of(cast)`` builds those objects once per cast (``extend_cast`` for the walk
engine, which merges these tables into ``tests/test_url_access.py``'s), and the whole
partnership's evaluation, both sides submitted, for ``tests/browser/test_every_page.py``.

Questionnaires (``questionnaire_of(cast)``, likewise): partner A's "Wikipermanence de A" has an
open questionnaire (its public link answers every role alike), and a second action one that
the walk closes, so the first link stays open for the whole walk; reopening the open one is
refused with a message (302). An empty POST is refused with form errors (400)."""

from __future__ import annotations

import datetime
from typing import Any

from django_scopes import scopes_disabled

from tests.walk import PUBLIC, portal, staff

KEYS = ("evaluation", "evaluation_lesson", "evaluation_mention", "evaluation_revealed")


def evaluation_of(cast: dict[str, Any]) -> dict[str, Any]:
    if "evaluation" not in cast:
        from evaluations.lifecycle import Side
        from evaluations.models import LessonKind, MentionKind, Question
        from evaluations.services import (
            evaluation_create,
            evaluation_submit_side,
            grid_load,
            lesson_add,
            press_mention_add,
        )

        with scopes_disabled():
            grid_load()
            evaluation = evaluation_create(partnership=cast["partnership"], activity=cast["activity"])
            cast["evaluation"] = evaluation
            cast["evaluation_lesson"] = lesson_add(
                evaluation=evaluation, text="Former des formateurs", kind=LessonKind.FOLLOW_UP
            )
            cast["evaluation_mention"] = press_mention_add(
                partnership=cast["partnership"],
                activity=cast["activity"],
                outlet="Le Progrès",
                kind=MentionKind.LOCAL_PRESS,
                published_on=datetime.date(2026, 3, 1),
                title="Un edit-a-thon au musée",
            )
            # The whole partnership's evaluation, both sides submitted: the side-by-side view.
            from tests.factories import PartnershipFactory

            shown = PartnershipFactory(partners=[cast["partner"]], title="Partenariat évalué de A")
            revealed = evaluation_create(partnership=shown)
            questions = Question.objects.filter(criterion__version=revealed.grid_version)
            for side, rating in ((Side.STAFF, 2), (Side.PARTNER, 4)):
                answers = {q.pk: (rating, "Commentaire") for q in questions}
                revealed = evaluation_submit_side(evaluation=revealed, side=side, answers=answers, by=None)
            cast["evaluation_revealed"] = revealed
    return cast


QUESTIONNAIRE = "questionnaire"
QUESTIONNAIRE_TO_CLOSE = "questionnaire_to_close"


def questionnaire_of(cast: dict[str, Any]) -> dict[str, Any]:
    if QUESTIONNAIRE not in cast:
        from django.utils import timezone

        from activities.models import ActivityType
        from activities.services import activity_create
        from evaluations.questionnaire_services import questionnaire_create, questionnaire_templates_load

        with scopes_disabled():
            template = questionnaire_templates_load()[0]
            today = timezone.localdate()
            for key, title in ((QUESTIONNAIRE, "Wikipermanence de A"), (QUESTIONNAIRE_TO_CLOSE, "Wikipermanence 2")):
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
    return cast


def extend_cast(cast: dict[str, Any]) -> None:
    evaluation_of(cast)
    questionnaire_of(cast)


def markers(cast: dict[str, Any]) -> dict[str, str]:
    """Partner A's press mention: nobody outside partner A and WMFR reads its title."""
    return {"press mention": evaluation_of(cast)["evaluation_mention"].title}


# The reviewed access of each view (tests/walk.py): the walk answers against it.
ACCESS = {
    "staff:evaluation_list": staff("evaluations.view_evaluation"),
    "staff:evaluation_create_activity": staff("evaluations.view_evaluation", "evaluations.add_evaluation"),
    "staff:evaluation_create_partnership": staff("evaluations.view_evaluation", "evaluations.add_evaluation"),
    "staff:evaluation_detail": staff("evaluations.view_evaluation"),
    "staff:evaluation_answer": staff("evaluations.view_evaluation", "evaluations.change_evaluation"),
    "staff:evaluation_close": staff("evaluations.view_evaluation", "evaluations.change_evaluation"),
    "staff:press_mention_add": staff("evaluations.view_evaluation", "evaluations.add_pressmention"),
    "staff:press_mention_update": staff("evaluations.view_evaluation", "evaluations.change_pressmention"),
    "staff:lesson_add": staff("evaluations.view_evaluation", "evaluations.add_lesson"),
    "staff:follow_up_activity": staff("evaluations.view_evaluation", "activities.add_activity"),
    "portal:evaluation_list": portal(),
    "portal:evaluation_detail": portal(),
    "portal:evaluation_answer": portal(admin_only=True),
    "portal:follow_up_proposal": portal(admin_only=True),
    "staff:questionnaire_list": staff("evaluations.view_questionnaire"),
    "staff:questionnaire_create": staff("evaluations.view_questionnaire", "evaluations.add_questionnaire"),
    "staff:questionnaire_for_activity": staff("evaluations.view_questionnaire", "evaluations.add_questionnaire"),
    "staff:questionnaire_detail": staff("evaluations.view_questionnaire"),
    "staff:questionnaire_dates": staff("evaluations.view_questionnaire", "evaluations.change_questionnaire"),
    "staff:questionnaire_close": staff("evaluations.view_questionnaire", "evaluations.change_questionnaire"),
    "staff:questionnaire_reopen": staff("evaluations.view_questionnaire", "evaluations.change_questionnaire"),
    "staff:questionnaire_print": staff("evaluations.view_questionnaire"),
    "staff:questionnaire_export": staff("evaluations.view_questionnaire"),
    "portal:questionnaire_list": portal(),
    "portal:questionnaire_detail": portal(),
    "evaluations:questionnaire_answer": PUBLIC,
}


def _evaluation(o):
    return {"pk": evaluation_of(o)["evaluation"]}


def _questionnaire(o):
    return {"pk": questionnaire_of(o)[QUESTIONNAIRE]}


PARAMS = {
    "staff:evaluation_detail": _evaluation,
    "staff:evaluation_answer": _evaluation,
    "staff:evaluation_close": _evaluation,
    "staff:evaluation_create_activity": lambda o: {"pk": o["activity"]},
    "staff:evaluation_create_partnership": lambda o: {"pk": o["partnership"]},
    "staff:press_mention_add": _evaluation,
    "staff:press_mention_update": lambda o: {
        "pk": evaluation_of(o)["evaluation"],
        "mention_pk": o["evaluation_mention"],
    },
    "staff:lesson_add": _evaluation,
    "staff:follow_up_activity": lambda o: {"pk": evaluation_of(o)["evaluation"], "lesson_pk": o["evaluation_lesson"]},
    "portal:evaluation_detail": _evaluation,
    "portal:evaluation_answer": _evaluation,
    "portal:follow_up_proposal": lambda o: {"pk": evaluation_of(o)["evaluation"], "lesson_pk": o["evaluation_lesson"]},
    # Satisfaction questionnaires
    "staff:questionnaire_for_activity": lambda o: {"pk": o["activity"]},
    "staff:questionnaire_detail": _questionnaire,
    "staff:questionnaire_dates": _questionnaire,
    "staff:questionnaire_close": lambda o: {"pk": questionnaire_of(o)[QUESTIONNAIRE_TO_CLOSE]},
    "staff:questionnaire_reopen": _questionnaire,
    "staff:questionnaire_print": _questionnaire,
    "staff:questionnaire_export": _questionnaire,
    "portal:questionnaire_detail": _questionnaire,
    "evaluations:questionnaire_answer": lambda o: {"token": questionnaire_of(o)[QUESTIONNAIRE].token},
}

SUCCESSES = {
    ("staff:evaluation_answer", "post"): 302,  # an empty draft, saved
    ("staff:evaluation_close", "post"): 302,
    ("staff:evaluation_create_activity", "get"): 302,  # the action's evaluation exists: to it
    ("staff:evaluation_create_activity", "post"): 302,
    ("staff:evaluation_create_partnership", "post"): 302,  # opened, then shown
    ("staff:press_mention_add", "post"): 400,  # form errors, nothing saved
    ("staff:press_mention_update", "post"): 400,
    ("staff:lesson_add", "post"): 400,
    ("staff:follow_up_activity", "post"): 400,
    ("portal:evaluation_answer", "post"): 302,  # an empty draft, saved
    ("portal:follow_up_proposal", "post"): 400,
    # Satisfaction questionnaires
    ("staff:questionnaire_for_activity", "get"): 302,  # the action has none yet: to the form
    ("staff:questionnaire_create", "post"): 400,  # no action chosen: form errors, nothing saved
    ("staff:questionnaire_dates", "post"): 400,  # no dates: form errors
    ("staff:questionnaire_close", "post"): 302,  # closes the second questionnaire
    ("staff:questionnaire_reopen", "post"): 302,  # refused (not closed), with a message
    ("evaluations:questionnaire_answer", "post"): 400,  # the required questions unanswered
}


# --- Reports (impact dashboard, report PDFs, open data) -----------------------------------------
# A ready report PDF of partner A's partnership (made once per cast); the open-data flag is
# only ever set to "not published" by the walk's empty POSTs, so partner A is never published.

REPORT_DOCUMENT = "report_document"


def report_document_of(cast: dict[str, Any]) -> Any:
    if REPORT_DOCUMENT not in cast:
        from django.core.files.base import ContentFile

        from core.pdf import render_pdf
        from evaluations.report_models import ReportDocument, ReportKind, ReportState

        with scopes_disabled():
            document = ReportDocument.objects.create(
                kind=ReportKind.PARTNERSHIP, partnership=cast["partnership"], state=ReportState.READY, pages=1, size=1
            )
            document.file.save(document.filename, ContentFile(render_pdf(f"<p>{cast['partnership'].title}</p>")))
        cast[REPORT_DOCUMENT] = document
    return cast[REPORT_DOCUMENT]


REPORTS = ("evaluations.view_reportdocument",)
ACCESS.update(
    {
        "staff:impact_dashboard": staff(*REPORTS),
        "staff:impact_report_pdf": staff(*REPORTS, "evaluations.add_reportdocument"),
        "staff:impact_documents": staff(*REPORTS),
        "staff:partnership_report": staff(*REPORTS, "partnerships.view_partnership"),
        "staff:partnership_report_pdf": staff(
            *REPORTS, "evaluations.add_reportdocument", "partnerships.view_partnership"
        ),
        "staff:partnership_report_documents": staff(*REPORTS, "partnerships.view_partnership"),
        "staff:partnership_publication": staff(
            "evaluations.view_partnershippublication",
            "evaluations.change_partnershippublication",
            "partnerships.view_partnership",
        ),
        "staff:report_download": staff(*REPORTS),
        "portal:open_data": portal(),
        "portal:open_data_set": portal(admin_only=True),
        "evaluations:open_data": PUBLIC,
        "evaluations:open_data_export": PUBLIC,
    }
)
PARAMS.update(
    {
        "staff:partnership_report": lambda o: {"pk": o["partnership"]},
        "staff:partnership_report_pdf": lambda o: {"pk": o["partnership"]},
        "staff:partnership_report_documents": lambda o: {"pk": o["partnership"]},
        "staff:partnership_publication": lambda o: {"pk": o["partnership"]},
        "staff:report_download": lambda o: {"pk": report_document_of(o)},
        "portal:open_data_set": lambda o: {"pk": o["partnership"]},
        "evaluations:open_data_export": lambda o: {"fmt": "csv"},
    }
)
SUCCESSES.update(
    {
        ("staff:impact_report_pdf", "post"): 302,  # no filter: the whole impact report, queued
        ("staff:partnership_report_pdf", "post"): 302,  # queued, back to the report
        ("staff:partnership_publication", "post"): 302,  # an empty form: "not published"
        ("portal:open_data_set", "post"): 302,  # an empty form: agreement withdrawn
    }
)
