"""Writes of the satisfaction questionnaires: templates from their data files, a questionnaire
per activity, its dates and closed flag (audited), and the participants' anonymous answers."""

from __future__ import annotations

import datetime
import json
import secrets
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import ratelimit
from core.services import audit_log, model_full_clean

from . import questionnaire_lifecycle as rules
from .questionnaire_lifecycle import QuestionKind
from .questionnaire_models import (
    Questionnaire,
    QuestionnaireAnswer,
    QuestionnaireQuestion,
    QuestionnaireResponse,
    QuestionnaireTemplate,
)

if TYPE_CHECKING:
    from activities.models import Activity

TEMPLATES_DIR = Path(__file__).resolve().parent / "data" / "questionnaires"
LANGS = ("en", "fr")
TOKEN_BYTES = 24  # 32 URL-safe characters, 192 random bits
DEFAULT_OPEN_DAYS = 30


@cache
def template_files() -> tuple[dict[str, Any], ...]:
    """Every template data file, parsed (``data/questionnaires/*.json``)."""
    return tuple(json.loads(p.read_text(encoding="utf-8")) for p in sorted(TEMPLATES_DIR.glob("*.json")))


def questionnaire_template_load(*, data: dict[str, Any]) -> QuestionnaireTemplate:
    """Create or refresh one template version from its data (idempotent, matched by code).

    A version already answered keeps its questions: refreshing only rewrites their wording
    and adds the questions it lacks, it never removes one (its answers point at it).
    """
    with transaction.atomic():
        template = QuestionnaireTemplate.objects.filter(code=data["code"], version=data["version"]).first()
        template = template or QuestionnaireTemplate(code=data["code"], version=data["version"])
        template.source = data.get("source", "")
        for lang in LANGS:
            setattr(template, f"title_{lang}", data["title"][lang])
            setattr(template, f"introduction_{lang}", data.get("introduction", {}).get(lang, ""))
        template.save()
        for position, row in enumerate(data["questions"], start=1):
            question = QuestionnaireQuestion.objects.filter(template=template, code=row["code"]).first()
            question = question or QuestionnaireQuestion(template=template, code=row["code"])
            question.position = position
            question.kind = QuestionKind(row["kind"])
            question.required = bool(row.get("required", False))
            question.feeds = row.get("feeds", "")
            question.choices = row.get("choices", [])
            for lang in LANGS:
                setattr(question, f"text_{lang}", row["text"][lang])
            question.full_clean(exclude=["template"])
            question.save()
    return template


def questionnaire_templates_load() -> list[QuestionnaireTemplate]:
    """Every template file of ``data/questionnaires/`` (``manage.py load_grid`` runs it too)."""
    return [questionnaire_template_load(data=data) for data in template_files()]


def _new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def questionnaire_create(
    *,
    activity: Activity,
    template: QuestionnaireTemplate,
    opens_on: datetime.date | None = None,
    closes_on: datetime.date | None = None,
    by: Any = None,
) -> Questionnaire:
    """Build the activity's questionnaire from ``template`` with a fresh public link.

    Opens today and closes ``DEFAULT_OPEN_DAYS`` later unless told otherwise; an activity has
    at most one questionnaire.
    """
    opens_on = opens_on or rules.today()
    closes_on = closes_on or opens_on + datetime.timedelta(days=DEFAULT_OPEN_DAYS)
    if Questionnaire.objects.filter(activity=activity).exists():
        raise ValidationError(_("This action already has a questionnaire."), code="duplicate")
    questionnaire = Questionnaire(
        activity=activity, template=template, token=_new_token(), opens_on=opens_on, closes_on=closes_on
    )
    model_full_clean(questionnaire, exclude=["activity", "template", "token"])
    with transaction.atomic():
        questionnaire.save()
        audit_log(
            obj=questionnaire,
            action="questionnaire.created",
            actor=by,
            data={"template": str(template), "opens_on": str(opens_on), "closes_on": str(closes_on)},
        )
    return questionnaire


def questionnaire_set_dates(
    *, questionnaire: Questionnaire, opens_on: datetime.date, closes_on: datetime.date, by: Any = None
) -> Questionnaire:
    """Change when the link takes answers (answers already given are kept)."""
    with transaction.atomic():
        locked = Questionnaire.objects.select_for_update().get(pk=questionnaire.pk)
        before = {"opens_on": str(locked.opens_on), "closes_on": str(locked.closes_on)}
        locked.opens_on, locked.closes_on = opens_on, closes_on
        model_full_clean(locked, exclude=["activity", "template", "token"])
        locked.save(update_fields=["opens_on", "closes_on"])
        audit_log(
            obj=locked,
            action="questionnaire.dates",
            actor=by,
            data={**before, "new_opens_on": str(opens_on), "new_closes_on": str(closes_on)},
        )
    return locked


