"""The evaluations' deadlines (evaluations/deadlines.py) with frozen time: an action ended 30
days ago without an evaluation (on the day, then 7 and 30 days late); each side of an open
evaluation expected 30 days after its opening (7 days before, on the day, 7 days late), until
that side submits."""

import datetime

import pytest
import time_machine
from django.utils import translation
from django_scopes import scopes_disabled

from activities.lifecycle import ActivityStatus
from activities.models import Activity, ActivityType
from activities.services import activity_create
from core.deadlines import due_on, recipients_for, upcoming_deadlines
from evaluations.lifecycle import Side
from evaluations.models import Question
from evaluations.services import evaluation_close, evaluation_create, evaluation_submit_side, grid_load
from partnerships.models import PartnerMember, PartnerRole
from tests.factories import PartnerFactory, PartnershipFactory, StaffFactory, UserFactory
from tests.frozen import PARIS, due_at, offsets_around

END = datetime.date(2027, 5, 20)
DUE = END + datetime.timedelta(days=30)
OPENED = datetime.datetime(2027, 7, 1, 23, 30, tzinfo=PARIS)  # late evening: the Paris date counts
SIDE_DUE = datetime.date(2027, 7, 31)


@pytest.fixture
def world(db, catalogue):
    with scopes_disabled():
        grid_load()
        lead = StaffFactory(email="lead@wikimedia.fr")
        partner = PartnerFactory(name="Musée A")
        admin = UserFactory(email="admin@musee.example")
        PartnerMember.objects.create(partner=partner, user=admin, role=PartnerRole.ADMIN)
        partnership = PartnershipFactory(partners=[partner], title="Soieries", lead=lead)
        activity = activity_create(
            partnership=partnership,
            activity_type=ActivityType.objects.get(code="edit-a-thon"),
            title="Edit-a-thon des canuts",
            start_date=END,
            end_date=END,
            by=None,
        )
    return {"lead": lead, "partner": partner, "admin": admin, "partnership": partnership, "activity": activity}


def test_evaluation_due_30_days_after_the_end_then_7_and_30_days_late(world):
    with scopes_disabled():
        assert offsets_around(DUE, "evaluation_due", [1, 0, -1, -7, -8, -30, -31]) == {
            1: [],
            0: [0],
            -1: [],
            -7: [-7],
            -8: [],
            -30: [-30],
            -31: [],
        }
        [due] = due_on(DUE, kinds=["evaluation_due"])
        assert [r.key for r in recipients_for([due.occurrence])[due.occurrence.key]] == [f"user:{world['lead'].pk}"]
        # Overdue until an evaluation is opened; a cancelled action is not evaluated.
        overdue_day = DUE + datetime.timedelta(days=7)
        evaluation_create(partnership=world["partnership"], activity=world["activity"], by=world["lead"])
        assert due_at(overdue_day, "evaluation_due") == []
        Activity.objects.filter(pk=world["activity"].pk).update(status=ActivityStatus.CANCELLED)
        world["activity"].evaluations.all().delete()
        assert due_at(overdue_day, "evaluation_due") == []


def _open(world):
    with time_machine.travel(OPENED, tick=False):
        return evaluation_create(partnership=world["partnership"], activity=world["activity"], by=world["lead"])


def _submit(evaluation, side):
    questions = Question.objects.filter(criterion__version=evaluation.grid_version)
    return evaluation_submit_side(evaluation=evaluation, side=side, answers={q.pk: (3, "") for q in questions}, by=None)


