"""The registries the apps fill: the portal's deadlines and navigation come from the apps
above ``partnerships`` without it importing them."""

import datetime

from core.registry import Deadline, portal_deadlines, portal_deadlines_register, portal_sections


def test_the_apps_register_their_portal_sections_in_order():
    assert [s.url_name for s in portal_sections()][:4] == [
        "portal:home",
        "portal:principles",
        "portal:deadlines",
        "portal:agreement_list",
    ]
    assert portal_sections()[-1].url_name == "catalogue:list"


def test_deadlines_come_from_every_source_undated_first(monkeypatch):
    monkeypatch.setattr("core.registry._deadline_sources", {})
    later, sooner = datetime.date(2027, 3, 1), datetime.date(2027, 1, 1)
    portal_deadlines_register("b", lambda partner: [Deadline(label="later", date=later)])
    portal_deadlines_register("a", lambda partner: [Deadline(label="sooner", date=sooner), Deadline(label="now")])
    assert [d.label for d in portal_deadlines(object())] == ["now", "sooner", "later"]
