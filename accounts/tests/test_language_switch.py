"""The language selector changes the language on its button, and says when it also changes
the user's saved preference."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_switching_language_says_that_the_preference_changed(client):
    user = UserFactory(preferred_language="fr")
    client.force_login(user)
    response = client.post(reverse("set_language"), {"language": "en", "next": "/catalogue/"}, follow=True)
    user.refresh_from_db()
    assert user.preferred_language == "en"
    page = response.content.decode()
    assert "English is now also your preferred language for e-mails and documents." in page

    response = client.post(reverse("set_language"), {"language": "fr", "next": "/catalogue/"}, follow=True)
    assert "Français est désormais aussi votre langue préférée pour les e-mails et les documents." in (
        response.content.decode()
    )


def test_no_message_when_the_preference_does_not_change(client):
    user = UserFactory(preferred_language="en")
    client.force_login(user)
    response = client.post(reverse("set_language"), {"language": "en", "next": "/catalogue/"}, follow=True)
    assert "preferred language" not in response.content.decode()


def test_the_selector_has_an_explicit_button_and_no_autosubmit(client):
    page = client.get(reverse("catalogue:list")).content.decode()
    assert "data-autosubmit" not in page
    form = page[page.index('action="/i18n/setlang/"') :]
    form = form[: form.index("</form>")]
    assert '<button type="submit"' in form
    assert ">Appliquer</button>" in form
