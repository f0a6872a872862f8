"""The pages of one joint evaluation, staff and portal: the sides' forms (draft, submit,
read-only), the reveal rule seen through the pages, the flags, closing, another partner's 404."""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from activities.models import ActivityType
from core.models import AuditEntry
from demo.factories import ActivityFactory
from evaluations.lifecycle import EvaluationState, Side
from evaluations.models import Answer, Evaluation, Question
from evaluations.services import evaluation_create, evaluation_submit_side, grid_load
from partnerships.models import PartnerMember, PartnerRole
from tests.factories import PartnerFactory, PartnershipFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(client):
    """Pages in English: the assertions read the English wording (French in test_french_*)."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


STAFF_SECRET = "Avis confidentiel de Wikimédia France"
PARTNER_SECRET = "Avis confidentiel du musée"


@pytest.fixture
def world(catalogue):
    with scopes_disabled():
        grid_load()
        museum, other = PartnerFactory(name="Musée des Tissus"), PartnerFactory(name="Autre musée")
        partnership = PartnershipFactory(partners=[museum], title="Soieries lyonnaises")
        activity = ActivityFactory(
            partnership=partnership,
            activity_type=ActivityType.objects.get(code="edit-a-thon"),
            title="Edit-a-thon des canuts",
            start_date=datetime.date(2025, 3, 8),
            end_date=datetime.date(2025, 3, 8),
        )
        evaluation = evaluation_create(partnership=partnership, activity=activity)
        users = {
            "admin": UserFactory(username="musee-admin"),
            "member": UserFactory(username="musee-membre"),
            "other": UserFactory(username="autre-admin"),
            "staff": StaffFactory(username="wmfr-staff"),
        }
        PartnerMember.objects.create(partner=museum, user=users["admin"], role=PartnerRole.ADMIN)
        PartnerMember.objects.create(partner=museum, user=users["member"], role=PartnerRole.MEMBER)
        PartnerMember.objects.create(partner=other, user=users["other"], role=PartnerRole.ADMIN)
        questions = list(Question.objects.filter(criterion__version=evaluation.grid_version).order_by("pk"))
    return {"evaluation": evaluation, "users": users, "questions": questions, "activity": activity}


def _as(client, world, who):
    client.force_login(world["users"][who])
    return client


def _post_data(world, rating="3", comment="", submit=False, **overrides) -> dict:
    data = {}
    for q in world["questions"]:
        data[f"rating_{q.pk}"] = overrides.get(q.code, rating)
        data[f"comment_{q.pk}"] = comment
    if submit:
        data["submit"] = "1"
    return data


def _page(client, name, world, status=200) -> str:
    response = client.get(reverse(name, args=[world["evaluation"].pk]))
    assert response.status_code == status
    return response.content.decode()


def _row(html: str, code: str) -> str:
    match = re.search(rf'<tr[^>]*data-question="{code}"[^>]*>', html)
    assert match, f"no row for {code}"
    return match.group(0)


def test_staff_save_a_draft_then_submit_then_read_only(client, world):
    _as(client, world, "staff")
    url = reverse("staff:evaluation_answer", args=[world["evaluation"].pk])
    first = world["questions"][0]
    draft = {f"rating_{first.pk}": "4", f"comment_{first.pk}": "Bien"}
    response = client.post(url, draft)
    assert response.status_code == 302 and response["Location"] == url
    with scopes_disabled():
        assert list(Answer.objects.values_list("question_id", "side", "rating", "comment")) == [
            (first.pk, Side.STAFF, 4, "Bien")
        ]
        assert Evaluation.objects.get().staff_submitted_at is None
    page = client.get(url).content.decode()
    assert "selected>4</option>" in page and "Bien" in page  # the draft is shown again
    second = world["questions"][1]
    client.post(url, {f"rating_{second.pk}": "na"})  # the first question's rating taken back
    with scopes_disabled():
        assert list(Answer.objects.values_list("question_id", "rating")) == [(second.pk, None)]
    client.post(url, draft)

    # Submitting with a question unanswered: every missing question says so, nothing is submitted.
    response = client.post(url, {**draft, "submit": "1"})
    assert response.status_code == 400
    assert response.content.decode().count("Choose a rating or “not applicable”.") == len(world["questions"]) - 1
    with scopes_disabled():
        assert Evaluation.objects.get().staff_submitted_at is None

    response = client.post(url, _post_data(world, submit=True))
    assert response.status_code == 302
    assert response["Location"] == reverse("staff:evaluation_detail", args=[world["evaluation"].pk])
    with scopes_disabled():
        assert Evaluation.objects.get().staff_submitted_at is not None
        assert Answer.objects.filter(side=Side.STAFF).count() == len(world["questions"])
    # Read-only from then on: the form redirects, a late POST changes nothing.
    assert client.get(url)["Location"] == reverse("staff:evaluation_detail", args=[world["evaluation"].pk])
    response = client.post(url, _post_data(world, rating="1"))
    assert response.status_code == 400
    assert "This side of the evaluation can no longer be changed." in response.content.decode()
    with scopes_disabled():
        assert set(Answer.objects.filter(side=Side.STAFF).values_list("rating", flat=True)) == {3}


def test_a_comment_without_a_rating_is_refused_not_lost(client, world):
    _as(client, world, "admin")
    q = world["questions"][0]
    url = reverse("portal:evaluation_answer", args=[world["evaluation"].pk])
    response = client.post(url, {f"rating_{q.pk}": "", f"comment_{q.pk}": "Une remarque"})
    assert response.status_code == 400
    assert "to keep this comment" in response.content.decode()
    assert "Une remarque" in response.content.decode()
    with scopes_disabled():
        assert not Answer.objects.exists()


def test_bad_ratings_are_form_errors(client, world):
    _as(client, world, "admin")
    url = reverse("portal:evaluation_answer", args=[world["evaluation"].pk])
    response = client.post(url, _post_data(world, rating="7", submit=True))
    assert response.status_code == 400
    with scopes_disabled():
        assert not Answer.objects.exists()


def test_the_other_side_is_hidden_until_both_submitted(client, world):
    """Through the pages: neither side's comments nor ratings reach the other before both submit."""
    evaluation = world["evaluation"]
    _as(client, world, "staff")
    client.post(
        reverse("staff:evaluation_answer", args=[evaluation.pk]), _post_data(world, "5", STAFF_SECRET, submit=True)
    )
    # The partner's draft, not yet submitted.
    client.force_login(world["users"]["admin"])
    client.post(reverse("portal:evaluation_answer", args=[evaluation.pk]), _post_data(world, "1", PARTNER_SECRET))
    for who in ("admin", "member"):
        _as(client, world, who)
        page = _page(client, "portal:evaluation_detail", world)
        assert STAFF_SECRET not in page and "5/5" not in page
        assert PARTNER_SECRET in page  # its own answers
    _as(client, world, "staff")
    page = _page(client, "staff:evaluation_detail", world)
    assert PARTNER_SECRET not in page and "1/5" not in page
    assert STAFF_SECRET in page

    _as(client, world, "admin")
    client.post(reverse("portal:evaluation_answer", args=[evaluation.pk]), _post_data(world, "1", submit=True))
    with scopes_disabled():
        assert Evaluation.objects.get().state == EvaluationState.COMPLETED
    for who, name in (("member", "portal:evaluation_detail"), ("staff", "staff:evaluation_detail")):
        _as(client, world, who)
        page = _page(client, name, world)
        assert "5/5" in page and "1/5" in page
        assert STAFF_SECRET in page


