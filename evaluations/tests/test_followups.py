"""Around an evaluation: press mentions (staff add, edit, remove; counted), lessons, and a
follow-up action that becomes the partner's proposal or a new action, once."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from activities.models import ActionProposal, Activity, ActivityType
from core.models import AuditEntry
from demo.factories import ActivityFactory
from evaluations.models import Lesson, LessonKind, PressMention
from evaluations.services import evaluation_create, grid_load, lesson_add
from partnerships.models import PartnerMember, PartnerRole
from tests.factories import PartnerFactory, PartnershipFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(client):
    """Pages in English: the assertions read the English wording (French in test_french_*)."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def world(catalogue):
    with scopes_disabled():
        grid_load()
        museum, other = PartnerFactory(name="Musée des Confluences"), PartnerFactory(name="Autre musée")
        partnership = PartnershipFactory(partners=[museum], title="Sciences et sociétés")
        activity = ActivityFactory(
            partnership=partnership,
            activity_type=ActivityType.objects.get(code="training"),
            title="Formation des médiateurs",
            start_date=datetime.date(2025, 5, 1),
            end_date=datetime.date(2025, 5, 2),
        )
        evaluation = evaluation_create(partnership=partnership, activity=activity)
        follow_up = lesson_add(evaluation=evaluation, text="Former les bénévoles du musée", kind=LessonKind.FOLLOW_UP)
        lesson = lesson_add(evaluation=evaluation, text="Prévoir une salle plus grande")
        users = {"admin": UserFactory(username="conf-admin"), "member": UserFactory(username="conf-membre")}
        users["other"] = UserFactory(username="autre")
        users["staff"] = StaffFactory(username="wmfr")
        PartnerMember.objects.create(partner=museum, user=users["admin"], role=PartnerRole.ADMIN)
        PartnerMember.objects.create(partner=museum, user=users["member"], role=PartnerRole.MEMBER)
        PartnerMember.objects.create(partner=other, user=users["other"], role=PartnerRole.ADMIN)
    return {
        "evaluation": evaluation,
        "activity": activity,
        "follow_up": follow_up,
        "lesson": lesson,
        "users": users,
        "museum": museum,
    }


def _login(client, world, who):
    client.force_login(world["users"][who])
    return client


def _mention(**overrides):
    data = {
        "outlet": "Le Progrès",
        "kind": "local_press",
        "published_on": "2025-05-10",
        "title": "Les médiateurs sur Wikipédia",
        "url": "https://example.org/article",
        "activity": "",
    }
    return {**data, **overrides}


def test_staff_record_edit_and_remove_a_press_mention(client, world):
    evaluation = world["evaluation"]
    _login(client, world, "staff")
    add = reverse("staff:press_mention_add", args=[evaluation.pk])
    response = client.post(add, _mention(activity=world["activity"].pk))
    assert response.status_code == 302
    with scopes_disabled():
        mention = PressMention.objects.get()
    assert mention.activity == world["activity"] and mention.partnership == evaluation.partnership
    page = client.get(reverse("staff:evaluation_detail", args=[evaluation.pk])).content.decode()
    assert "Les médiateurs sur Wikipédia" in page
    assert "0 in major media, 1 in the local press, 0 on the web" in page

    edit = reverse("staff:press_mention_update", args=[evaluation.pk, mention.pk])
    assert client.post(edit, _mention(kind="web", title="Sur le web")).status_code == 302
    with scopes_disabled():
        mention.refresh_from_db()
    assert (mention.kind, mention.title, mention.activity) == ("web", "Sur le web", None)

    assert client.post(edit, {"delete": "1"}).status_code == 302
    with scopes_disabled():
        assert not PressMention.objects.exists()
        actions = list(
            AuditEntry.objects.filter(action__startswith="partnership.press_mention")
            .order_by("pk")
            .values_list("action", flat=True)
        )
    assert actions == [
        "partnership.press_mention_added",
        "partnership.press_mention_changed",
        "partnership.press_mention_removed",
    ]


def test_a_bad_mention_is_a_form_error_and_saves_nothing(client, world):
    evaluation = world["evaluation"]
    _login(client, world, "staff")
    add = reverse("staff:press_mention_add", args=[evaluation.pk])
    for bad in (
        _mention(outlet=""),
        _mention(published_on="not a date"),
        _mention(kind="tv"),
        _mention(url="javascript:alert(1)"),
    ):
        assert client.post(add, bad).status_code == 400
    with scopes_disabled():
        foreign = ActivityFactory(
            partnership=PartnershipFactory(partners=[PartnerFactory()]),
            activity_type=ActivityType.objects.get(code="training"),
        )
    # An action of another partnership is not among the choices.
    assert client.post(add, _mention(activity=foreign.pk)).status_code == 400
    with scopes_disabled():
        assert not PressMention.objects.exists()


