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


# Two sentences glued together ("faire cela.Seuls les…"): what a translation pasted over
# another leaves behind. A lower-case letter, a full stop, then a capital and a lower-case one
# (so "M.Dupont" style initials and "e.g." never match, and neither do URLs, with no capital).
RUN_TOGETHER = re.compile(r"[a-zà-ÿ]\.[A-ZÀ-Ý][a-zà-ÿ]")
MSGSTR = re.compile(r'^msgstr(?:\[\d\])? ((?:"(?:[^"\\]|\\.)*"\n?)+)', re.MULTILINE)


def run_together_sentences(po_text: str) -> list[str]:
    found = []
    for match in MSGSTR.finditer(po_text):
        text = "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', match.group(1)))
        if RUN_TOGETHER.search(text):
            found.append(text)
    return found


def test_no_translation_runs_two_sentences_together():
    catalogues = sorted(
        p for p in settings.BASE_DIR.glob("**/locale/fr/LC_MESSAGES/django.po") if ".venv" not in p.parts
    )
    assert len(catalogues) >= 5, catalogues  # the root catalogue and the apps' own
    problems = {str(p.relative_to(settings.BASE_DIR)): run_together_sentences(p.read_text()) for p in catalogues}
    assert {p: found for p, found in problems.items() if found} == {}


def test_the_run_together_check_catches_a_glued_translation():
    glued = (
        'msgid "x"\nmsgstr ""\n"Seuls les administrateurs peuvent faire "\n"cela.Seuls les gestionnaires le peuvent."\n'
    )
    assert run_together_sentences(glued) == [
        "Seuls les administrateurs peuvent faire cela.Seuls les gestionnaires le peuvent."
    ]
    assert run_together_sentences('msgid "y"\nmsgstr "Voir wikimedia.fr. Puis M. Dupont."\n') == []
