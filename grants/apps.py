from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

PROGRAMME_MODELS = (
    "fundingregion",
    "regioncountry",
    "programme",
    "focusarea",
    "criterion",
    "rubricitem",
    "conversationquestion",
    "fiscalyear",
    "round",
    "roundregion",
    "timelinestep",
)
APPLICATION_MODELS = (
    "grantinvitation",
    "application",
    "objective",
    "plannedactivity",
    "budgetline",
    "attachment",
    "applicationversion",
    "eligibilityresult",
    "translation",
    "feedback",
    "payment",
    "conversation",
    "finalreport",
    "committeemember",
)


class GrantsConfig(AppConfig):
    name = "grants"
    verbose_name = _("Grants")

    def ready(self) -> None:
        from accounts.roles import GRANTS_COMMITTEE, PROGRAMME_OFFICER, grant, model_permissions
        from core.audit import audit_sentences_register
        from core.deadlines import deadline_kind_register, deadline_regions_register
        from core.registry import PortalSection, portal_section_register

        from .audit_sentences import SENTENCES
        from .deadlines import KINDS, funding_region_choices

        portal_section_register(
            PortalSection(
                key="grants",
                label=_("Grants"),
                url_name="portal:grants_home",
                active_for=("portal:grants_application",),
                order=30,
            )
        )
        for kind in KINDS:
            deadline_kind_register(kind)
        deadline_regions_register("grants", funding_region_choices)
        audit_sentences_register(SENTENCES)

        # The programme officer runs the programmes: every grants model.
        grant(
            PROGRAMME_OFFICER,
            model_permissions("grants", PROGRAMME_MODELS + APPLICATION_MODELS, ("view", "add", "change"))
            + model_permissions("grants", ("review", "score", "conflictofinterest"), ("view",)),
        )
        # Committee members read the applications of their regions (CommitteeMember rows
        # say which), declare conflicts and score. They never change an application.
        grant(
            GRANTS_COMMITTEE,
            [
                "grants.view_application",
                "grants.view_programme",
                *model_permissions("grants", ("review", "score", "conflictofinterest"), ("view", "add", "change")),
            ],
        )
