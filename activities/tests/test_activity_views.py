"""Staff and portal pages of activities: forms, bad input, the figures shown, isolation."""

from __future__ import annotations

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from activities import metrics
from activities.models import Activity, Indicator, MetricsScope, MetricsSnapshot, SnapshotStatus, Stakeholder
from activities.services import IndicatorRow, StakeholderRow, activity_plan_save
from activities.tests.conftest import ATELIER_USERS, SAMPLE
from partnerships.models import PartnerMember, PartnerRole
from tests.factories import PartnerFactory, PartnershipFactory, UserFactory


def plan_post(prefix_rows: dict[str, list[dict]]) -> dict:
    data = {}
    for prefix, rows in prefix_rows.items():
        data[f"{prefix}-TOTAL_FORMS"] = str(len(rows))
        data[f"{prefix}-INITIAL_FORMS"] = "0"
        for i, row in enumerate(rows):
            for key, value in row.items():
                data[f"{prefix}-{i}-{key}"] = value
    return data


EMPTY = {"ind": [], "sh": [], "cost": [], "contrib": []}


def test_staff_creates_an_activity(staff_client, catalogue):
    partnership = PartnershipFactory(partners=[PartnerFactory()])
    from activities.models import ActivityType

    response = staff_client.post(
        reverse("staff:activity_create", args=[partnership.pk]),
        {
            "activity_type": ActivityType.objects.get(code="training").pk,
            "title": "Formation des bibliothécaires",
            "start_date": "2024-05-02",
            "end_date": "2024-05-03",
            "location": "Rennes",
            "region": "BRE",
            "audience": "Bibliothécaires",
        },
    )
    with scopes_disabled():
        activity = Activity.objects.get()
    assert response.status_code == 302
    assert (activity.region, activity.location, activity.audience) == ("BRE", "Rennes", "Bibliothécaires")
    # The plan page suggests the training type's indicators.
    page = staff_client.get(reverse("staff:activity_plan", args=[activity.pk])).content.decode()
    assert 'value="people_to_train" selected' in page


def test_an_end_before_the_start_is_refused_and_nothing_is_saved(staff_client, catalogue):
    from activities.models import ActivityType

    partnership = PartnershipFactory(partners=[PartnerFactory()])
    response = staff_client.post(
        reverse("staff:activity_create", args=[partnership.pk]),
        {
            "activity_type": ActivityType.objects.get(code="training").pk,
            "title": "À l’envers",
            "start_date": "2024-05-03",
            "end_date": "2024-05-02",
        },
    )
    assert response.status_code == 400
    assert "La date de fin ne peut pas être antérieure à la date de début." in response.content.decode()
    assert not Activity.objects.exists()


def test_plan_saves_targets_hours_and_costs_together(staff_client, activity):
    data = plan_post(
        {
            "ind": [{"kind": "bytes_added", "target": "8000"}, {"label": "Ateliers", "unit": "séances", "target": "2"}],
            "sh": [{"name": "Jeanne", "kind": "volunteer", "username": "exemple_contributrice", "hours": "6"}],
            "cost": [{"category": "travel", "planned": "120", "actual": "98.50"}],
            "contrib": [{"description": "Salle et café", "planned": "300"}],
        }
    )
    response = staff_client.post(reverse("staff:activity_plan", args=[activity.pk]), data)
    assert response.status_code == 302
    with scopes_disabled():
        assert [i.display_label for i in activity.indicators.all()] == ["Octets ajoutés", "Ateliers"]
        assert Stakeholder.objects.get().username == "Exemple contributrice"
        assert activity.costs.get().actual == Decimal("98.50")


def test_a_bad_row_saves_nothing(staff_client, activity):
    with scopes_disabled():
        activity_plan_save(
            activity=activity,
            by=None,
            indicators=[IndicatorRow(kind="participants", target=Decimal(10))],
            stakeholders=[],
            costs=[],
            contributions=[],
        )
    data = plan_post(
        {
            "ind": [{"kind": "bytes_added", "target": "8000"}],
            "sh": [],
            "cost": [{"category": "travel", "planned": "1"}, {"category": "travel", "planned": "2"}],
            "contrib": [],
        }
    )
    response = staff_client.post(reverse("staff:activity_plan", args=[activity.pk]), data)
    assert response.status_code == 400
    assert "Chaque catégorie de dépense ne peut figurer qu’une fois." in response.content.decode()
    with scopes_disabled():
        assert list(Indicator.objects.values_list("kind", flat=True)) == ["participants"]  # unchanged


