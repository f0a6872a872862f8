"""The measured figures next to the questions (evaluations/measures.py), over real rows:
"not measured" when nothing measures a figure, never 0; a partnership adds up its actions."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone, translation
from django_scopes import scopes_disabled

from activities.models import ActionProposal, ActivityType, Cost, Indicator, MetricsSnapshot, Stakeholder
from agreements.models import Agreement
from agreements.services import ActionSpec, agreement_draft
from demo.factories import ActivityFactory
from evaluations import measures
from evaluations.models import MentionKind
from evaluations.selectors import evaluation_measure_data
from evaluations.services import evaluation_create, grid_load, press_mention_add
from tests.factories import PartnerFactory, PartnershipFactory, StaffFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting(catalogue):
    with scopes_disabled():
        grid_load()
        partner = PartnerFactory(name="Archives départementales")
        partnership = PartnershipFactory(partners=[partner], title="Archives ouvertes")
        training = ActivityType.objects.get(code="training")
        first, second = (
            ActivityFactory(
                partnership=partnership,
                activity_type=training,
                title=title,
                start_date=datetime.date(2025, month, 1),
                end_date=datetime.date(2025, month, 2),
            )
            for title, month in (("Formation 1", 3), ("Formation 2", 6))
        )
        return {
            "partner": partner,
            "partnership": partnership,
            "first": first,
            "second": second,
            "activity_eval": evaluation_create(partnership=partnership, activity=first),
            "partnership_eval": evaluation_create(partnership=partnership),
        }


def _figures(evaluation):
    with scopes_disabled(), translation.override("en"):
        return measures.figures(evaluation_measure_data(evaluation=evaluation))


def test_nothing_recorded_is_not_measured_not_zero(setting):
    figures = _figures(setting["activity_eval"])
    for key in (
        "contributions_main_space",
        "people_made_aware",
        "people_trained_gap",
        "files_reuse_share",
        "hours_and_costs",
        "trainers_trained",
    ):
        assert figures[key].value is None, key
    # Counted here (mentions recorded, proposals and agreements after the end): 0 is a count.
    assert figures["press_mentions"].value == "0"
    assert figures["partner_proposals_after"].value == "0"
    assert figures["agreement_after_pilot"].value == "0"


def test_an_action_without_dates_cannot_count_what_came_after(setting):
    with scopes_disabled():
        undated = ActivityFactory(
            partnership=setting["partnership"], activity_type=setting["first"].activity_type, title="Sans date"
        )
        evaluation = evaluation_create(partnership=setting["partnership"], activity=undated)
    figures = _figures(evaluation)
    assert figures["partner_proposals_after"].value is None
    assert figures["agreement_after_pilot"].value is None


def test_the_figures_of_an_action_and_of_its_partnership(setting):
    first, second = setting["first"], setting["second"]
    with scopes_disabled():
        Indicator.objects.create(activity=first, kind="people_to_train", target=12, manual_result=9)
        Indicator.objects.create(activity=second, kind="people_to_train", target=10, manual_result=11)
        Indicator.objects.create(activity=first, kind="trainers_trained", target=2, manual_result=3)
        Stakeholder.objects.create(activity=first, name="Bénévole", kind="volunteer", hours=Decimal("6"))
        Stakeholder.objects.create(activity=second, name="Salariée", kind="staff", hours=Decimal("4.5"))
        Cost.objects.create(activity=first, category="travel", planned=100, actual=80)
        Cost.objects.create(activity=second, category="meals", planned=50)  # no actual yet: left out
        now = timezone.now()
        MetricsSnapshot.objects.create(
            activity=first, status="done", taken_at=now, figures={"edits": 40, "files_total": 8, "files_in_use": 2}
        )
        MetricsSnapshot.objects.create(activity=first, status="failed", taken_at=now, figures={"edits": 999})
        MetricsSnapshot.objects.create(
            activity=second, status="partial", taken_at=now, figures={"edits": 10, "files_total": 2, "files_in_use": 2}
        )
        press_mention_add(
            partnership=setting["partnership"],
            activity=second,
            outlet="France 3",
            kind=MentionKind.MAJOR_MEDIA,
            published_on=datetime.date(2025, 6, 10),
            title="Reportage",
        )

    one = _figures(setting["activity_eval"])
    assert one["people_trained_gap"].value == "3"  # 12 to train, 9 trained
    assert one["people_trained_gap"].detail == "9 trained of 12 to train"
    assert one["trainers_trained"].value == "3"
    assert one["contributions_main_space"].value == "40"  # the failed snapshot is not read
    assert one["files_reuse_share"].value == "25.0 %"
    assert one["hours_and_costs"].value == "6 h"
    assert one["press_mentions"].value == "0"  # the mention names the second action

    both = _figures(setting["partnership_eval"])
    assert both["people_trained_gap"].value == "2"  # 22 to train, 20 trained
    assert both["contributions_main_space"].value == "50"
    assert both["files_reuse_share"].value == "40.0 %"  # 4 of 10
    assert both["hours_and_costs"].detail == "6 h by volunteers, 4.5 h by employees; 80 € spent"
    assert both["press_mentions"].value == "1"
    assert both["trainers_trained"].value == "3"


def test_a_result_missing_leaves_the_gap_unmeasured(setting):
    with scopes_disabled():
        Indicator.objects.create(activity=setting["first"], kind="people_to_train", target=12, manual_result=9)
        Indicator.objects.create(activity=setting["second"], kind="people_to_train", target=10)
    assert _figures(setting["partnership_eval"])["people_trained_gap"].value is None
    assert _figures(setting["activity_eval"])["people_trained_gap"].value == "3"


def test_sustainability_counts_what_came_after_the_action(setting):
    partner = setting["partner"]
    with scopes_disabled():
        training = ActivityType.objects.get(code="training")
        before, _after = (
            ActionProposal.objects.create(partner=partner, activity_type=training, title=t, description="d")
            for t in ("Avant", "Après")
        )
        ActionProposal.objects.filter(pk=before.pk).update(
            submitted_at=timezone.make_aware(datetime.datetime(2025, 2, 1))
        )
        staff = StaffFactory()
        signed = []
        for day in (datetime.date(2025, 1, 15), datetime.date(2025, 9, 1)):
            agreement = agreement_draft(
                partnership=setting["partnership"],
                partner=partner,
                kind="partnership_agreement",
                language="fr",
                by=staff,
                actions=[ActionSpec(activity_type=training)],
            )
            Agreement.objects.filter(pk=agreement.pk).update(status="signed", signed_on=day)
            signed.append(agreement)
        data = evaluation_measure_data(evaluation=setting["activity_eval"])
    result = measures.sustainability(data)
    assert result.since == datetime.date(2025, 3, 2)
    assert [p.title for p in result.proposals] == ["Après"]
    assert [a.pk for a in result.agreements] == [signed[1].pk]
    assert result.trainers_trained is None


def test_participants_satisfaction_weighted_by_responses():
    """Two actions' questionnaires (10 and 30 responses): the mean weighs each by its responses;
    an action whose questionnaire has no answer feeding the criterion is left out."""
    from evaluations.questionnaire_selectors import Satisfaction

    data = measures.MeasureData(
        activities=[],
        mentions=[],
        proposals_after=[],
        agreements_after=[],
        since=None,
        satisfaction={
            1: Satisfaction(responses=10, average=Decimal("4"), relevance=Decimal("4"), relationship=None),
            2: Satisfaction(responses=30, average=Decimal("3"), relevance=Decimal("2"), relationship=Decimal("5")),
        },
    )
    with translation.override("en"):
        figures = measures.figures(data)
        assert figures["participants_relevance"].value == "2.5 / 5"  # (4×10 + 2×30) / 40
        assert figures["participants_relevance"].detail == "40 responses"
        assert figures["participants_relationship"].value == "5.0 / 5"
        assert figures["participants_relationship"].detail == "30 responses"
        empty = measures.figures(measures.MeasureData([], [], [], [], None))
        assert empty["participants_relevance"].value is None
