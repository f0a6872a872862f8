"""The deadlines pages (partnerships/views/deadlines.py): the staff page's filters, the
portal page showing the partner's own only. Real agreements carry the deadlines (their end,
a signature pending), dated from today."""

import datetime
import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from accounts.roles import STAFF_MEMBER
from activities.models import ActivityType
from agreements.models import Agreement
from agreements.services import ActionSpec, agreement_draft
from partnerships.models import PartnerMember, PartnerRole
from tests.factories import MembershipFactory, PartnerFactory, PartnershipFactory, StaffFactory, UserFactory
from tests.frozen import at
from tests.query_counts import BADGE, STAFF, Q, capture, check

DAY = datetime.timedelta(days=1)


@pytest.fixture
def world(db, catalogue):
    """Two partners, each with an agreement ending in 20 days; A's has another waiting for its
    signature for 40 days (overdue by 10), led by another staff member in another region."""
    today = timezone.localdate()
    lead_1 = StaffFactory(username="lea", first_name="Léa")
    lead_2 = StaffFactory(username="marc", first_name="Marc")
    for user in (lead_1, lead_2):
        user.groups.add(Group.objects.get(name=STAFF_MEMBER))
    a = PartnerFactory(name="Musée A", region="OCC")
    b = PartnerFactory(name="Archives B", region="BRE")
    edit = ActivityType.objects.get(code="edit-a-thon")

    def agreement(partner, lead, title, **update):
        partnership = PartnershipFactory(partners=[partner], lead=lead)
        made = agreement_draft(
            partnership=partnership,
            partner=partner,
            kind="partnership_agreement",
            language="fr",
            by=lead,
            actions=[ActionSpec(activity_type=edit)],
        )
        Agreement.objects.filter(pk=made.pk).update(title=title, **update)
        made.refresh_from_db()
        return made

    with scopes_disabled():
        ending_a = agreement(
            a, lead_1, "Fin A", status="active", start_date=today - 300 * DAY, end_date=today + 20 * DAY
        )
        ending_b = agreement(
            b, lead_1, "Fin B", status="active", start_date=today - 300 * DAY, end_date=today + 20 * DAY
        )
        pending_a = agreement(a, lead_2, "Signature A", status="sent", sent_on=today - 40 * DAY)
    admin_a, admin_b = UserFactory(username="alice-a"), UserFactory(username="bob-b")
    PartnerMember.objects.create(partner=a, user=admin_a, role=PartnerRole.ADMIN)
    PartnerMember.objects.create(partner=b, user=admin_b, role=PartnerRole.ADMIN)
    return {
        "today": today,
        "a": a,
        "b": b,
        "lead_1": lead_1,
        "lead_2": lead_2,
        "ending_a": ending_a,
        "ending_b": ending_b,
        "pending_a": pending_a,
        "admin_a": admin_a,
        "admin_b": admin_b,
    }


def _listed(response) -> tuple[set[str], set[str]]:
    """The deadlines listed as overdue and as upcoming, as "<kind>:<agreement title>"."""
    with scopes_disabled():
        titles = dict(Agreement.objects.values_list("pk", "title"))

    def names(rows):
        return {f"{r['key'].split(':')[0]}:{titles[int(r['key'].split(':')[2])]}" for r in rows}

    return names(response.context["overdue"]), names(response.context["upcoming"])


def _staff_get(client, world, **params):
    client.force_login(world["lead_1"])
    return client.get(reverse("staff:deadlines"), params)


def test_staff_page_lists_overdue_then_the_next_90_days_with_links(client, world):
    response = _staff_get(client, world)
    assert response.status_code == 200
    overdue, upcoming = _listed(response)
    assert overdue == {"agreement_signature:Signature A"}
    assert upcoming == {"agreement_end:Fin A", "agreement_end:Fin B"}
    text = response.content.decode()
    assert reverse("staff:agreement_detail", args=[world["ending_b"].pk]) in text
    assert reverse("staff:agreement_detail", args=[world["pending_a"].pk]) in text
    assert "10 jours de retard" in text


