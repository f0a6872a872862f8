"""Grants fixtures: the fund loaded from its data, an invited organisation with a draft that
passes every rule, an officer and one committee member per open region."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.contrib.auth.models import Group
from django_scopes import scopes_disabled

from accounts.roles import GRANTS_COMMITTEE, PROGRAMME_OFFICER
from grants import services
from grants.loading import load_all
from grants.models import CommitteeMember, FocusArea, FundingRegion, RoundRegion
from partnerships.models import LegalStatus, PartnerMember, PartnerRole
from tests.factories import PartnerFactory, StaffFactory, UserFactory

# Before every FY 2023-24 deadline (SSA: 1 March 2024, ESEAP: 14 March 2024), 10:00 Paris.
BEFORE_DEADLINE = datetime.datetime(2024, 2, 20, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture
def fund(db):
    load_all()


@pytest.fixture
def frozen():
    with time_machine.travel(BEFORE_DEADLINE, tick=False) as traveller:
        yield traveller


def round_region(code: str) -> RoundRegion:
    return RoundRegion.objects.select_related("round__fiscal_year__programme", "region").get(
        round__fiscal_year__code="2023-24", region__code=code
    )


@pytest.fixture
def ssa(fund):
    return round_region("ssa")


@pytest.fixture
def eseap(fund):
    return round_region("eseap")


@pytest.fixture
def officer(db):
    user = StaffFactory(username="olga-officer", first_name="Olga")
    user.groups.add(Group.objects.get(name=PROGRAMME_OFFICER))
    return user


def committee_member(username: str, region_code: str):
    user = StaffFactory(username=username)
    user.groups.add(Group.objects.get(name=GRANTS_COMMITTEE))
    CommitteeMember.objects.create(user=user, region=FundingRegion.objects.get(code=region_code))
    return user


@pytest.fixture
def member_ssa(fund):
    return committee_member("sam-ssa", "ssa")


@pytest.fixture
def member_eseap(fund):
    return committee_member("eve-eseap", "eseap")


@scopes_disabled()  # a builder called from test bodies too, as a factory is
def organisation(name: str, country: str = "KE", legal_status: str = LegalStatus.NON_PROFIT):
    partner = PartnerFactory(name=name, country=country, legal_status=legal_status, region="")
    admin = UserFactory(username=f"{name.lower().replace(' ', '-')}-admin")
    member = UserFactory(username=f"{name.lower().replace(' ', '-')}-member")
    PartnerMember.objects.create(partner=partner, user=admin, role=PartnerRole.ADMIN)
    PartnerMember.objects.create(partner=partner, user=member, role=PartnerRole.MEMBER)
    return partner


@scopes_disabled()  # a builder called from test bodies too, as a factory is
def admin_of(partner) -> PartnerMember:
    return PartnerMember.objects.get(partner=partner, role=PartnerRole.ADMIN)


@scopes_disabled()  # a builder called from test bodies too, as a factory is
def member_of(partner) -> PartnerMember:
    return PartnerMember.objects.get(partner=partner, role=PartnerRole.MEMBER)


def good_content(**fields) -> services.DraftContent:
    values = {
        "applicant_kind": "non_profit",
        "title": "Wikipédia en kiswahili dans les bibliothèques",
        "summary": "Ateliers d'écriture avec trois bibliothèques de Nairobi.",
        "organisation_details": "Association de bibliothécaires fondée en 2012.",
        "country": "KE",
        "language": "Français",
        "requested_amount": Decimal("12000.00"),
        "advisor_name": "Achieng Otieno",
        "advisor_username": "Achieng.O",
        "advisor_community": "Wikimedia Community User Group Kenya",
        "affiliate_partner": "Wikimedia Community User Group Kenya",
    }
    values.update(fields)
    return services.DraftContent(
        fields=values,
        focus_area_ids=list(FocusArea.objects.filter(code__in=["content", "awareness"]).values_list("pk", flat=True)),
        objectives=[("Former des bibliothécaires", "30 personnes formées")],
        activities=[("Atelier 1", datetime.date(2024, 7, 6), datetime.date(2024, 7, 6))],
        budget_lines=[("Salle et repas", Decimal("4000.00")), ("Coordination", Decimal("8000.00"))],
    )


def draft(rr, partner, by, **fields):
    invitation = services.invitation_create(round_region=rr, partner=partner, by=by)
    application = services.application_start(invitation=invitation, by=admin_of(partner).user)
    return services.application_save_draft(application=application, content=good_content(**fields), by=by)


@pytest.fixture
def applicant(fund):
    return organisation("Bibliothèques de Nairobi")


@pytest.fixture
def application(ssa, applicant, officer, frozen):
    return draft(ssa, applicant, officer)