def test_each_side_expected_30_days_after_opening_until_it_submits(world):
    with scopes_disabled():
        evaluation = _open(world)
        for kind in ("evaluation_staff_side", "evaluation_partner_side"):
            assert offsets_around(SIDE_DUE, kind, [8, 7, 6, 1, 0, -1, -7, -8]) == {
                8: [],
                7: [7],
                6: [],
                1: [],
                0: [0],
                -1: [],
                -7: [-7],
                -8: [],
            }, kind
        [staff] = due_on(SIDE_DUE, kinds=["evaluation_staff_side"])
        [partner] = due_on(SIDE_DUE, kinds=["evaluation_partner_side"])
        found = recipients_for([staff.occurrence, partner.occurrence])
        assert [r.key for r in found[staff.occurrence.key]] == [f"user:{world['lead'].pk}"]
        assert [r.key for r in found[partner.occurrence.key]] == [f"user:{world['admin'].pk}"]
        assert (partner.occurrence.url, partner.occurrence.portal_url) == (
            f"/staff/evaluations/{evaluation.pk}/",
            f"/portal/evaluations/{evaluation.pk}/",
        )
        # The partner's portal lists its own side only.
        listed = upcoming_deadlines(SIDE_DUE, SIDE_DUE, partner=world["partner"], portal=True)
        assert [(o.kind, o.pk) for o in listed] == [("evaluation_partner_side", evaluation.pk)]
        with translation.override("en"):
            assert listed[0].portal_text == "Evaluation of Edit-a-thon des canuts: your answers are expected."
        with translation.override("fr"):
            assert (
                listed[0].portal_text
                == "Évaluation de «\u00a0Edit-a-thon des canuts\u00a0»\u00a0: vos réponses sont attendues."
            )
        # Wikimédia France submits: its side is no longer expected; the partner's still is.
        _submit(evaluation, Side.STAFF)
        late = SIDE_DUE + datetime.timedelta(days=7)
        assert due_at(late, "evaluation_staff_side") == []
        assert due_at(late, "evaluation_partner_side") == [(evaluation.pk, -7)]
        # Closed: nothing is expected any more.
        evaluation_close(evaluation=evaluation, by=world["lead"])
        assert due_at(late, "evaluation_partner_side") == []


def test_one_query_per_kind(world, django_assert_num_queries):
    with scopes_disabled():
        _open(world)
        for kind in ("evaluation_due", "evaluation_staff_side", "evaluation_partner_side", "questionnaire_closing"):
            with django_assert_num_queries(1):
                due_on(SIDE_DUE, kinds=[kind])


def test_questionnaire_closing_7_days_and_1_day_before_until_closed_by_hand(world):
    from evaluations.questionnaire_services import questionnaire_close, questionnaire_create, questionnaire_reopen
    from evaluations.tests.questionnaire_fixtures import template

    closes = datetime.date(2027, 6, 30)
    with scopes_disabled():
        questionnaire = questionnaire_create(
            activity=world["activity"], template=template(), opens_on=datetime.date(2027, 6, 1), closes_on=closes
        )
        assert offsets_around(closes, "questionnaire_closing", [8, 7, 6, 2, 1, 0, -1]) == {
            8: [],
            7: [7],
            6: [],
            2: [],
            1: [1],
            0: [],
            -1: [],
        }
        [due] = due_on(closes - datetime.timedelta(days=1), kinds=["questionnaire_closing"])
        assert due.occurrence.url == f"/staff/questionnaires/{questionnaire.pk}/"
        assert [r.key for r in recipients_for([due.occurrence])[due.occurrence.key]] == [
            f"user:{world['admin'].pk}",
            f"user:{world['lead'].pk}",
        ]
        listed = upcoming_deadlines(closes, closes, partner=world["partner"], portal=True)
        assert [(o.kind, o.portal_url) for o in listed] == [
            ("questionnaire_closing", f"/portal/questionnaires/{questionnaire.pk}/")
        ]
        questionnaire_close(questionnaire=questionnaire, by=world["lead"])
        assert due_at(closes - datetime.timedelta(days=1), "questionnaire_closing") == []
        questionnaire_reopen(questionnaire=questionnaire, by=world["lead"])
        assert due_at(closes - datetime.timedelta(days=1), "questionnaire_closing") == [(questionnaire.pk, 1)]
