"""Shared builders of the questionnaire tests (fixtures run with scopes disabled)."""

from __future__ import annotations

import datetime

from activities.models import ActivityType
from demo.factories import ActivityFactory
from evaluations.questionnaire_models import Questionnaire, QuestionnaireTemplate
from evaluations.questionnaire_services import questionnaire_create, questionnaire_templates_load
from tests.factories import PartnerFactory, PartnershipFactory

TEMPLATE_CODE = "wikipermanence-satisfaction"
OPENS = datetime.date(2026, 3, 1)
CLOSES = datetime.date(2026, 3, 31)
# Every required question answered (the template's codes).
VALID = {"overall": "5", "expectations": "4", "skills": "3", "welcome": "4", "level": "never"}


def template() -> QuestionnaireTemplate:
    questionnaire_templates_load()
    return QuestionnaireTemplate.objects.get(code=TEMPLATE_CODE, version=1)


def make_questionnaire(
    *, partner_name: str = "Médiathèque de Lyon", title: str = "Wikipermanence de mars", **dates
) -> Questionnaire:
    partnership = PartnershipFactory(partners=[PartnerFactory(name=partner_name)], title=f"Partenariat {partner_name}")
    activity = ActivityFactory(
        partnership=partnership, activity_type=ActivityType.objects.get(code="wikipermanence"), title=title
    )
    return questionnaire_create(
        activity=activity,
        template=template(),
        opens_on=dates.get("opens_on", OPENS),
        closes_on=dates.get("closes_on", CLOSES),
    )