def scope_post(**changes) -> dict:
    return {"wiki": "fr.wikipedia.org", "usernames": ATELIER_USERS, "commons_category": SAMPLE, **changes}


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"usernames": "Exemple Contributrice\nCompte inexistant exemple"}, "Compte inexistant exemple"),
        ({"usernames": "", "commons_category": "Catégorie inexistante exemple"}, "Catégorie inexistante exemple"),
        ({"window_start": "2024-03-20", "window_end": "2024-03-10"}, "La période se termine avant de commencer."),
        ({"wiki": "wiki.example.com"}, "n’est pas un projet Wikimédia"),
    ],
)
def test_scope_form_bad_input(staff_client, activity, replay, changes, message):
    response = staff_client.post(reverse("staff:activity_scope", args=[activity.pk]), scope_post(**changes))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not MetricsScope.objects.exists()


def test_refresh_collects_and_the_page_shows_results_against_targets(
    staff_client, activity, replay, django_capture_on_commit_callbacks
):
    with scopes_disabled():
        activity_plan_save(
            activity=activity,
            by=None,
            indicators=[
                IndicatorRow(kind="bytes_added", target=Decimal(8000)),
                IndicatorRow(kind="articles_created", target=Decimal(4)),
                IndicatorRow(kind="people_made_aware", target=Decimal(30), manual_result=Decimal(24)),
            ],
            stakeholders=[StakeholderRow(name="Jeanne", kind="volunteer", hours=Decimal(10))],
            costs=[],
            contributions=[],
        )
    response = staff_client.post(reverse("staff:activity_scope", args=[activity.pk]), scope_post())
    assert response.status_code == 302
    with django_capture_on_commit_callbacks(execute=True):  # the (eager) task runs on commit
        response = staff_client.post(reverse("staff:activity_refresh", args=[activity.pk]), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    with scopes_disabled():
        snapshot = MetricsSnapshot.objects.get()
    assert snapshot.status == SnapshotStatus.DONE
    page = staff_client.get(reverse("staff:activity_detail", args=[activity.pk])).content.decode()
    assert "Chiffres au" in page
    # bytes: 10 550 against 8 000 -> +2 550, +31.9 %; articles created 2 against 4 -> -2, -50 %;
    # people made aware, by hand: 24 against 30 -> -6, -20 %.
    for expected in ("10\u00a0550", "+2\u00a0550", "+31,9&nbsp;%", "-50,0&nbsp;%", "-6", "-20,0&nbsp;%"):
        assert expected in page, expected
    # Hours per unit: 10 h / 2 articles created = 5.
    assert ">5<" in page


def test_progress_panel_polls_until_the_snapshot_is_finished(staff_client, activity):
    MetricsScope.objects.create(activity=activity, usernames="A")
    snapshot = MetricsSnapshot.objects.create(activity=activity)
    url = reverse("staff:snapshot_progress", args=[activity.pk, snapshot.pk])
    response = staff_client.get(url, HTTP_HX_REQUEST="true")
    assert 'data-hx-trigger="every 1s"' in response.content.decode()
    assert "HX-Refresh" not in response
    with scopes_disabled():
        MetricsSnapshot.objects.filter(pk=snapshot.pk).update(status=SnapshotStatus.DONE)
    response = staff_client.get(url, HTTP_HX_REQUEST="true")
    assert response["HX-Refresh"] == "true"
    assert "hx-trigger" not in response.content.decode()
    other = MetricsSnapshot.objects.create(
        activity=Activity.objects.create(
            partnership=activity.partnership, activity_type=activity.activity_type, title="Autre"
        )
    )
    assert staff_client.get(reverse("staff:snapshot_progress", args=[activity.pk, other.pk])).status_code == 404


def test_export_neutralises_formulas(staff_client, activity):
    with scopes_disabled():
        Activity.objects.filter(pk=activity.pk).update(title='=HYPERLINK("http://evil")')
    response = staff_client.get(reverse("staff:activity_export", args=["csv"]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Identifiant", "Titre", "Type d’action"]
    assert rows[1][1] == '\'=HYPERLINK("http://evil")'
    assert staff_client.get(reverse("staff:activity_export", args=["xlsx"]))["Content-Type"].startswith(
        "application/vnd.openxmlformats"
    )


def test_list_filters(staff_client, activity):
    url = reverse("staff:activity_list")
    assert activity.title in staff_client.get(url + "?region=ARA").content.decode()
    assert activity.title not in staff_client.get(url + "?region=BRE").content.decode()
    assert activity.title in staff_client.get(url + "?date_from=2024-03-16&date_to=2024-03-16").content.decode()
    assert activity.title not in staff_client.get(url + "?date_from=2024-03-17").content.decode()
    with scopes_disabled():
        partner = activity.partnership.partners.get()
    assert activity.title in staff_client.get(url + f"?partner={partner.pk}").content.decode()
    assert activity.title not in staff_client.get(url + f"?partner={PartnerFactory().pk}").content.decode()
    # By name (a text box, not a select of every partner): folded, part of the name.
    fragment = partner.name[1:6].upper()
    assert activity.title in staff_client.get(url, {"partner": fragment}).content.decode()
    assert activity.title not in staff_client.get(url, {"partner": "zzzz-no-such-partner"}).content.decode()
    assert staff_client.get(url, {"partner": "9" * 30}).status_code == 200


def test_calendar_and_week_show_the_activity_on_its_day(staff_client, activity):
    with scopes_disabled():
        Activity.objects.filter(pk=activity.pk).update(end_date=datetime.date(2024, 3, 17))
    month = staff_client.get(reverse("staff:activity_calendar") + "?month=2024-03").content.decode()
    assert month.count(activity.title) == 2 * 2  # two days, link text and title attribute
    assert "Mars 2024" in month
    week = staff_client.get(reverse("staff:activity_week") + "?day=2024-03-13").content.decode()
    assert week.count(f">{activity.title}</a>") == 2  # Saturday 16 and Sunday 17
    other_week = staff_client.get(reverse("staff:activity_week") + "?day=2024-03-20").content.decode()
    assert activity.title not in other_week


def test_a_crowded_day_of_the_month_shows_four_activities_then_a_link_to_its_week(staff_client, activity):
    """At 10,000 partners a day holds dozens of activities: the month shows four, then "et N
    autres", a link to the week, which lists them all."""
    with scopes_disabled():
        for n in range(5):
            clone = Activity.objects.get(pk=activity.pk)
            clone.pk, clone.id, clone.title = None, None, f"Atelier {n}"
            clone.save()
    month = staff_client.get(reverse("staff:activity_calendar") + "?month=2024-03").content.decode()
    shown = [t for t in [activity.title, *(f"Atelier {n}" for n in range(5))] if f">{t}</a>" in month]
    assert len(shown) == 4
    week_link = reverse("staff:activity_week") + "?day=2024-03-16"
    assert f'href="{week_link}">et 2 autres</a>' in month
    week = staff_client.get(week_link).content.decode()
    assert all(f">Atelier {n}</a>" in week for n in range(5))


@pytest.fixture
def partner_user(activity):
    user = UserFactory(username="musee-admin")
    PartnerMember.objects.create(partner=activity.partnership.partners.get(), user=user, role=PartnerRole.ADMIN)
    return user


def test_the_partner_sees_its_activity_read_only_and_not_others(client, activity, partner_user):
    other = Activity.objects.create(
        partnership=PartnershipFactory(partners=[PartnerFactory()]),
        activity_type=activity.activity_type,
        title="Activité d’un autre partenaire",
    )
    client.force_login(partner_user)
    listing = client.get(reverse("portal:activity_list")).content.decode()
    assert activity.title in listing and other.title not in listing
    assert client.get(reverse("portal:activity_detail", args=[activity.pk])).status_code == 200
    assert client.get(reverse("portal:activity_detail", args=[other.pk])).status_code == 404
    assert client.post(reverse("portal:activity_participants", args=[other.pk]), {"usernames": "X"}).status_code == 404


def test_the_partner_adds_participants_checked_on_the_wiki(client, activity, partner_user, replay):
    with scopes_disabled():
        metrics.scope_save(activity=activity, data=metrics.ScopeInput(usernames="Exemple Contributrice"), by=None)
    client.force_login(partner_user)
    url = reverse("portal:activity_participants", args=[activity.pk])
    response = client.post(url, {"usernames": "Compte inexistant exemple"})
    assert response.status_code == 400
    with scopes_disabled():
        assert "Aucun compte «\u00a0Compte inexistant exemple\u00a0» sur fr.wikipedia.org." in response.content.decode()
        assert MetricsScope.objects.get().username_list == ["Exemple Contributrice"]
    response = client.post(url, {"usernames": "Exemple Contributeur"})
    assert response.status_code == 302
    with scopes_disabled():
        assert MetricsScope.objects.get().username_list == ["Exemple Contributrice", "Exemple Contributeur"]