def test_partner_sees_the_mentions_but_cannot_record_one(client, world):
    _login(client, world, "staff")
    client.post(reverse("staff:press_mention_add", args=[world["evaluation"].pk]), _mention())
    _login(client, world, "member")
    page = client.get(reverse("portal:evaluation_detail", args=[world["evaluation"].pk])).content.decode()
    assert "Les médiateurs sur Wikipédia" in page
    assert reverse("staff:press_mention_add", args=[world["evaluation"].pk]) not in page


def test_a_follow_up_becomes_the_partners_proposal_once(client, world):
    evaluation, follow_up = world["evaluation"], world["follow_up"]
    url = reverse("portal:follow_up_proposal", args=[evaluation.pk, follow_up.pk])
    _login(client, world, "admin")
    page = client.get(url).content.decode()
    assert "Former les bénévoles du musée" in page
    with scopes_disabled():
        training = ActivityType.objects.get(code="training")
    data = {"activity_type": training.pk, "title": "Former nos bénévoles", "description": "Deux sessions"}
    response = client.post(url, data)
    with scopes_disabled():
        proposal = ActionProposal.objects.get()
        follow_up.refresh_from_db()
    assert response["Location"] == reverse("portal:proposal_detail", args=[proposal.pk])
    assert (proposal.partner, proposal.submitted_by, proposal.title) == (
        world["museum"],
        world["users"]["admin"],
        "Former nos bénévoles",
    )
    assert follow_up.proposal == proposal
    # Once: the form sends back to the evaluation, a second POST is refused.
    assert client.get(url).status_code == 302
    response = client.post(url, data)
    assert response.status_code == 400
    assert "not yet turned into a proposal" in response.content.decode()
    with scopes_disabled():
        assert ActionProposal.objects.count() == 1
        assert AuditEntry.objects.filter(action="evaluation.follow_up_proposed").count() == 1
    page = client.get(reverse("portal:evaluation_detail", args=[evaluation.pk])).content.decode()
    assert "Became the proposal “Former nos bénévoles”" in page


def test_only_follow_ups_of_ones_own_evaluation_become_proposals(client, world):
    evaluation = world["evaluation"]
    with scopes_disabled():
        training = ActivityType.objects.get(code="training").pk
    data = {"activity_type": training, "title": "T", "description": "D"}
    _login(client, world, "admin")
    lesson_url = reverse("portal:follow_up_proposal", args=[evaluation.pk, world["lesson"].pk])
    assert client.post(lesson_url, data).status_code == 400  # a lesson, not a follow-up action
    follow_up_url = reverse("portal:follow_up_proposal", args=[evaluation.pk, world["follow_up"].pk])
    _login(client, world, "member")
    assert client.post(follow_up_url, data).status_code == 403
    _login(client, world, "other")
    assert client.post(follow_up_url, data).status_code == 404
    with scopes_disabled():
        assert not ActionProposal.objects.exists()


def test_staff_plan_a_follow_up_as_a_new_action(client, world):
    evaluation, follow_up = world["evaluation"], world["follow_up"]
    _login(client, world, "staff")
    url = reverse("staff:follow_up_activity", args=[evaluation.pk, follow_up.pk])
    assert client.get(url).status_code == 200
    with scopes_disabled():
        training = ActivityType.objects.get(code="training").pk
    response = client.post(url, {"activity_type": training, "title": "Formation des bénévoles"})
    with scopes_disabled():
        activity = Activity.objects.get(title="Formation des bénévoles")
        follow_up.refresh_from_db()
    assert response["Location"] == reverse("staff:activity_detail", args=[activity.pk])
    assert activity.partnership == evaluation.partnership and activity.notes == follow_up.text
    assert follow_up.new_activity == activity
    assert client.post(url, {"activity_type": training, "title": "Encore"}).status_code == 400
    with scopes_disabled():
        assert Activity.objects.filter(partnership=evaluation.partnership).count() == 2


def test_staff_add_lessons_and_empty_text_is_refused(client, world):
    evaluation = world["evaluation"]
    _login(client, world, "staff")
    url = reverse("staff:lesson_add", args=[evaluation.pk])
    assert client.post(url, {"kind": "lesson", "text": "Communiquer plus tôt"}).status_code == 302
    assert client.post(url, {"kind": "lesson", "text": "   "}).status_code == 400
    assert client.post(url, {"kind": "nonsense", "text": "x"}).status_code == 400
    with scopes_disabled():
        assert Lesson.objects.filter(evaluation=evaluation).count() == 3
