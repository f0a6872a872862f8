"""The pages of one joint evaluation run an exact number of queries, the same at 2 and 50 rows.

The evaluation measured covers a whole partnership, so what its pages read grows with the
partnership: its actions (each with an indicator, a stakeholder, a cost and a good snapshot),
its press mentions, its lessons and follow-up actions, the partner's later proposals and
agreements. Both sides have submitted, so the side-by-side view loads every answer.
"""

from __future__ import annotations

import datetime
import itertools
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from accounts.roles import STAFF_MEMBER
from activities.models import ActionProposal, Activity, ActivityType, Cost, Indicator, MetricsSnapshot, Stakeholder
from agreements.models import Agreement
from agreements.services import ActionSpec, agreement_draft
from evaluations.lifecycle import Side
from evaluations.models import Lesson, LessonKind, MentionKind, PressMention, Question
from evaluations.services import evaluation_create, evaluation_submit_side, grid_load
from partnerships.models import PartnerMember, PartnerRole
from tests.factories import PartnerFactory, PartnershipFactory, UserFactory
from tests.query_counts import BADGE, PORTAL, STAFF, Q, measure

from .test_questionnaire_query_counts import COVERED_URL_NAMES as QUESTIONNAIRE_PAGES
from .test_report_query_counts import COVERED_URL_NAMES as REPORT_URL_NAMES

pytestmark = pytest.mark.django_db

SIZES = (2, 50)

COVERED_URL_NAMES = {
    "staff:evaluation_detail",
    "staff:evaluation_answer",
    "staff:evaluation_create_activity",
    "staff:evaluation_create_partnership",
    "staff:press_mention_add",
    "staff:press_mention_update",
    "staff:follow_up_activity",
    "portal:evaluation_detail",
    "portal:evaluation_answer",
    "portal:follow_up_proposal",
    # Satisfaction questionnaires: measured in test_questionnaire_query_counts.py
    *QUESTIONNAIRE_PAGES,
} | REPORT_URL_NAMES  # the reports wing's pages (test_report_query_counts.py)


class Setting:
    """A partnership evaluated as a whole, its partner's admin, a staff member; ``grow(n)``."""

    def __init__(self, answered: bool = True):
        grid_load()
        self.partner = PartnerFactory(name="Musée mesuré")
        self.partnership = PartnershipFactory(partners=[self.partner], title="Partenariat mesuré")
        self.staff = UserFactory(username="staff-qc", is_staff=True)
        self.staff.groups.add(Group.objects.get(name=STAFF_MEMBER))
        self.admin = UserFactory(username="admin-qc")
        PartnerMember.objects.create(partner=self.partner, user=self.admin, role=PartnerRole.ADMIN)
        self.types = list(ActivityType.objects.order_by("pk"))
        self.evaluation = evaluation_create(partnership=self.partnership)
        self.counter = itertools.count()
        if answered:
            answers = {q.pk: (3, "c") for q in Question.objects.filter(criterion__version=self.evaluation.grid_version)}
            for side in (Side.STAFF, Side.PARTNER):
                evaluation_submit_side(evaluation=self.evaluation, side=side, answers=answers, by=None)
        self.lesson = None

    def grow(self, n: int) -> None:
        numbers = [next(self.counter) for _ in range(n)]
        activities = Activity.objects.bulk_create(
            [
                Activity(
                    partnership=self.partnership,
                    activity_type=self.types[i % len(self.types)],
                    title=f"Action mesurée {i}",
                    start_date=datetime.date(2024, 3, 1),
                    end_date=datetime.date(2024, 3, 2),
                )
                for i in numbers
            ]
        )
        Indicator.objects.bulk_create(
            [Indicator(activity=a, kind="people_to_train", target=10, manual_result=8) for a in activities]
        )
        Stakeholder.objects.bulk_create(
            [Stakeholder(activity=a, name="S", kind="volunteer", hours=Decimal("3")) for a in activities]
        )
        Cost.objects.bulk_create([Cost(activity=a, category="travel", planned=10, actual=12) for a in activities])
        MetricsSnapshot.objects.bulk_create(
            [
                MetricsSnapshot(
                    activity=a, status="done", taken_at=timezone.now(), figures={"edits": 5, "files_total": 4}
                )
                for a in activities
            ]
        )
        PressMention.objects.bulk_create(
            [
                PressMention(
                    partnership=self.partnership,
                    activity=a,
                    outlet="Ouest-France",
                    kind=MentionKind.LOCAL_PRESS,
                    published_on=datetime.date(2024, 4, 1),
                    title=f"Article {i}",
                )
                for i, a in zip(numbers, activities, strict=True)
            ]
        )
        lessons = Lesson.objects.bulk_create(
            [Lesson(evaluation=self.evaluation, kind=LessonKind.FOLLOW_UP, text=f"Suite {i}") for i in numbers]
        )
        self.lesson = self.lesson or lessons[0]
        ActionProposal.objects.bulk_create(
            [
                ActionProposal(partner=self.partner, activity_type=self.types[0], title=f"Idée {i}", description="d")
                for i in numbers
            ]
        )
        for _ in numbers:
            agreement = agreement_draft(
                partnership=self.partnership,
                partner=self.partner,
                kind="partnership_agreement",
                language="fr",
                by=self.staff,
                actions=[ActionSpec(activity_type=self.types[0])],
            )
            Agreement.objects.filter(pk=agreement.pk).update(status="signed", signed_on=datetime.date(2025, 1, 1))
        self.mention = PressMention.objects.filter(partnership=self.partnership).order_by("pk").first()


