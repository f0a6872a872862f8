"""The pages' cached blocks ({% cache %} under core.context_processors.fragment): every block
is keyed on the fragment key (data version, day, language, user, path and query), none holds a
CSRF token, and what they show follows the data at once."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django_scopes import scopes_disabled

from core import dataversion
from core.context_processors import fragment_key_for
from demo.factories import PartnerFactory, StaffFactory

ROOT = Path(__file__).resolve().parent.parent
CACHE_BLOCK = re.compile(r"{%\s*cache\s+(?P<args>.*?)%}(?P<body>.*?){%\s*endcache\s*%}", re.DOTALL)
INCLUDE = re.compile(r"""{%\s*include\s+["']([^"']+)["']""")


def templates() -> dict[str, str]:
    found: dict[str, str] = {}
    for path in sorted(ROOT.glob("**/templates/**/*.html")):
        if ".venv" in path.parts or "var" in path.parts:
            continue
        name = str(path).split("/templates/", 1)[1]
        found[name] = path.read_text()
    return found


def block_problems(source: str, known: dict[str, str]) -> list[str]:
    """What is wrong with the {% cache %} blocks of one template's source."""
    problems = []
    for block in CACHE_BLOCK.finditer(source):
        args = block.group("args").split()
        if "fragment" not in args[2:]:
            problems.append(f"block {args[1:2]} is not keyed on `fragment`: {' '.join(args)}")
        bodies = [block.group("body")] + [known.get(name, "") for name in INCLUDE.findall(block.group("body"))]
        if any("csrf_token" in body for body in bodies):
            problems.append(f"block {args[1:2]} holds a CSRF token (its key does not carry the CSRF secret)")
    return problems


def test_every_cached_block_is_keyed_on_the_fragment_and_holds_no_csrf_token():
    known = templates()
    problems = [f"{name}: {p}" for name, source in known.items() for p in block_problems(source, known)]
    assert problems == []
    assert sum(len(CACHE_BLOCK.findall(s)) for s in known.values()) >= 2, "the staff navigation and a list at least"


def test_the_block_checker_catches_each_slip():
    assert block_problems('{% cache 300 "x" fragment %}ok{% endcache %}', {}) == []
    assert block_problems('{% cache 300 "x" request.path %}ok{% endcache %}', {}) != []
    assert block_problems('{% cache 300 "x" fragment %}<form>{% csrf_token %}</form>{% endcache %}', {}) != []
    included = {"f.html": "<form>{% csrf_token %}</form>"}
    assert block_problems('{% cache 300 "x" fragment %}{% include "f.html" %}{% endcache %}', included) != []


@pytest.mark.django_db
def test_the_key_changes_with_each_thing_a_block_depends_on():
    first, second = StaffFactory(), StaffFactory()

    def key(user, path="/staff/partners/", language="fr", partner=None):
        request = RequestFactory().get(path)
        request.user = user
        request.partner = partner
        with translation.override(language):
            return fragment_key_for(request)

    base = key(first)
    assert key(first) == base
    assert key(second) != base, "the user"
    assert key(first, language="en") != base, "the language"
    assert key(first, path="/staff/partners/?page=2") != base, "the query string"
    assert key(first, path="/staff/partnerships/") != base, "the path"
    with scopes_disabled():
        one, other = PartnerFactory(), PartnerFactory()
    assert key(first, partner=one) != key(first, partner=other), "the organisation the portal acts for"
    dataversion.bump()
    assert key(first) != base, "the data's version"


@pytest.mark.django_db
def test_the_partner_list_follows_every_write_and_costs_no_query_when_nothing_changed():
    with scopes_disabled():
        partner = PartnerFactory(name="Musée des Augustins")
    client = Client()
    client.force_login(StaffFactory())
    url = reverse("staff:partner_list")
    assert "Musée des Augustins" in client.get(url).content.decode()

    with CaptureQueriesContext(connection) as warm:
        body = client.get(url).content.decode()
    assert "Musée des Augustins" in body
    assert len(warm.captured_queries) == 0, [q["sql"] for q in warm.captured_queries]

    with scopes_disabled():
        type(partner).objects.filter(pk=partner.pk).update(name="Musée Saint-Raymond")  # no signal
    body = client.get(url).content.decode()
    assert "Musée Saint-Raymond" in body
    assert "Musée des Augustins" not in body

    with scopes_disabled():
        type(partner).objects.filter(pk=partner.pk).delete()
    assert "Musée Saint-Raymond" not in client.get(url).content.decode()
