"""The questionnaire pages run an exact number of queries, the same at 2 and 50 rows
(tests/query_counts.py): the results page at 2 and 50 answers, the lists at 2 and 50
questionnaires. Named in ``COVERED_URL_NAMES`` (read through evaluations/tests/test_query_counts.py)."""

from __future__ import annotations

import itertools

import pytest
import time_machine
from django.urls import reverse
from django_scopes import scopes_disabled

from activities.models import ActivityType
from demo.factories import ActivityFactory
from evaluations.questionnaire_models import QuestionnaireResponse
from evaluations.questionnaire_services import questionnaire_answer, questionnaire_create
from evaluations.tests.questionnaire_fixtures import CLOSES, OPENS, VALID, make_questionnaire, template
from partnerships.models import PartnerMember, PartnerRole
from tests.factories import UserFactory
from tests.query_counts import BADGE, PORTAL, STAFF, Q, measure

pytestmark = pytest.mark.django_db
SIZES = (2, 50)
DAY = OPENS

COVERED_URL_NAMES = {
    "staff:questionnaire_list",
    "staff:questionnaire_detail",
    "staff:questionnaire_print",
    "portal:questionnaire_list",
    "portal:questionnaire_detail",
    "evaluations:questionnaire_answer",
}

RESULTS = (
    Q("evaluations_questionnairequestion", "the template's questions"),
    Q("evaluations_questionnaireresponse", "COUNT of the responses"),
    Q("evaluations_questionnaireanswer", "ratings and choices counted per question and value (one aggregate)"),
    Q("evaluations_questionnaireanswer", "the free texts, in the order given"),
)
_counter = itertools.count()


@pytest.fixture
def questionnaire(catalogue):
    return make_questionnaire()


def _answers(questionnaire):
    def grow(n: int) -> None:
        for i in range(n):
            questionnaire_answer(
                questionnaire=questionnaire,
                values={**VALID, "overall": str(1 + i % 5), "liked": f"Texte libre {i}"},
                address=f"10.0.{i // 200}.{i % 200}",
                day=DAY,
            )

    return grow


def _more_questionnaires(partnership):
    edit_a_thon = ActivityType.objects.get(code="edit-a-thon")

    def grow(n: int) -> None:
        for _ in range(n):
            number = next(_counter)
            activity = ActivityFactory(partnership=partnership, activity_type=edit_a_thon, title=f"Atelier {number}")
            questionnaire = questionnaire_create(
                activity=activity, template=template(), opens_on=OPENS, closes_on=CLOSES
            )
            QuestionnaireResponse.objects.create(questionnaire=questionnaire, language="fr")

    return grow


def _portal_user(questionnaire):
    user = UserFactory(username=f"portal-{next(_counter)}")
    with scopes_disabled():
        PartnerMember.objects.create(
            partner=questionnaire.activity.partnership.partners.get(), user=user, role=PartnerRole.MEMBER
        )
    return user


def test_staff_results_page(client, questionnaire, staff_user):
    client.force_login(staff_user)
    measure(
        "staff:questionnaire_detail",
        client,
        lambda: reverse("staff:questionnaire_detail", kwargs={"pk": questionnaire.pk}),
        _answers(questionnaire),
        SIZES,
        (
            *STAFF,
            Q("evaluations_questionnaire", "the questionnaire, with its action, type, partnership and template"),
            Q("partnerships_partner", "the partnership's partners (prefetch)"),
            *RESULTS,
            BADGE,
        ),
    )


def test_portal_results_page(client, questionnaire):
    client.force_login(_portal_user(questionnaire))
    measure(
        "portal:questionnaire_detail",
        client,
        lambda: reverse("portal:questionnaire_detail", kwargs={"pk": questionnaire.pk}),
        _answers(questionnaire),
        SIZES,
        (
            *PORTAL,
            Q("evaluations_questionnaire", "the partner's questionnaire, with its action and template"),
            Q("partnerships_partner", "the partnership's partners (prefetch)"),
            *RESULTS,
        ),
    )


def test_staff_print_page(client, questionnaire, staff_user):
    client.force_login(staff_user)
    measure(
        "staff:questionnaire_print",
        client,
        lambda: reverse("staff:questionnaire_print", kwargs={"pk": questionnaire.pk}),
        _answers(questionnaire),
        SIZES,
        (
            *STAFF,
            Q("evaluations_questionnaire", "the questionnaire, with its action and template"),
            Q("partnerships_partner", "the partnership's partners (prefetch)"),
        ),
    )


def test_public_page(client, questionnaire):
    with time_machine.travel(OPENS, tick=False):
        measure(
            "evaluations:questionnaire_answer",
            client,
            lambda: reverse("evaluations:questionnaire_answer", kwargs={"token": questionnaire.token}),
            _answers(questionnaire),
            SIZES,
            (
                Q("evaluations_questionnaire", "the questionnaire the token names, with its action and template"),
                Q("evaluations_questionnairequestion", "its questions"),
            ),
        )


def test_staff_list(client, questionnaire, staff_user):
    client.force_login(staff_user)
    measure(
        "staff:questionnaire_list",
        client,
        lambda: reverse("staff:questionnaire_list"),
        _more_questionnaires(questionnaire.activity.partnership),
        SIZES,
        (
            *STAFF,
            BADGE,
            # The rest in the page's cached block (core/dataversion.py), in the template's order.
            Q("evaluations_questionnaire", "COUNT of the questionnaires (paginator)"),
            Q("evaluations_questionnaire", "the page, with action, type, partnership and template joined"),
            Q("partnerships_partner", "their partnerships' partners (prefetch)"),
            Q("evaluations_questionnaireresponse", "the responses counted per questionnaire of the page"),
        ),
    )


def test_portal_list(client, questionnaire):
    client.force_login(_portal_user(questionnaire))
    measure(
        "portal:questionnaire_list",
        client,
        lambda: reverse("portal:questionnaire_list"),
        _more_questionnaires(questionnaire.activity.partnership),
        SIZES,
        (
            *PORTAL,
            Q("evaluations_questionnaire", "the partner's questionnaires, with action, type and template joined"),
            Q("partnerships_partner", "their partnerships' partners (prefetch)"),
            Q("evaluations_questionnaireresponse", "the responses counted per questionnaire"),
        ),
    )
