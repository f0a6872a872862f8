"""Every form of every page, posted with hostile values: never a server error.

The pages come from the URL walk's resolver and request builder (tests/test_url_access.py):
each staff page as an administrator, each portal page as partner A's admin, each public page
anonymously. Every ``<form method="post">`` found in them is posted once per hostile value,
with every field set to that value; forms with a formset also get their first row duplicated.
The figure is printed in pytest's summary: "N forms × M values, 0 server errors".
"""

from __future__ import annotations

import traceback
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest

from tests.test_url_access import all_routes, area_of, build_url

HOSTILE_VALUES = {
    "huge integer": "99999999999999999999",
    "negative integer": "-9223372036854775809",
    "not a number": "abc",
    "NUL byte": "Musée\x00<b>",
    "10,000 characters": "é" * 10_000,
    "empty": "",
    "markup": "<script>alert(1)</script>=1+1",
}
STATS = {"forms": 0, "values": len(HOSTILE_VALUES), "posts": 0, "errors": 0}
SKIP_ACTIONS = ("/logout/", "/admin/logout/")
AREA_ROLE = {"staff": "admin", "portal": "partner_a_admin", "public": "anonymous", "logged_in": "partner_a_admin"}


class _Forms(HTMLParser):
    """The post forms of a page: action and the fields with their current values."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self._form: dict | None = None
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and (a.get("method") or "get").lower() == "post":
            self._form = {"action": a.get("action") or "", "fields": {}, "multi": set()}
            self.forms.append(self._form)
        if self._form is None:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = (a.get("type") or "text").lower()
            if kind in ("submit", "button", "image", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                self._form["fields"].setdefault(name, [])
                return
            self._form["fields"].setdefault(name, []).append(a.get("value", "on" if kind == "checkbox" else ""))
        elif tag == "select" and name:
            self._select = name
            self._form["fields"].setdefault(name, [])
        elif tag == "option" and self._select and "selected" in a:
            self._form["fields"][self._select].append(a.get("value", ""))
        elif tag == "textarea" and name:
            self._textarea = name
            self._form["fields"][name] = [""]

    def handle_data(self, data):
        if self._form is not None and self._textarea:
            self._form["fields"][self._textarea][0] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def _hostile(fields: dict[str, list[str]], value: str) -> dict[str, list[str]]:
    data = {}
    for name, values in fields.items():
        if name == "csrfmiddlewaretoken" or name.endswith(
            ("-TOTAL_FORMS", "-INITIAL_FORMS", "-MIN_NUM_FORMS", "-MAX_NUM_FORMS")
        ):
            data[name] = values
        else:
            data[name] = [value]
    return data


def _duplicate_first_row(fields: dict[str, list[str]]) -> dict[str, list[str]] | None:
    """A formset with its first row posted twice (two identical contacts, two identical actions)."""
    totals = [n for n in fields if n.endswith("-TOTAL_FORMS")]
    if not totals:
        return None
    data = {k: list(v) for k, v in fields.items()}
    for total in totals:
        prefix = total.removesuffix("-TOTAL_FORMS")
        count = int((fields[total] or ["0"])[0] or 0)
        row = {k: v for k, v in fields.items() if k.startswith(f"{prefix}-0-")}
        for key, values in row.items():
            if not key.endswith("-id"):
                data[key.replace(f"{prefix}-0-", f"{prefix}-{count}-", 1)] = values
        data[total] = [str(count + 1)]
    return data


def _post(client, url: str, data) -> tuple[int, str]:
    try:
        response = client.post(url, data)
    except Exception:  # noqa: BLE001 - the test client re-raises the view's exception: a 500
        return 500, traceback.format_exc(limit=-3)
    return response.status_code, ""


@pytest.fixture
def pages(walk_cast):
    cast = walk_cast
    found = []
    for route in all_routes():
        area = area_of(route)
        if area not in AREA_ROLE:
            continue
        url = build_url(route, cast)
        if url is not None:
            found.append((area, route.name, url))
    return found


def test_every_form_survives_hostile_values(client, cast, pages):
    errors = []
    seen_forms = set()
    for area, name, url in pages:
        role = AREA_ROLE[area]
        client.logout()
        if cast["users"][role] is not None:
            client.force_login(cast["users"][role])
        response = client.get(url)
        if response.status_code != 200 or not response.get("Content-Type", "").startswith("text/html"):
            continue
        parser = _Forms()
        parser.feed(response.content.decode(errors="replace"))
        for form in parser.forms:
            action = urljoin(url, form["action"]) if form["action"] else url
            action = urlsplit(action)._replace(scheme="", netloc="").geturl()
            key = (area, action.split("?")[0], tuple(sorted(form["fields"])))
            if key in seen_forms or action.startswith(SKIP_ACTIONS):
                continue
            seen_forms.add(key)
            STATS["forms"] += 1
            variants = [(label, _hostile(form["fields"], value)) for label, value in HOSTILE_VALUES.items()]
            duplicated = _duplicate_first_row(form["fields"])
            if duplicated is not None:
                variants.append(("duplicate formset row", duplicated))
            for label, data in variants:
                if cast["users"][role] is not None:
                    client.force_login(cast["users"][role])
                status, trace = _post(client, action, data)
                STATS["posts"] += 1
                if status >= 500:
                    STATS["errors"] += 1
                    errors.append(f"POST {action} (form of {name}, {label}) as {role}: {status}\n{trace}")
    assert STATS["forms"] >= 10, "the walk found too few forms: is the page builder broken?"
    assert not errors, "\n".join(errors)
