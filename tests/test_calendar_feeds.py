"""Private calendar feeds (core/feeds.py, core/calendar_views.py, partnerships/feeds.py): valid
iCalendar parsed with the icalendar library, the expected events and no one else's, revoked or
renewed addresses give 404, a rate limit by token; and the preferences page that manages the
user's address and their reminder settings."""

import datetime

import icalendar
import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from core.deadlines import deadline_kinds
from core.feeds import feed_token
from core.models import AuditEntry, CalendarFeed, ReminderPreference
from partnerships.models import PartnerCalendarFeed
from tests.calendar_world import build_calendar_world

DAY = datetime.timedelta(days=1)


@pytest.fixture
def world(db, catalogue):
    return build_calendar_world()


def _end_uid(world, letter):
    end = (world["today"] + 20 * DAY).isoformat()
    return f"agreement_end:agreements.agreement:{world[f'agreement_{letter}'].pk}:{end}@127.0.0.1"


def _events(response) -> dict[str, icalendar.Event]:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}


def _create_user_feed(client, user, *, portal=False) -> str:
    client.force_login(user)
    url = reverse("portal:preferences" if portal else "preferences")
    response = client.post(url, {"action": "feed_new"})
    assert response.status_code == 302
    page = client.get(url)
    address = page.content.decode().split('data-testid="feed-url"')[0].rsplit('value="', 1)[1].split('"')[0]
    client.logout()
    return address.removeprefix("http://testserver")


def test_staff_feed_is_valid_icalendar_with_their_deadlines_and_actions_only(client, world):
    address = _create_user_feed(client, world["lea"])
    events = _events(client.get(address))  # no login: the address is the secret
    assert _end_uid(world, "a") in events
    assert _end_uid(world, "b") not in events  # Marc's partnership
    ending = events[_end_uid(world, "a")]
    assert ending["DTSTART"].params["VALUE"] == "DATE"
    assert ending.decoded("DTSTART") == world["today"] + 20 * DAY
    assert ending.decoded("DTEND") == world["today"] + 21 * DAY
    assert isinstance(ending.decoded("DTSTAMP"), datetime.datetime)
    assert "Accord A" in str(ending["SUMMARY"])
    assert str(ending["URL"]) == f"http://127.0.0.1:8000/staff/agreements/{world['agreement_a'].pk}/"
    action = events[f"activity:{world['activity_a'].pk}@127.0.0.1"]
    assert str(action["SUMMARY"]) == "Atelier A"
    assert action.decoded("DTSTART") == world["today"] + 10 * DAY
    assert action.decoded("DTEND") == world["today"] + 13 * DAY  # the day after the end: exclusive
    assert f"activity:{world['activity_b'].pk}@127.0.0.1" not in events
    # The same address twice: the same UIDs (calendar apps update rather than duplicate).
    assert set(_events(client.get(address))) == set(events)


def test_partner_admin_feed_holds_its_organisations_deadlines_not_another_partners(client, world):
    address = _create_user_feed(client, world["admin_a"], portal=True)
    events = _events(client.get(address))
    assert _end_uid(world, "a") in events and _end_uid(world, "b") not in events
    ending = events[_end_uid(world, "a")]
    assert str(ending["URL"]) == f"http://127.0.0.1:8000/portal/agreements/{world['agreement_a'].pk}/"
    assert f"activity:{world['activity_a'].pk}@127.0.0.1" in events
    assert f"activity:{world['activity_b'].pk}@127.0.0.1" not in events


def test_revoked_or_renewed_or_wrong_address_is_404(client, world):
    old = _create_user_feed(client, world["lea"])
    assert client.get(old).status_code == 200
    new = _create_user_feed(client, world["lea"])  # "Get a new address"
    assert new != old
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200
    with scopes_disabled():
        feed = CalendarFeed.objects.get(user=world["lea"])
    # Léa's token on Marc's feed number, a made-up token: 404.
    marc = _create_user_feed(client, world["marc"])
    marc_pk = int(marc.split("/")[2])
    assert client.get(reverse("calendar_feed", args=[marc_pk, feed_token("user", feed.salt)])).status_code == 404
    assert client.get(reverse("calendar_feed", args=[feed.pk, "x" * 43])).status_code == 404
    # A partner's token is not a user's.
    assert (
        client.get(reverse("partner_calendar_feed", args=[feed.pk, feed_token("user", feed.salt)])).status_code == 404
    )
    client.force_login(world["lea"])
    assert client.post(reverse("preferences"), {"action": "feed_off"}).status_code == 302
    client.logout()
    assert client.get(new).status_code == 404
    with scopes_disabled():
        assert list(
            AuditEntry.objects.filter(object_id=str(world["lea"].pk), action__startswith="calendar_feed.")
            .order_by("pk")
            .values_list("action", flat=True)
        ) == ["calendar_feed.created", "calendar_feed.renewed", "calendar_feed.revoked"]


