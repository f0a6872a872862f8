"""The questionnaire pages: the public link (one answer per browser, dates, closing, rate
limit, CSRF), the staff pages (create, results, dates, close, print, CSV) and the portal."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.test import Client, override_settings
from django.urls import reverse
from django_scopes import scopes_disabled

from evaluations.questionnaire_models import Questionnaire, QuestionnaireAnswer, QuestionnaireResponse
from evaluations.questionnaire_services import questionnaire_close
from evaluations.tests.questionnaire_fixtures import VALID, make_questionnaire, template
from evaluations.views.questionnaire_public import COOKIE_NAME
from partnerships.models import PartnerMember, PartnerRole
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
DURING = datetime.datetime(2026, 3, 10, 10, 0, tzinfo=datetime.UTC)


@pytest.fixture
def questionnaire(catalogue):
    with scopes_disabled():
        return make_questionnaire()


@pytest.fixture
def during():
    with time_machine.travel(DURING, tick=False):
        yield


def _url(questionnaire) -> str:
    return reverse("evaluations:questionnaire_answer", kwargs={"token": questionnaire.token})


def _responses() -> int:
    with scopes_disabled():
        return QuestionnaireResponse.objects.count()


# --- The public link ---------------------------------------------------------------------


def test_a_participant_answers_once_per_browser(client, questionnaire, during):
    page = client.get(_url(questionnaire))
    assert page.status_code == 200
    assert "Wikipermanence de mars" in page.content.decode()
    assert "Médiathèque de Lyon" not in page.content.decode()  # nothing about the partner

    answered = client.post(_url(questionnaire), {**VALID, "liked": "Tout"})
    assert answered.status_code == 302 and answered["Location"] == _url(questionnaire)
    cookie = answered.cookies[COOKIE_NAME]
    assert cookie["path"] == _url(questionnaire) and cookie["httponly"]
    assert _responses() == 1
    with scopes_disabled():
        assert QuestionnaireAnswer.objects.filter(text="Tout").count() == 1

    again = client.get(_url(questionnaire))
    assert again.status_code == 200
    assert 'data-testid="answered"' in again.content.decode()
    assert '<form method="post"' not in again.content.decode()

    second = client.post(_url(questionnaire), VALID)
    assert second.status_code == 200 and 'data-testid="answered"' in second.content.decode()
    assert _responses() == 1  # no second record from the same browser

    # Another browser (no cookie) answers; a forged cookie counts for nothing.
    other = Client()
    other.cookies[COOKIE_NAME] = str(questionnaire.pk)
    assert other.post(_url(questionnaire), VALID).status_code == 302
    assert _responses() == 2


def test_the_cookie_of_one_questionnaire_does_not_answer_another(client, questionnaire, during):
    with scopes_disabled():
        other = make_questionnaire(partner_name="Archives de Nantes", title="Atelier photo")
    assert client.post(_url(questionnaire), VALID).status_code == 302
    page = client.get(_url(other))
    assert page.status_code == 200 and 'data-testid="answered"' not in page.content.decode()
    assert "Atelier photo" in page.content.decode()


def test_missing_answers_are_shown_and_nothing_is_saved(client, questionnaire, during):
    response = client.post(_url(questionnaire), {"overall": "5", "welcome": "9"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Certaines réponses manquent" in body
    assert _responses() == 0
    assert COOKIE_NAME not in response.cookies


def test_wrong_token_closed_and_ended_questionnaires_are_404(client, questionnaire):
    wrong = questionnaire.token[:-1] + ("A" if questionnaire.token[-1] != "A" else "B")
    with time_machine.travel(DURING, tick=False):
        assert client.get(reverse("evaluations:questionnaire_answer", kwargs={"token": wrong})).status_code == 404
        assert client.get("/q/" + "x" * 65 + "/").status_code == 404
        assert client.get(_url(questionnaire)).status_code == 200
    with time_machine.travel(datetime.datetime(2026, 3, 31, 21, 0, tzinfo=datetime.UTC), tick=False):
        # 23:00 in Paris on the closing day: still open
        assert client.get(_url(questionnaire)).status_code == 200
    with time_machine.travel(datetime.datetime(2026, 3, 31, 22, 30, tzinfo=datetime.UTC), tick=False):
        # 00:30 in Paris the day after: ended
        assert client.get(_url(questionnaire)).status_code == 404
        assert client.post(_url(questionnaire), VALID).status_code == 404
    with time_machine.travel(datetime.datetime(2026, 2, 28, 12, 0, tzinfo=datetime.UTC), tick=False):
        assert client.get(_url(questionnaire)).status_code == 404  # not open yet
    with scopes_disabled():
        questionnaire_close(questionnaire=questionnaire)
    with time_machine.travel(DURING, tick=False):
        assert client.get(_url(questionnaire)).status_code == 404
        assert client.post(_url(questionnaire), VALID).status_code == 404
    assert _responses() == 0


@override_settings(QUESTIONNAIRE_ANSWERS_PER_ADDRESS_PER_HOUR=2)
def test_the_link_is_rate_limited_per_address(questionnaire, during):
    for _ in range(2):
        assert Client(REMOTE_ADDR="192.0.2.10").post(_url(questionnaire), VALID).status_code == 302
    refused = Client(REMOTE_ADDR="192.0.2.10").post(_url(questionnaire), VALID)
    assert refused.status_code == 429
    assert "Trop de réponses" in refused.content.decode()
    assert COOKIE_NAME not in refused.cookies
    assert Client(REMOTE_ADDR="192.0.2.11").post(_url(questionnaire), VALID).status_code == 302
    assert _responses() == 3


def test_the_public_form_needs_its_csrf_token(questionnaire, during):
    browser = Client(enforce_csrf_checks=True)
    assert browser.post(_url(questionnaire), VALID).status_code == 403
    page = browser.get(_url(questionnaire))
    token = page.cookies["csrftoken"].value
    assert browser.post(_url(questionnaire), {**VALID, "csrfmiddlewaretoken": token}).status_code == 302
    assert _responses() == 1


# --- Staff -------------------------------------------------------------------------------


def test_staff_create_a_questionnaire_for_an_action(staff_client, catalogue):
    from activities.models import ActivityType
    from demo.factories import ActivityFactory

    with scopes_disabled():
        activity = ActivityFactory(activity_type=ActivityType.objects.get(code="training"), title="Formation BnF")
        tpl = template()
    form = staff_client.get(reverse("staff:questionnaire_create"), {"activity": activity.pk})
    assert form.status_code == 200 and "Formation BnF" in form.content.decode()
    bad = staff_client.post(
        reverse("staff:questionnaire_create"),
        {"activity": activity.pk, "template": tpl.pk, "opens_on": "2026-04-10", "closes_on": "2026-04-01"},
    )
    assert bad.status_code == 400
    assert "La date de fin ne peut pas être antérieure à la date de début." in bad.content.decode()
    created = staff_client.post(
        reverse("staff:questionnaire_create"),
        {"activity": activity.pk, "template": tpl.pk, "opens_on": "2026-04-01", "closes_on": "2026-04-10"},
    )
    with scopes_disabled():
        questionnaire = Questionnaire.objects.get(activity=activity)
    assert created.status_code == 302
    assert created["Location"] == reverse("staff:questionnaire_detail", kwargs={"pk": questionnaire.pk})
    assert (questionnaire.opens_on, questionnaire.closes_on) == (datetime.date(2026, 4, 1), datetime.date(2026, 4, 10))


def test_the_actions_button_leads_to_its_questionnaire_or_the_form(staff_client, questionnaire):
    from demo.factories import ActivityFactory

    url = reverse("staff:questionnaire_for_activity", kwargs={"pk": questionnaire.activity_id})
    response = staff_client.get(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("staff:questionnaire_detail", kwargs={"pk": questionnaire.pk})
    with scopes_disabled():
        bare = ActivityFactory(activity_type=questionnaire.activity.activity_type)
    response = staff_client.get(reverse("staff:questionnaire_for_activity", kwargs={"pk": bare.pk}))
    assert response.status_code == 302
    assert response["Location"] == reverse("staff:questionnaire_create") + f"?activity={bare.pk}"
    activity_page = staff_client.get(reverse("staff:activity_detail", kwargs={"pk": bare.pk})).content.decode()
    assert f'href="/staff/questionnaires/for-activity/{bare.pk}/"' in activity_page


def test_staff_results_page_is_exact_and_escapes_free_text(staff_client, questionnaire, during):
    Client().post(_url(questionnaire), {**VALID, "overall": "5", "improve": "<script>alert(1)</script>"})
    Client().post(_url(questionnaire), {**VALID, "overall": "2"})
    page = staff_client.get(reverse("staff:questionnaire_detail", kwargs={"pk": questionnaire.pk}))
    assert page.status_code == 200
    body = page.content.decode()
    assert "2 réponses" in body
    assert 'data-testid="average-overall">moyenne 3,50 / 5' in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body and "<script>alert(1)" not in body
    assert questionnaire.token in body


def test_staff_close_and_reopen_the_link(staff_client, questionnaire, during):
    close = staff_client.post(reverse("staff:questionnaire_close", kwargs={"pk": questionnaire.pk}))
    assert close.status_code == 302
    assert Client().get(_url(questionnaire)).status_code == 404
    again = staff_client.post(reverse("staff:questionnaire_close", kwargs={"pk": questionnaire.pk}), follow=True)
    assert "Ce questionnaire est déjà fermé." in again.content.decode()
    assert staff_client.post(reverse("staff:questionnaire_reopen", kwargs={"pk": questionnaire.pk})).status_code == 302
    assert Client().get(_url(questionnaire)).status_code == 200


def test_staff_change_the_dates(staff_client, questionnaire, during):
    url = reverse("staff:questionnaire_dates", kwargs={"pk": questionnaire.pk})
    assert staff_client.post(url, {"opens_on": "2026-03-01", "closes_on": "2026-03-05"}).status_code == 302
    assert Client().get(_url(questionnaire)).status_code == 404  # ended on the 5th
    bad = staff_client.post(url, {"opens_on": "2026-03-01", "closes_on": "pas une date"})
    assert bad.status_code == 400
    with scopes_disabled():
        assert Questionnaire.objects.get(pk=questionnaire.pk).closes_on == datetime.date(2026, 3, 5)


def test_print_page_draws_the_qr_code_inline(staff_client, questionnaire):
    page = staff_client.get(reverse("staff:questionnaire_print", kwargs={"pk": questionnaire.pk}))
    assert page.status_code == 200
    body = page.content.decode()
    assert '<div class="qr-code my-3" data-testid="qr"><svg' in body
    assert f"/q/{questionnaire.token}/" in body
    assert "http" not in body.split('data-testid="qr">')[1].split("</svg>")[0].replace("http://www.w3.org", "")


def test_csv_export_neutralises_formulas(staff_client, questionnaire, during):
    Client().post(_url(questionnaire), {**VALID, "liked": "=cmd|' /C calc'!A0"})
    export = staff_client.get(reverse("staff:questionnaire_export", kwargs={"pk": questionnaire.pk}))
    assert export.status_code == 200 and export["Content-Type"] == "text/csv; charset=utf-8"
    text = export.content.decode("utf-8-sig")
    assert ";'=cmd|' /C calc'!A0;" in text
    assert len(text.strip().splitlines()) == 2


def test_staff_list(staff_client, questionnaire, during):
    Client().post(_url(questionnaire), VALID)
    page = staff_client.get(reverse("staff:questionnaire_list"))
    assert page.status_code == 200
    body = page.content.decode()
    assert "Wikipermanence de mars" in body and "Médiathèque de Lyon" in body


# --- Portal ------------------------------------------------------------------------------


def test_the_partner_sees_its_results_and_not_another_partners(client, questionnaire, during):
    with scopes_disabled():
        other = make_questionnaire(partner_name="Archives de Nantes", title="Atelier photo")
        user = UserFactory(username="lyon-admin")
        PartnerMember.objects.create(
            partner=questionnaire.activity.partnership.partners.get(), user=user, role=PartnerRole.MEMBER
        )
    Client().post(_url(questionnaire), VALID)
    client.force_login(user)
    listing = client.get(reverse("portal:questionnaire_list")).content.decode()
    assert "Wikipermanence de mars" in listing and "Atelier photo" not in listing
    mine = client.get(reverse("portal:questionnaire_detail", kwargs={"pk": questionnaire.pk}))
    assert mine.status_code == 200 and "1 réponse" in mine.content.decode()
    assert client.get(reverse("portal:questionnaire_detail", kwargs={"pk": other.pk})).status_code == 404
