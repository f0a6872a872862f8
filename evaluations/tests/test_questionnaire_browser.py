"""A participant answers a satisfaction questionnaire through its public link on a phone
(390 px wide, French): the page fits the screen, a missing answer is pointed out, the answer
is recorded once, and the same phone is then told it has already answered."""

from __future__ import annotations

import datetime
import os

import pytest
import time_machine
from django.urls import reverse
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from evaluations.questionnaire_models import QuestionnaireAnswer, QuestionnaireResponse
from evaluations.tests.questionnaire_fixtures import make_questionnaire

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's loop in the main thread

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WIDTH = 390


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "fr-FR", "viewport": {"width": WIDTH, "height": 844}}


@pytest.fixture
def questionnaire(catalogue):
    with scopes_disabled():
        return make_questionnaire()


def _choose(page, question: str, answer: str) -> None:
    """Tap the answer's label, as a finger does (the 1–5 radios are drawn as buttons)."""
    radio = page.get_by_role("group", name=question).get_by_label(answer, exact=True)
    page.locator(f'label[for="{radio.get_attribute("id")}"]').click()


def _fits(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH


def test_a_participant_answers_on_a_phone(page, live_server, questionnaire):
    url = live_server.url + reverse("evaluations:questionnaire_answer", kwargs={"token": questionnaire.token})
    with time_machine.travel(datetime.datetime(2026, 3, 10, 9, 0, tzinfo=datetime.UTC), tick=True):
        page.goto(url)
        expect(page.get_by_role("heading", level=1)).to_have_text("Questionnaire de satisfaction")
        expect(page.locator("main")).to_contain_text("Wikipermanence de mars")
        _fits(page)

        # The first question left out: the page says so and keeps the other answers.
        _choose(page, "2. La séance a-t-elle répondu", "4")
        _choose(page, "3. Vous sentez-vous", "5")
        _choose(page, "4. Comment jugez-vous", "3")
        _choose(page, "5. Avant cette séance", "Jamais")
        page.get_by_label("Qu’avez-vous trouvé le plus utile ?").fill("Créer mon premier article")
        page.get_by_role("button", name="Envoyer mes réponses").click()
        expect(page.get_by_role("alert")).to_contain_text("Certaines réponses manquent")
        expect(page.get_by_role("group", name="1. Dans l’ensemble")).to_contain_text("Merci de répondre")
        expect(
            page.get_by_role("group", name="2. La séance a-t-elle répondu").get_by_label("4", exact=True)
        ).to_be_checked()
        _fits(page)

        _choose(page, "1. Dans l’ensemble", "5")
        page.get_by_role("button", name="Envoyer mes réponses").click()
        expect(page.get_by_test_id("answered")).to_contain_text("Merci : votre réponse est enregistrée.")
        _fits(page)

        page.goto(url)  # the same phone, later
        expect(page.get_by_test_id("answered")).to_be_visible()
        expect(page.get_by_role("button", name="Envoyer mes réponses")).to_have_count(0)

    with scopes_disabled():
        assert QuestionnaireResponse.objects.count() == 1
        ratings = dict(QuestionnaireAnswer.objects.filter(rating__isnull=False).values_list("question__code", "rating"))
        assert ratings == {"overall": 5, "expectations": 4, "skills": 5, "welcome": 3}
        assert QuestionnaireAnswer.objects.get(question__code="liked").text == "Créer mon premier article"