def test_feed_is_rate_limited_by_token(client, world, monkeypatch):
    monkeypatch.setattr("core.calendar_views.FEED_RATE_LIMIT", (2, 3600))
    address = _create_user_feed(client, world["lea"])
    assert [client.get(address).status_code for _ in range(3)] == [200, 200, 429]
    other = _create_user_feed(client, world["marc"])
    assert client.get(other).status_code == 200  # another token, its own count


def _partner_feed_address(client, admin) -> str:
    client.force_login(admin)
    page = client.get(reverse("portal:deadlines")).content.decode()
    assert "<section" not in page.split("</title>", 1)[0]  # the card is in the page, not in its title
    address = page.split('data-testid="partner-feed-url"')[0].rsplit('value="', 1)[1].split('"')[0]
    client.logout()
    return address.removeprefix("http://testserver")


def test_partner_feed_managed_by_its_admins(client, world):
    client.force_login(world["member_a"])
    assert client.post(reverse("portal:calendar_manage"), {"action": "new"}).status_code == 403
    assert 'data-testid="partner-feed-url"' not in client.get(reverse("portal:deadlines")).content.decode()
    # B's feed first, so that A's feed and A itself have different ids.
    client.force_login(world["admin_b"])
    assert client.post(reverse("portal:calendar_manage"), {"action": "new"}).status_code == 302
    client.force_login(world["admin_a"])
    assert client.post(reverse("portal:calendar_manage"), {"action": "new"}).status_code == 302
    address = _partner_feed_address(client, world["admin_a"])
    with scopes_disabled():
        feed = PartnerCalendarFeed.objects.get(partner__members__user=world["admin_a"])
        assert feed.pk != feed.partner_id
    assert address.startswith(f"/calendar/partners/{feed.partner_id}/")
    events = _events(client.get(address))
    assert _end_uid(world, "a") in events and _end_uid(world, "b") not in events
    assert f"activity:{world['activity_a'].pk}@127.0.0.1" in events
    assert f"activity:{world['activity_b'].pk}@127.0.0.1" not in events
    # B's admin cannot turn A's feed off: the view only ever touches B's own.
    client.force_login(world["admin_b"])
    client.post(reverse("portal:calendar_manage"), {"action": "off"})
    client.logout()
    assert client.get(address).status_code == 200
    client.force_login(world["admin_a"])
    client.post(reverse("portal:calendar_manage"), {"action": "off"})
    client.logout()
    assert client.get(address).status_code == 404
    with scopes_disabled():
        assert not PartnerCalendarFeed.objects.exists()  # B turned its own off, A its own


def test_preferences_save_delivery_muted_kinds_and_language(client, world):
    optional = [k.key for k in deadline_kinds() if not k.mandatory]
    mandatory = [k.key for k in deadline_kinds() if k.mandatory]
    client.force_login(world["lea"])
    page = client.get(reverse("preferences")).content.decode()
    assert f'value="{optional[0]}"' in page and f'value="{mandatory[0]}"' not in page
    response = client.post(
        reverse("preferences"), {"delivery": "individual", "muted_kinds": [optional[0]], "language": "en"}
    )
    assert response.status_code == 302
    with scopes_disabled():
        preference = ReminderPreference.objects.get(user=world["lea"])
        world["lea"].refresh_from_db()
    assert (preference.delivery, preference.muted_kinds) == ("individual", [optional[0]])
    assert world["lea"].preferred_language == "en"
    # A mandatory kind cannot be muted: a message on the form, nothing saved.
    response = client.post(
        reverse("preferences"),
        {"delivery": "digest", "muted_kinds": [mandatory[0]], "language": "fr"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    with scopes_disabled():
        assert ReminderPreference.objects.get(user=world["lea"]).delivery == "individual"


def test_portal_preferences_offer_only_the_portal_kinds(client, world):
    client.force_login(world["admin_a"])
    page = client.get(reverse("portal:preferences")).content.decode()
    for kind in deadline_kinds():
        offered = f'value="{kind.key}"' in page
        assert offered == (not kind.mandatory and kind.shown_in_portal), kind.key
