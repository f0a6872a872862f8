"""Demo grants (``grants.yaml``): the Wikimedia Alliances Fund loaded from its data, a
programme officer and a committee member per open region, and FY 2023-24 applications in
every status, each taken along its road through the grants services."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from accounts.roles import GRANTS_COMMITTEE, PROGRAMME_OFFICER
from grants import awards, services
from grants.loading import load_all
from grants.models import Application, CommitteeMember, Criterion, FundingRegion, Outcome, RoundRegion, RubricItem
from grants.models import ApplicationStatus as S
from partnerships.models import Partner, PartnerMember, PartnerRole

from ..builders import BuildContext
from ..data import load

AFTER_REVIEW = {S.AWAITING_REPLY, S.APPROVED, S.NOT_FUNDED}


def _staff(spec: dict, group: str):
    user_model = get_user_model()
    user = user_model.objects.filter(username=spec["username"]).first()
    if user is None:
        user = user_model(
            username=spec["username"],
            first_name=spec["first_name"],
            last_name=spec["last_name"],
            is_staff=True,
            email=f"{spec['username']}@example.org",
            preferred_language="fr",
        )
        if settings.DEMO_ACCOUNTS:
            user.set_password(spec["password"])
        else:
            user.set_unusable_password()
        user.save()
    user.groups.add(Group.objects.get(name=group))
    return user


def build(ctx: BuildContext) -> None:
    load_all()
    data = load("grants")
    officer = _staff(data["officer"], PROGRAMME_OFFICER)
    members = {}
    for spec in data["committee"]:
        member = _staff(spec, GRANTS_COMMITTEE)
        CommitteeMember.objects.get_or_create(user=member, region=FundingRegion.objects.get(code=spec["region"]))
        members[spec["region"]] = member
    created = 0
    for spec in data["applications"]:
        if Application.objects.filter(title=spec["title"]).exists():
            continue
        _application(spec, officer, members)
        created += 1
    ctx.write(f"Grants: {created} application(s) of the Wikimedia Alliances Fund created.")


def _application(spec: dict, officer, members: dict) -> Application:
    rr = RoundRegion.objects.select_related("round__fiscal_year__programme", "region").get(
        round__fiscal_year__code="2023-24", region__code=spec["region"]
    )
    partner, _created = Partner.objects.get_or_create(
        name=spec["organisation"],
        defaults={"partner_type": "thematic_organisations", "legal_status": "non_profit", "country": spec["country"]},
    )
    admin = PartnerMember.objects.filter(partner=partner, role=PartnerRole.ADMIN).select_related("user").first()
    if admin is None:
        user = get_user_model().objects.create(
            username=f"grants-{partner.pk}@example.org", email=f"grants-{partner.pk}@example.org"
        )
        user.set_unusable_password()
        user.save(update_fields=["password"])
        admin = PartnerMember.objects.create(partner=partner, user=user, role=PartnerRole.ADMIN)
    deadline = rr.steps.get(kind="submission_deadline")
    submitted_at = deadline.deadline_at - dt.timedelta(days=5)  # the story happened in 2024
    invitation = services.invitation_create(round_region=rr, partner=partner, by=officer)
    application = services.application_start(invitation=invitation, by=admin.user)
    total = Decimal(spec["requested"])
    content = services.DraftContent(
        fields={
            "title": spec["title"],
            "summary": f"{spec['title']} : un projet mené avec la communauté locale.",
            "organisation_details": f"{spec['organisation']}, organisation à but non lucratif.",
            "country": spec["country"],
            "language": "Français",
            "requested_amount": total,
            "advisor_name": "Conseiller communautaire",
            "affiliate_partner": "Groupe d’utilisateurs local",
        },
        objectives=[("Former des contributeurs", "40 personnes formées")],
        activities=[("Atelier de lancement", submitted_at.date() + dt.timedelta(days=120), None)],
        budget_lines=[("Ateliers", total - Decimal("2000")), ("Coordination", Decimal("2000"))],
    )
    services.application_save_draft(application=application, content=content, by=admin.user)
    status = spec["status"]
    if status == S.DRAFT:
        return application
    services.application_submit(application=application, member=admin, now=submitted_at)
    if status == S.WITHDRAWN:
        return services.application_withdraw(application=application, member=admin)
    if status == S.SUBMITTED:
        return application
    services.eligibility_start(application=application, by=officer)
    if status == S.ELIGIBILITY_CHECK:
        return application
    criteria = list(Criterion.objects.filter(programme=rr.round.fiscal_year.programme, version=1))
    results = [services.CriterionResult(c.pk, Outcome.PASS) for c in criteria]
    if status == S.INCOMPLETE:
        results[6] = services.CriterionResult(criteria[6].pk, Outcome.FAIL, "Rapport d’un projet précédent manquant.")
    services.eligibility_record(application=application, results=results, by=officer)
    if status == S.INCOMPLETE:
        return application
    items = RubricItem.objects.filter(programme=rr.round.fiscal_year.programme)
    services.review_save(
        application=application, reviewer=members[spec["region"]], scores={i.pk: 4 for i in items}, comment="Solide."
    )
    decided = rr.steps.get(kind="decision_announced").starts_on
    if status == S.AWAITING_REPLY:
        services.feedback_send(application=application, text="Précisez le calendrier des ateliers.", by=officer)
    elif status == S.APPROVED:
        awards.application_approve(application=application, amount=spec["approved"], decided_on=decided, by=officer)
        awards.agreement_record(
            application=application, signed_on=rr.steps.get(kind="agreement_signed").starts_on, by=officer
        )
        awards.payment_plan(application=application, amount=spec["approved"], planned_on=decided, by=officer)
    elif status == S.NOT_FUNDED:
        awards.application_decline(
            application=application, decided_on=decided, reasons="Budget trop élevé.", by=officer
        )
    return application
