"""The small world of the calendar tests (feeds, notifications): two partners, their leads."""

import datetime

from django.contrib.auth.models import Group
from django.utils import timezone
from django_scopes import scopes_disabled

from accounts.roles import STAFF_MEMBER
from activities.models import Activity, ActivityType
from agreements.models import Agreement
from agreements.services import ActionSpec, agreement_draft
from partnerships.models import PartnerMember, PartnerRole
from tests.factories import PartnerFactory, PartnershipFactory, StaffFactory, UserFactory

DAY = datetime.timedelta(days=1)


def build_calendar_world() -> dict:
    """Partners A and B, each with an agreement ending in 20 days and an action in ten days (no reminder due today); A's
    partnership is led by Léa, B's by Marc."""
    today = timezone.localdate()
    lea, marc = StaffFactory(username="lea"), StaffFactory(username="marc")
    for user in (lea, marc):
        user.groups.add(Group.objects.get(name=STAFF_MEMBER))
    edit = ActivityType.objects.get(code="edit-a-thon")
    made = {"today": today, "lea": lea, "marc": marc}
    with scopes_disabled():
        for letter, lead in (("a", lea), ("b", marc)):
            partner = PartnerFactory(name=f"Partenaire {letter.upper()}")
            partnership = PartnershipFactory(partners=[partner], lead=lead)
            agreement = agreement_draft(
                partnership=partnership,
                partner=partner,
                kind="partnership_agreement",
                language="fr",
                by=lead,
                actions=[ActionSpec(activity_type=edit)],
            )
            Agreement.objects.filter(pk=agreement.pk).update(
                title=f"Accord {letter.upper()}",
                status="active",
                start_date=today - 300 * DAY,
                end_date=today + 20 * DAY,
            )
            activity = Activity.objects.create(
                partnership=partnership,
                activity_type=edit,
                title=f"Atelier {letter.upper()}",
                start_date=today + 10 * DAY,
                end_date=today + 12 * DAY,
            )
            admin = UserFactory(username=f"admin-{letter}")
            member = UserFactory(username=f"member-{letter}")
            PartnerMember.objects.create(partner=partner, user=admin, role=PartnerRole.ADMIN)
            PartnerMember.objects.create(partner=partner, user=member, role=PartnerRole.MEMBER)
            made |= {
                f"partner_{letter}": partner,
                f"agreement_{letter}": agreement,
                f"activity_{letter}": activity,
                f"admin_{letter}": admin,
                f"member_{letter}": member,
            }
    return made