def questionnaire_close(*, questionnaire: Questionnaire, by: Any = None) -> Questionnaire:
    """Close the link now, whatever its dates (it answers 404 from then on)."""
    with transaction.atomic():
        locked = Questionnaire.objects.select_for_update().get(pk=questionnaire.pk)
        if not rules.can_close(locked):
            raise ValidationError(_("This questionnaire is already closed."), code="closed")
        locked.closed_at = timezone.now()
        locked.save(update_fields=["closed_at"])
        audit_log(obj=locked, action="questionnaire.closed", actor=by)
    return locked


def questionnaire_reopen(*, questionnaire: Questionnaire, by: Any = None) -> Questionnaire:
    """Lift the closed flag: the link answers again between its dates."""
    with transaction.atomic():
        locked = Questionnaire.objects.select_for_update().get(pk=questionnaire.pk)
        if not rules.can_reopen(locked):
            raise ValidationError(_("This questionnaire is not closed."), code="not_closed")
        locked.closed_at = None
        locked.save(update_fields=["closed_at"])
        audit_log(obj=locked, action="questionnaire.reopened", actor=by)
    return locked


class QuestionnaireRateLimitedError(Exception):
    """Too many answers from one address (``core.ratelimit``): nothing was recorded."""


def _answer_buckets(address: str | None) -> list[ratelimit.Bucket]:
    return [
        ratelimit.Bucket(
            "questionnaire-address", address or "", settings.QUESTIONNAIRE_ANSWERS_PER_ADDRESS_PER_HOUR, 3600
        )
    ]


def _clean_value(question: QuestionnaireQuestion, value: Any) -> QuestionnaireAnswer | None:
    """The answer row for ``value``, None when left blank; ValidationError when not valid."""
    if value in (None, ""):
        if question.required:
            raise ValidationError({question.code: _("Please answer this question.")}, code="required")
        return None
    if question.kind == QuestionKind.LIKERT:
        try:
            rating = int(value)
        except (TypeError, ValueError):
            rating = 0
        if rating not in rules.LIKERT_VALUES:
            raise ValidationError({question.code: _("Choose a rating from 1 to 5.")}, code="bad_rating")
        return QuestionnaireAnswer(question=question, rating=rating)
    if question.kind == QuestionKind.CHOICE:
        if value not in {code for code, _label in question.choice_options()}:
            raise ValidationError({question.code: _("Choose one of the answers offered.")}, code="bad_choice")
        return QuestionnaireAnswer(question=question, choice=value)
    text = str(value).strip()
    if len(text) > rules.TEXT_MAX_LENGTH:
        raise ValidationError(
            {question.code: _("At most %(max)s characters, please.") % {"max": rules.TEXT_MAX_LENGTH}},
            code="too_long",
        )
    if not text:
        return _clean_value(question, "") if question.required else None
    return QuestionnaireAnswer(question=question, text=text)


def questionnaire_answer(
    *,
    questionnaire: Questionnaire,
    values: Mapping[str, Any],
    language: str = "",
    address: str | None = None,
    day: datetime.date | None = None,
) -> QuestionnaireResponse:
    """Record one participant's answers (question code → value) as one anonymous response.

    Refused as a whole (nothing saved): a questionnaire that does not take answers on ``day``
    (ValidationError "not_open"), an invalid value (ValidationError per question code), too
    many answers from ``address`` this hour (QuestionnaireRateLimitedError). The one answer
    per browser is the public view's signed cookie: the service cannot know the browser.
    """
    if not rules.accepts_answers(questionnaire, day):
        raise ValidationError(_("This questionnaire does not take answers any more."), code="not_open")
    questions = list(QuestionnaireQuestion.objects.filter(template_id=questionnaire.template_id))
    rows: list[QuestionnaireAnswer] = []
    errors: dict[str, list[ValidationError]] = {}
    for question in questions:
        try:
            row = _clean_value(question, values.get(question.code))
        except ValidationError as error:
            errors.update(error.error_dict)
            continue
        if row is not None:
            rows.append(row)
    if errors:
        raise ValidationError(errors)
    try:
        ratelimit.consume(*_answer_buckets(address))
    except ratelimit.RateLimitedError as error:
        raise QuestionnaireRateLimitedError(str(error)) from error
    with transaction.atomic():
        response = QuestionnaireResponse.objects.create(questionnaire=questionnaire, language=language[:8])
        for row in rows:
            row.response = response
        QuestionnaireAnswer.objects.bulk_create(rows)
    return response
