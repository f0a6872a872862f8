"""The main pages rendered in French read as French: Django's "Change" is the verb
"Modifier", no "---------" placeholder, "e-mail" (never "courriel"), "Ko" (never "Kio"),
and every form label starts with a capital letter."""

import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from partnerships.tokens import invitation_path
from tests.browser.test_every_page import portal_pages, public_pages, staff_pages

pytestmark = pytest.mark.django_db

FORBIDDEN = ("---------", "courriel", "électronique")
# "Kio" as a unit after a number only: a random CSRF token or questionnaire token can hold
# the three letters (a CI run failed on one).
KIO_UNIT = re.compile(r"\d(?:\s|&nbsp;|\xa0)*Kio\b")
# "Modification" as the text of a link or a button (a verb is wanted there).
CHANGE_AS_CONTROL = re.compile(r"<(a|button)\b[^>]*>\s*Modification\s*</\1>")
LOWERCASE_LABEL = re.compile(r"<label\b[^>]*>\s*(?:<[^>]+>\s*)*([a-zà-ÿ][^<]{0,40})")


def admin_pages(cast):
    return [
        reverse("admin:index"),
        reverse("admin:partnerships_partner_changelist"),
        reverse("admin:partnerships_partner_change", args=[cast["partner"].pk]),
        reverse("admin:password_change"),
    ]


def french_problems(html: str) -> list[str]:
    problems = [f"contains {word!r}" for word in FORBIDDEN if word in html]
    problems += ["contains 'Kio'" for _ in KIO_UNIT.finditer(html)][:1]
    problems += [f"control reads {m.group(0)!r}" for m in CHANGE_AS_CONTROL.finditer(html)]
    problems += [f"label starts lowercase: {m.group(1)!r}" for m in LOWERCASE_LABEL.finditer(html)]
    return problems


def test_main_pages_read_as_french(cast):
    cast["invitation_url"] = invitation_path(cast["invitation"])
    problems: list[str] = []
    for role, urls in (
        ("staff", staff_pages(cast)),
        ("admin", admin_pages(cast)),
        ("partner_a_admin", portal_pages(cast)),
        (None, [*public_pages(cast), reverse("admin:login"), reverse("password_reset")]),
    ):
        client = Client()
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
        if role is not None:
            client.force_login(cast["users"][role])
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, url
            html = response.content.decode()
            problems += [f"{url}: {p}" for p in french_problems(html)]
            if url == reverse("admin:index"):
                assert re.search(r'class="changelink"[^>]*>\s*Modifier\s*<', html), "admin rows read Modifier"
    assert problems == [], "\n".join(problems)


def test_the_checker_catches_each_slip():
    assert french_problems('<a href="x">Modification</a>') != []
    assert french_problems('<option value="">---------</option>') != []
    assert french_problems("<p>Adresse de courriel</p>") != []
    assert french_problems("<span>3 Kio</span>") != []
    assert french_problems("<span>3\xa0Kio</span>") != []
    assert french_problems("<span>2,9&nbsp;Kio</span>") != []
    assert french_problems("<span>Kiosque à journaux</span>") == []
    assert french_problems('<input name="csrfmiddlewaretoken" value="a8KioZ2">') == []
    assert french_problems('<label for="id_w">site web</label>') != []
    assert french_problems('<th>Modification</th><a href="x">Modifier</a><label>Site web</label>') == []


def test_django_strings_are_overridden(client):
    from django.template.defaultfilters import filesizeformat
    from django.utils import translation

    with translation.override("fr"):
        assert translation.gettext("Change") == "Modifier"
        assert translation.pgettext("history column", "Change") == "Modification"
        assert translation.gettext("Enter a valid email address.") == "Saisissez une adresse e-mail valide."
        from django.db.models.fields import BLANK_CHOICE_DASH
        from django.forms import ModelChoiceField

        from partnerships.models import Partner

        assert str(BLANK_CHOICE_DASH[0][1]) == "Choisir…"
        assert list(ModelChoiceField(Partner.objects.none(), required=False).choices) == [("", "Choisir…")]
        assert filesizeformat(3000).replace("\xa0", " ") == "2,9 Ko"