@pytest.fixture
def setting(catalogue):
    with scopes_disabled():
        return Setting()


@pytest.fixture
def open_setting(catalogue):
    with scopes_disabled():
        return Setting(answered=False)


EVALUATION = Q("evaluations_evaluation", "the evaluation, with its partnership, action, type and grid version")
PARTNERS = Q("partnerships_partner", "its partnership's partners (prefetch)")
MEASURES = (
    Q("activities_activity", "the evaluated actions"),
    Q("activities_indicator", "their indicators (prefetch)"),
    Q("activities_stakeholder", "their stakeholders (prefetch)"),
    Q("activities_cost", "their costs (prefetch)"),
    Q("activities_metricssnapshot", "their good snapshots (prefetch)"),
    Q("activities_actionproposal", "the partners' proposals after the action"),
    Q("agreements_agreement", "the partners' agreements signed after the action"),
    Q("evaluations_questionnaire", "the actions' questionnaires, their responses counted"),
    Q("evaluations_questionnaireanswer", "their 1–5 answers summed per action and criterion fed"),
    Q("evaluations_pressmention", "the press mentions, with their action"),
)
GRID = (
    Q("evaluations_criterion", "the grid's criteria"),
    Q("evaluations_question", "their questions (prefetch)"),
    Q("evaluations_griditem", "their measured indicators and means (prefetch)"),
)
COMPARISON = (Q("evaluations_answer", "the answers the viewer may see"), *GRID)
LESSONS = Q("evaluations_lesson", "the lessons and follow-ups, with the proposal or action each became")
DETAIL = (EVALUATION, PARTNERS, *MEASURES, *COMPARISON, LESSONS)


def _staff(client, setting):
    client.force_login(setting.staff)
    return client


def _portal(client, setting):
    client.force_login(setting.admin)
    return client


def test_staff_detail(client, setting):
    url = reverse("staff:evaluation_detail", args=[setting.evaluation.pk])
    client = _staff(client, setting)
    measure("staff:evaluation_detail", client, lambda: url, setting.grow, SIZES, (*STAFF, *DETAIL, BADGE))
    _shows_what_grew(client, url)


def _shows_what_grew(client, url):
    page = client.get(url).content.decode()
    assert "Article 49" in page and "Suite 49" in page and "Idée 49" in page


