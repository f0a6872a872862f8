"""A second programme (WMFR micro-grants, in EUR, for French regions, with its own criteria)
is created in the Django admin with no code change, and an application runs through it."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from grants import awards, services
from grants.models import Application, ApplicationStatus, Criterion, FiscalYear, Programme, Round, RoundRegion

from .conftest import admin_of, good_content, organisation


def _inline(prefix: str, rows: list[dict]) -> dict:
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for i, row in enumerate(rows):
        data.update({f"{prefix}-{i}-{k}": v for k, v in row.items()})
    return data


def _ok(response):
    assert response.status_code == 302, response.context and [
        (f.errors, getattr(f, "non_form_errors", lambda: "")())
        for f in response.context.get("inline_admin_formsets", [])
    ] + [response.context["adminform"].form.errors]


def test_a_programme_created_in_the_admin_runs_an_application(admin_client, fund, officer, frozen):
    _ok(
        admin_client.post(
            reverse("admin:grants_fundingregion_add"),
            {
                "code": "idf",
                "name_fr": "Île-de-France",
                "name_en": "Île-de-France",
                "time_zone": "Europe/Paris",
                "position": "20",
                **_inline("countries", [{"country": "FR"}]),
            },
        )
    )
    _ok(
        admin_client.post(
            reverse("admin:grants_programme_add"),
            {
                "code": "wmfr-micro",
                "name_fr": "Micro-subventions WMFR",
                "name_en": "WMFR micro-grants",
                "description_fr": "Petits projets.",
                "description_en": "Small projects.",
                "appeal_notice_fr": "Pas d’appel.",
                "appeal_notice_en": "No appeal.",
                "currency": "EUR",
                "invitation_only": "on",
                "non_profit_only": "on",
                "one_open_grant": "on",
                "grant_months": "6",
                "report_due_days": "15",
                "criteria_version": "1",
                "public": "on",
                **_inline(
                    "focus_areas", [{"code": "photos", "position": "1", "name_fr": "Photos", "name_en": "Photos"}]
                ),
                **_inline(
                    "criteria",
                    [
                        {
                            "code": "local",
                            "version": "1",
                            "position": "1",
                            "text_fr": "Projet local",
                            "text_en": "Local project",
                        }
                    ],
                ),
                **_inline(
                    "rubric",
                    [
                        {
                            "code": "impact",
                            "position": "1",
                            "label_fr": "Impact",
                            "label_en": "Impact",
                            "max_score": "10",
                        }
                    ],
                ),
                **_inline("conversation_questions", []),
                **_inline(
                    "fiscal_years",
                    [{"code": "2024", "starts_on": "2024-01-01", "ends_on": "2024-12-31", "envelope": "5000.00"}],
                ),
            },
        )
    )
    programme = Programme.objects.get(code="wmfr-micro")
    fiscal_year = FiscalYear.objects.get(programme=programme)
    _ok(
        admin_client.post(
            reverse("admin:grants_round_add"),
            {
                "fiscal_year": fiscal_year.pk,
                "number": "1",
                "label_fr": "Appel 2024",
                "label_en": "2024 round",
                **_inline(
                    "regions",
                    [
                        {
                            "region": RoundRegion._meta.get_field("region").related_model.objects.get(code="idf").pk,
                            "is_open": "on",
                            "allocation": "3000.00",
                        }
                    ],
                ),
            },
        )
    )
    rr = RoundRegion.objects.get(round=Round.objects.get(fiscal_year=fiscal_year))
    _ok(
        admin_client.post(
            reverse("admin:grants_roundregion_change", args=[rr.pk]),
            {
                "round": rr.round_id,
                "region": rr.region_id,
                "is_open": "on",
                "allocation": "3000.00",
                "time_zone": "",
                **_inline("steps", [{"kind": "submission_deadline", "starts_on": "2024-03-31"}]),
            },
        )
    )

    partner = organisation("Photographes de Montreuil", country="FR")
    with scopes_disabled():
        invitation = services.invitation_create(round_region=rr, partner=partner, by=officer)
        application = services.application_start(invitation=invitation, by=admin_of(partner).user)
        content = good_content(country="FR", requested_amount=Decimal("2500.00"))
        content.budget_lines = [("Matériel", Decimal("2500.00"))]
        content.focus_area_ids = list(programme.focus_areas.values_list("pk", flat=True))
        services.application_save_draft(application=application, content=content, by=officer)
        services.application_submit(application=application, member=admin_of(partner))
        services.eligibility_start(application=application, by=officer)
        criterion = Criterion.objects.get(programme=programme)
        services.eligibility_record(
            application=application, results=[services.CriterionResult(criterion.pk, "pass")], by=officer
        )
        # The region's share (3000 EUR) is the ceiling here, below the fiscal year's 5000.
        with pytest.raises(awards.EnvelopeExceededError, match=r"part de la région \(3000,00 EUR\)"):
            awards.application_approve(
                application=application, amount="3000.01", decided_on=datetime.date(2024, 4, 2), by=officer
            )
        awards.application_approve(
            application=application, amount="2500", decided_on=datetime.date(2024, 4, 2), by=officer
        )
        awards.agreement_record(application=application, signed_on=datetime.date(2024, 4, 15), by=officer)
        application = Application.objects.get(pk=application.pk)
    assert application.status == ApplicationStatus.APPROVED
    assert application.grant_ends_on == datetime.date(2024, 10, 14)  # six months
    assert application.report_due_on == datetime.date(2024, 10, 29)  # fifteen days after