def test_closing_reveals_what_was_answered(client, world):
    evaluation = world["evaluation"]
    _as(client, world, "admin")
    client.post(
        reverse("portal:evaluation_answer", args=[evaluation.pk]), _post_data(world, "2", PARTNER_SECRET, submit=True)
    )
    _as(client, world, "staff")
    assert PARTNER_SECRET not in _page(client, "staff:evaluation_detail", world)
    response = client.post(reverse("staff:evaluation_close", args=[evaluation.pk]))
    assert response.status_code == 302
    page = _page(client, "staff:evaluation_detail", world)
    assert PARTNER_SECRET in page
    with scopes_disabled():
        assert Evaluation.objects.get().state == EvaluationState.CLOSED
        assert AuditEntry.objects.filter(object_id=str(evaluation.pk), to_state="closed").count() == 1
    # Closed: neither side answers any more, the forms send back to the page.
    assert client.get(reverse("staff:evaluation_answer", args=[evaluation.pk])).status_code == 302


def test_flag_at_two_points_not_one_and_not_applicable_ignored(client, world):
    evaluation = world["evaluation"]
    with scopes_disabled():
        staff = {q.pk: (3, "") for q in world["questions"]}
        partner = dict(staff)
        by_code = {q.code: q.pk for q in world["questions"]}
        staff[by_code["relevance_1"]], partner[by_code["relevance_1"]] = (5, ""), (3, "")  # 2 apart
        staff[by_code["promotion_1"]], partner[by_code["promotion_1"]] = (4, ""), (3, "")  # 1 apart
        staff[by_code["relationship_1"]], partner[by_code["relationship_1"]] = (None, ""), (5, "")  # N/A
        staff[by_code["relationship_2"]], partner[by_code["relationship_2"]] = (1, ""), (None, "")  # N/A
        evaluation_submit_side(evaluation=evaluation, side=Side.STAFF, answers=staff, by=None)
        evaluation_submit_side(evaluation=evaluation, side=Side.PARTNER, answers=partner, by=None)
    for who, name in (("staff", "staff:evaluation_detail"), ("admin", "portal:evaluation_detail")):
        _as(client, world, who)
        page = _page(client, name, world)
        assert "flagged" in _row(page, "relevance_1")
        for code in ("promotion_1", "relationship_1", "relationship_2", "efficiency_1"):
            assert "flagged" not in _row(page, code), code
        assert "1 question rated 2 points apart or more" in page