def test_portal_detail(client, setting):
    url = reverse("portal:evaluation_detail", args=[setting.evaluation.pk])
    measure("portal:evaluation_detail", _portal(client, setting), lambda: url, setting.grow, SIZES, (*PORTAL, *DETAIL))
    _shows_what_grew(client, url)


ANSWER_FORM = (EVALUATION, PARTNERS, *MEASURES, Q("evaluations_answer", "the side's own draft"), *GRID)


def test_staff_answer_form(client, open_setting):
    url = reverse("staff:evaluation_answer", args=[open_setting.evaluation.pk])
    client = _staff(client, open_setting)
    measure("staff:evaluation_answer", client, lambda: url, open_setting.grow, SIZES, (*STAFF, *ANSWER_FORM, BADGE))


def test_portal_answer_form(client, open_setting):
    url = reverse("portal:evaluation_answer", args=[open_setting.evaluation.pk])
    client = _portal(client, open_setting)
    measure("portal:evaluation_answer", client, lambda: url, open_setting.grow, SIZES, (*PORTAL, *ANSWER_FORM))


def test_open_an_evaluation(client, setting):
    client = _staff(client, setting)
    with scopes_disabled():
        setting.grow(1)
        activity = Activity.objects.filter(partnership=setting.partnership).first()
    url = reverse("staff:evaluation_create_activity", args=[activity.pk])
    queries = (
        *STAFF,
        Q("activities_activity", "the action, with its partnership"),
        Q("evaluations_evaluation", "its evaluation, if one exists"),
        BADGE,
    )
    measure("staff:evaluation_create_activity", client, lambda: url, setting.grow, SIZES, queries)
    other = PartnershipFactory(partners=[setting.partner], title="Autre")
    url = reverse("staff:evaluation_create_partnership", args=[other.pk])
    queries = (
        *STAFF,
        Q("partnerships_partnership", "the partnership"),
        Q("evaluations_evaluation", "its evaluation, if one exists"),
        BADGE,
    )
    measure("staff:evaluation_create_partnership", client, lambda: url, setting.grow, SIZES, queries)


def test_press_mention_forms(client, setting):
    client = _staff(client, setting)
    url = reverse("staff:press_mention_add", args=[setting.evaluation.pk])
    queries = (
        *STAFF,
        EVALUATION,
        PARTNERS,
        Q("activities_activity", "the partnership's actions a mention may name"),
        BADGE,
    )
    measure("staff:press_mention_add", client, lambda: url, setting.grow, SIZES, queries)

    def url_of():
        return reverse("staff:press_mention_update", args=[setting.evaluation.pk, setting.mention.pk])

    queries = (
        *STAFF,
        EVALUATION,
        PARTNERS,
        Q("evaluations_pressmention", "the mention"),
        Q("activities_activity", "the partnership's actions a mention may name"),
        BADGE,
    )
    measure("staff:press_mention_update", client, url_of, setting.grow, SIZES, queries)


def test_follow_up_forms(client, setting):
    def url_of(name):
        return lambda: reverse(name, args=[setting.evaluation.pk, setting.lesson.pk])

    queries = (
        *STAFF,
        EVALUATION,
        PARTNERS,
        Q("evaluations_lesson", "the follow-up action"),
        BADGE,
        Q("activities_activitytype", "the catalogue's types (choices)"),
    )
    client = _staff(client, setting)
    measure("staff:follow_up_activity", client, url_of("staff:follow_up_activity"), setting.grow, SIZES, queries)
    queries = (
        *PORTAL,
        EVALUATION,
        PARTNERS,
        Q("evaluations_lesson", "the follow-up action"),
        Q("activities_activitytype", "the catalogue's types (choices)"),
    )
    client = _portal(client, setting)
    measure("portal:follow_up_proposal", client, url_of("portal:follow_up_proposal"), setting.grow, SIZES, queries)
