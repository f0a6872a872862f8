"""The membership renewal (partnerships/deadlines.py) with frozen time: a year's membership
ends on 31 December; reminded 30 and 7 days before, then 30 days late, until the next year's
membership is recorded; to the partner's staff owner and its portal admins."""

import datetime

import pytest
from django.utils import translation
from django_scopes import scopes_disabled

from core.deadlines import due_on, overdue_deadlines, recipients_for, upcoming_deadlines
from partnerships.models import PartnerMember, PartnerRole
from tests.factories import MembershipFactory, PartnerFactory, StaffFactory, UserFactory
from tests.frozen import at, due_at, offsets_around

END = datetime.date(2027, 12, 31)


@pytest.fixture
def world(db):
    with scopes_disabled():
        owner = StaffFactory(email="owner@wikimedia.fr")
        partner = PartnerFactory(name="Musée A", owner=owner)
        admin = UserFactory(email="admin@musee.example")
        PartnerMember.objects.create(partner=partner, user=admin, role=PartnerRole.ADMIN)
        renewed = PartnerFactory(name="Musée B")
        MembershipFactory(partner=renewed, year=2027)
        MembershipFactory(partner=renewed, year=2028)
        membership = MembershipFactory(partner=partner, year=2027)
    return {"owner": owner, "partner": partner, "admin": admin, "membership": membership, "renewed": renewed}


def test_renewal_30_and_7_days_before_the_end_of_the_year_then_30_days_late(world):
    with scopes_disabled():
        assert offsets_around(END, "membership_renewal", [31, 30, 29, 8, 7, 6, 0, -1, -29, -30, -31]) == {
            31: [],
            30: [30],
            29: [],
            8: [],
            7: [7],
            6: [],
            0: [],
            -1: [],
            -29: [],
            -30: [-30],
            -31: [],
        }
        assert due_at(END - datetime.timedelta(days=30), "membership_renewal") == [(world["membership"].pk, 30)]
        [due] = due_on(END - datetime.timedelta(days=7), kinds=["membership_renewal"])
        recipients = recipients_for([due.occurrence])[due.occurrence.key]
        assert [r.key for r in recipients] == [f"user:{world['admin'].pk}", f"user:{world['owner'].pk}"]
        # Still pending in January: overdue; the next year's membership ends it.
        with at(datetime.date(2028, 1, 15)):
            assert [o.pk for o in overdue_deadlines(kinds=["membership_renewal"])] == [world["membership"].pk]
        MembershipFactory(partner=world["partner"], year=2028)
        assert due_at(END + datetime.timedelta(days=30), "membership_renewal") == []


def test_the_portal_shows_its_own_membership(world):
    with scopes_disabled():
        listed = upcoming_deadlines(END, END, partner=world["partner"], portal=True)
        assert [(o.kind, o.pk) for o in listed] == [("membership_renewal", world["membership"].pk)]
        with translation.override("en"):
            assert listed[0].portal_text == (
                "Your Wikimédia France membership (Musée A – 2027) ends on 31 December: renew the fee (100 € minimum)."
            )
        with translation.override("fr"):
            assert listed[0].portal_text == (
                "Votre adhésion à Wikimédia France (Musée A – 2027) prend fin le 31 décembre\u00a0: "
                "renouvelez la cotisation (100\u00a0€ minimum)."
            )
        assert upcoming_deadlines(END, END, partner=world["renewed"], portal=True) == []


def test_one_query_whatever_the_day(world, django_assert_num_queries):
    with scopes_disabled():
        with django_assert_num_queries(1):
            due_on(datetime.date(2027, 6, 1), kinds=["membership_renewal"])
        with django_assert_num_queries(1):
            due_on(END - datetime.timedelta(days=7), kinds=["membership_renewal"])