def test_partner_members_read_admins_answer(client, world):
    _as(client, world, "member")
    assert _page(client, "portal:evaluation_detail", world)
    response = client.get(reverse("portal:evaluation_answer", args=[world["evaluation"].pk]))
    assert response.status_code == 403
    response = client.post(reverse("portal:evaluation_answer", args=[world["evaluation"].pk]), _post_data(world))
    assert response.status_code == 403
    with scopes_disabled():
        assert not Answer.objects.exists()


def test_another_partners_evaluation_is_a_404(client, world):
    _as(client, world, "other")
    for name in ("portal:evaluation_detail", "portal:evaluation_answer"):
        assert client.get(reverse(name, args=[world["evaluation"].pk])).status_code == 404
    response = client.post(
        reverse("portal:evaluation_answer", args=[world["evaluation"].pk]), _post_data(world, submit=True)
    )
    assert response.status_code == 404
    with scopes_disabled():
        assert not Answer.objects.exists()


def test_staff_open_evaluations_from_the_action_and_the_partnership(client, world):
    _as(client, world, "staff")
    activity = world["activity"]
    # The action already has one: its page's button leads to it.
    response = client.get(reverse("staff:evaluation_create_activity", args=[activity.pk]))
    assert response["Location"] == reverse("staff:evaluation_detail", args=[world["evaluation"].pk])
    page = client.get(reverse("staff:activity_detail", args=[activity.pk])).content.decode()
    assert reverse("staff:evaluation_create_activity", args=[activity.pk]) in page

    partnership = activity.partnership
    url = reverse("staff:evaluation_create_partnership", args=[partnership.pk])
    assert url in client.get(reverse("staff:partnership_detail", args=[partnership.pk])).content.decode()
    assert client.get(url).status_code == 200
    response = client.post(url)
    with scopes_disabled():
        created = Evaluation.objects.get(partnership=partnership, activity=None)
    assert response["Location"] == reverse("staff:evaluation_detail", args=[created.pk])
    assert client.post(url)["Location"] == reverse("staff:evaluation_detail", args=[created.pk])  # once only
    with scopes_disabled():
        assert Evaluation.objects.filter(partnership=partnership).count() == 2
