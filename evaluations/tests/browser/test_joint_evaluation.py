"""In a phone-sized browser: staff fill their side of a joint evaluation, the partner fills
theirs in the portal (a draft first), and the side-by-side view flags the question rated two
points apart, for both; no page is wider than the screen."""

from __future__ import annotations

import datetime

import pytest
from playwright.sync_api import expect

from activities.models import ActivityType
from demo.factories import ActivityFactory
from evaluations.models import Question
from evaluations.services import evaluation_create, grid_load
from partnerships.models import PartnerMember, PartnerRole
from tests.factories import PartnerFactory, PartnershipFactory, StaffFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTH = 390


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": {"width": WIDTH, "height": 844}}


def _fits(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH, page.url


def _answer(page, questions, ratings: dict[str, str], default: str) -> None:
    for q in questions:
        page.select_option(f"select[name=rating_{q.pk}]", ratings.get(q.code, default))


def test_both_sides_answer_and_the_difference_is_flagged(page, live_server, login, catalogue):
    grid_load()
    StaffFactory(username="alice")
    museum = PartnerFactory(name="Musée des Beaux-Arts de Lyon")
    PartnerMember.objects.create(partner=museum, user=UserFactory(username="mba-admin"), role=PartnerRole.ADMIN)
    partnership = PartnershipFactory(partners=[museum], title="Peintres lyonnais")
    activity = ActivityFactory(
        partnership=partnership,
        activity_type=ActivityType.objects.get(code="edit-a-thon"),
        title="Edit-a-thon des peintres lyonnais",
        start_date=datetime.date(2025, 10, 4),
        end_date=datetime.date(2025, 10, 4),
    )
    evaluation = evaluation_create(partnership=partnership, activity=activity)
    questions = list(Question.objects.filter(criterion__version=evaluation.grid_version).order_by("pk"))

    # Wikimédia France's side, from the action's page.
    login("alice")
    page.goto(f"{live_server.url}/staff/activities/{activity.pk}/")
    page.get_by_role("link", name="Évaluation conjointe").click()
    expect(page.locator("h1")).to_contain_text("Edit-a-thon des peintres lyonnais")
    page.get_by_role("link", name="Répondre pour Wikimédia France").click()
    _fits(page)
    _answer(page, questions, {"relevance_1": "5", "promotion_1": "4"}, "3")
    page.fill(f"textarea[name=comment_{questions[0].pk}]", "Très bonne participation")
    page.get_by_role("button", name="Envoyer nos réponses").click()
    expect(page.locator(".alert-success")).to_contain_text("Vos réponses sont envoyées.")
    expect(page.locator("main")).to_contain_text("Les réponses de l’autre partie s’affichent")
    page.context.clear_cookies()

    # The partner's side, in the portal: a draft, then the answers submitted.
    login("mba-admin")
    page.goto(f"{live_server.url}/portal/evaluations/")
    page.get_by_role("link", name="Edit-a-thon des peintres lyonnais").click()
    expect(page.locator("main")).not_to_contain_text("Très bonne participation")  # not before both submitted
    page.get_by_role("link", name="Répondre pour notre organisation").click()
    _fits(page)
    _answer(page, questions[:3], {}, "4")
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    expect(page.locator(".alert-success")).to_contain_text("Brouillon enregistré.")
    expect(page.locator(f"select[name=rating_{questions[0].pk}]")).to_have_value("4")
    _answer(page, questions, {"relevance_1": "3", "promotion_1": "3", "relationship_1": "na"}, "3")
    page.get_by_role("button", name="Envoyer nos réponses").click()
    expect(page.locator(".alert-success")).to_contain_text("Vos réponses sont envoyées.")

    # Side by side, for the partner: the question two points apart is flagged, not the one at 1.
    expect(page.locator("tr.flagged")).to_have_count(1)
    expect(page.locator('tr[data-question="relevance_1"]')).to_have_class("table-warning flagged")
    expect(page.locator('tr[data-question="relevance_1"]')).to_contain_text("2 points d’écart")
    expect(page.locator('tr[data-question="promotion_1"]')).not_to_have_class("table-warning flagged")
    expect(page.locator("#flagged-count")).to_contain_text("1 question notée avec 2 points d’écart ou plus")
    expect(page.locator("main")).to_contain_text("Très bonne participation")
    _fits(page)
    page.context.clear_cookies()

    # The same view for staff, who can now close the evaluation.
    login("alice")
    page.goto(f"{live_server.url}/staff/evaluations/{evaluation.pk}/")
    expect(page.locator("tr.flagged")).to_have_count(1)
    expect(page.locator('tr[data-question="relevance_1"]')).to_contain_text("5/5")
    expect(page.locator('tr[data-question="relevance_1"]')).to_contain_text("3/5")
    _fits(page)
    page.get_by_role("button", name="Clôturer l’évaluation").click()
    expect(page.locator(".alert-success")).to_contain_text("L’évaluation est clôturée")