@pytest.mark.parametrize(
    ("params", "overdue", "upcoming"),
    [
        ({"kind": "agreement_end"}, set(), {"agreement_end:Fin A", "agreement_end:Fin B"}),
        ({"kind": "agreement_signature"}, {"agreement_signature:Signature A"}, set()),
        ({"partner": "b"}, set(), {"agreement_end:Fin B"}),
        ({"owner": "lead_2"}, {"agreement_signature:Signature A"}, set()),
        ({"region": "BRE"}, set(), {"agreement_end:Fin B"}),
        ({"start": "+21", "end": "+60"}, {"agreement_signature:Signature A"}, set()),
        (
            {"start": "+1", "end": "+20"},
            {"agreement_signature:Signature A"},
            {"agreement_end:Fin A", "agreement_end:Fin B"},
        ),
    ],
)
def test_staff_filters(client, world, params, overdue, upcoming):
    values = {}
    for name, value in params.items():
        if name in ("partner", "owner"):
            value = world[value].pk
        elif value.startswith("+"):
            value = (world["today"] + int(value) * DAY).isoformat()
        values[name] = value
    response = _staff_get(client, world, **values)
    assert response.status_code == 200
    assert _listed(response) == (overdue, upcoming)


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"start": "+30", "end": "+10"}, "The end of the period comes before its start."),
        ({"start": "+0", "end": "+401"}, "Choose a period of at most 400 days."),
        ({"start": "not-a-date"}, "Enter a valid date."),
        ({"kind": "nope"}, "Select a valid choice."),
        ({"partner": "99999999"}, "No partner matches “99999999”."),
        ({"partner": "zzzz-nobody"}, "No partner matches “zzzz-nobody”."),
    ],
)
def test_staff_bad_filters_say_so_and_list_nothing(client, world, params, message):
    values = {k: (world["today"] + int(v) * DAY).isoformat() if v.startswith("+") else v for k, v in params.items()}
    client.force_login(world["lead_1"])
    response = client.get(reverse("staff:deadlines"), values, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert message in response.content.decode()
    assert response.context["upcoming"] == [] and response.context["overdue"] == []


def test_portal_page_shows_only_the_partners_own(client, world):
    client.force_login(world["admin_a"])
    response = client.get(reverse("portal:deadlines"))
    assert response.status_code == 200
    text = response.content.decode()
    assert reverse("portal:agreement_detail", args=[world["ending_a"].pk]) in text
    assert reverse("portal:agreement_detail", args=[world["pending_a"].pk]) in text
    assert "Fin B" not in text  # partner B's agreement, due the same day
    assert reverse("portal:agreement_detail", args=[world["ending_b"].pk]) not in text
    assert [r["key"].split(":")[0] for r in response.context["overdue"]] == ["agreement_signature"]
    assert [r["key"].split(":")[0] for r in response.context["upcoming"]] == ["agreement_end"]

    client.force_login(world["admin_b"])
    text = client.get(reverse("portal:deadlines")).content.decode()
    assert "Fin B" in text
    assert "Fin A" not in text and "Signature A" not in text


def test_staff_page_lists_by_pages_and_counts_every_deadline(client, world, monkeypatch):
    """At 10,000 partners the next 90 days hold thousands of deadlines: each list by pages,
    its count over all of them; the overdue list has its own page number."""
    from partnerships.views import deadlines

    monkeypatch.setattr(deadlines, "UPCOMING_PAGE_SIZE", 1)
    first = _staff_get(client, world)
    second = _staff_get(client, world, page=2)
    assert len(first.context["upcoming"]) == len(second.context["upcoming"]) == 1
    assert _listed(first)[1] | _listed(second)[1] == {"agreement_end:Fin A", "agreement_end:Fin B"}
    text = first.content.decode()
    assert re.search(r'data-testid="upcoming-count">2<', text)
    assert 'href="?page=2"' in text and 'rel="next"' in text
    # The overdue list keeps its own page whatever the upcoming list's page is.
    assert _listed(_staff_get(client, world, page=2, overdue_page=7))[0] == {"agreement_signature:Signature A"}


def test_staff_partner_filter_is_a_text_box_naming_one_partner(client, world):
    """Not a select of every partner (at 10,000 partners it was 650 KB of the page): the name
    or part of it, or the number; a text naming several partners says so."""
    client.force_login(world["lead_1"])
    url = reverse("staff:deadlines")
    page = client.get(url).content.decode()
    assert re.search(r'<input type="text" name="partner"[^>]*placeholder="Nom ou numéro"', page)
    with scopes_disabled():
        b_name = world["b"].name
    named = client.get(url, {"partner": b_name.upper()})
    assert named.status_code == 200
    assert _listed(named) == (set(), {"agreement_end:Fin B"})
    several = client.get(url, {"partner": "E"})  # "Musée A", "Archives B"
    assert several.status_code == 400
    assert "Plusieurs partenaires correspondent" in several.content.decode()


# --- By pages, counted up to a cap (core.deadlines.DeadlineList), at any data size --------

RENEWALS_DAY = datetime.date(2027, 12, 10)  # 31 December 2027 is 21 days ahead


@pytest.fixture
def renewals(db):
    """``grow(n)``: n more memberships of 2027 ending on 31 December (upcoming) and n of 2026
    not renewed (overdue); the only deadlines of this world."""
    made = []

    def grow(n: int) -> None:
        with scopes_disabled():
            for _ in range(n):
                MembershipFactory(year=2027)
                MembershipFactory(year=2026)
                made.append(n)

    return grow


def _staff_at_renewals_day(client):
    staff = StaffFactory(username="lea")
    staff.groups.add(Group.objects.get(name=STAFF_MEMBER))
    client.force_login(staff)


def test_past_the_cap_the_page_says_so_and_pages_up_to_the_cap(client, renewals, monkeypatch):
    from partnerships.views import deadlines

    monkeypatch.setattr(deadlines, "LISTED_UP_TO", 5)
    monkeypatch.setattr(deadlines, "UPCOMING_PAGE_SIZE", 2)
    monkeypatch.setattr(deadlines, "OVERDUE_PAGE_SIZE", 2)
    renewals(8)
    with at(RENEWALS_DAY):
        _staff_at_renewals_day(client)
        url = reverse("staff:deadlines")
        first = client.get(url)
        text = first.content.decode()
        assert first.status_code == 200
        assert re.search(r'data-testid="upcoming-count">plus de 5<', text)
        assert re.search(r'data-testid="overdue-count">plus de 5<', text)
        assert (
            "Plus de 5 échéances sur cette période : précisez la période, la nature, le partenaire, "
            "le ou la responsable ou la région. Les 5 premières sont listées."
        ) in text
        assert "Plus de 5 échéances en retard : précisez la nature" in text
        # Pages up to the cap: 2 + 2 + 1 of the 8, no fourth page.
        assert "Page 1 sur 3" in text and 'href="?page=3"' in text and "?page=4" not in text
        last = client.get(url, {"page": 3})
        assert len(last.context["upcoming"]) == 1 and "Page 3 sur 3" in last.content.decode()
        assert client.get(url, {"page": 4}).context["upcoming"] == last.context["upcoming"]
        english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
        assert re.search(r'data-testid="upcoming-count">more than 5<', english)
        assert (
            "More than 5 deadlines in this period: narrow the period, the kind, the partner, the staff "
            "lead or the region. The first 5 are listed."
        ) in english
        assert "More than 5 overdue deadlines: narrow them by kind, partner, staff lead or region." in english
        # At the cap exactly: the count, no sentence (no write happened: the cached block goes).
        monkeypatch.setattr(deadlines, "LISTED_UP_TO", 8)
        exact = capture(client, url)[1]
        assert re.search(r'data-testid="upcoming-count">8<', exact) and "Plus de" not in exact
        assert 'data-testid="upcoming-capped"' not in exact and "Page 1 sur 4" in exact


# The queries of the staff deadlines page when only memberships are due (see
# tests/test_query_counts.py STAFF_DEADLINES): each list's capped counts, then its page, where
# only the memberships' source reads rows.
RENEWALS_QUERIES = (
    *STAFF,
    BADGE,
    Q("accounts_user", "the staff lead filter's choices"),
    Q("grants_fundingregion", "the region filter's choices: the funding regions"),
    Q("agreements_agreement", "overdue: COUNT of agreements waiting for a signature, capped (none)"),
    Q("partnerships_membership", "overdue: COUNT of memberships of last year not renewed, capped"),
    Q("grants_timelinestep", "overdue and the period: the feedback steps (none)"),
    Q("activities_metricssnapshot", "overdue and the period: impact figures failing (none)"),
    Q("grants_timelinestep", "overdue and the period: the decision steps (none)"),
    Q("grants_payment", "overdue and the period: payments planned and not sent (none)"),
    Q("grants_programme", "overdue and the period: the programmes' final-report delays (none)"),
    Q("activities_activity", "overdue: COUNT of actions whose evaluation is due, capped (none)"),
    Q("evaluations_evaluation", "overdue and the period: evaluations waiting for WMFR's side (none)"),
    Q("evaluations_evaluation", "overdue and the period: evaluations waiting for the partner's side (none)"),
    Q("partnerships_membership", "the overdue page: the first memberships not renewed (LIMIT)"),
    Q("agreements_agreement", "in the period: COUNT of agreements ending, capped (none)"),
    Q("agreements_agreement", "in the period: COUNT of agreements waiting for a signature, capped (none)"),
    Q("partnerships_membership", "in the period: COUNT of memberships ending on 31 December, capped"),
    Q("activities_activity", "in the period: COUNT of actions starting, capped (none)"),
    Q("grants_timelinestep", "in the period: submission deadlines (none)"),
    Q("activities_activity", "in the period: COUNT of actions ending, capped (none)"),
    Q("grants_timelinestep", "in the period: midpoint conversations (none)"),
    Q("activities_activity", "in the period: COUNT of actions whose evaluation is due, capped (none)"),
    Q("evaluations_questionnaire", "in the period: COUNT of questionnaires closing, capped (none)"),
    Q("partnerships_membership", "the period's page: the first memberships ending (LIMIT)"),
)


def test_the_staff_page_costs_the_same_queries_for_3_and_30_renewals(client, renewals, monkeypatch):
    """Past a page's size (10 and 5 here) and below it, the same queries: the LIMIT and the
    capped COUNT follow the page, not the memberships."""
    from partnerships.views import deadlines

    monkeypatch.setattr(deadlines, "UPCOMING_PAGE_SIZE", 10)
    monkeypatch.setattr(deadlines, "OVERDUE_PAGE_SIZE", 5)
    with at(RENEWALS_DAY):
        _staff_at_renewals_day(client)
        url = reverse("staff:deadlines")
        renewals(3)
        small, small_text = capture(client, url)
        renewals(27)
        large, large_text = capture(client, url)
    check("staff:deadlines (3 / 30 memberships due)", (3, 30), small, large, RENEWALS_QUERIES)
    assert re.search(r'data-testid="upcoming-count">3<', small_text)
    assert re.search(r'data-testid="upcoming-count">30<', large_text)
    assert re.search(r'data-testid="overdue-count">30<', large_text)
    rows = "la cotisation est à renouveler"  # one per membership listed: 5 overdue + 10, or 3 + 3
    assert large_text.count(rows) == 15 and small_text.count(rows) == 6
