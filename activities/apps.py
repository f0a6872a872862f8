from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    name = "activities"
    verbose_name = _("Activities")

    def ready(self) -> None:
        from django.utils.translation import ngettext_lazy

        from accounts.roles import (
            EVALUATOR,
            GRANTS_COMMITTEE,
            PROGRAMME_OFFICER,
            STAFF_MEMBER,
            grant,
            model_permissions,
        )
        from core.audit import audit_sentences_register
        from core.registry import PortalSection, portal_section_register
        from core.todo import TodoKind, todo_register

        from .audit_sentences import SENTENCES

        audit_sentences_register(SENTENCES)
        from core.deadlines import deadline_kind_register

        from .deadlines import KINDS

        for kind in KINDS:
            deadline_kind_register(kind)
        from core.feeds import calendar_events_register

        from .calendar import activity_events

        calendar_events_register("activities", activity_events)
        portal_section_register(
            PortalSection(
                key="activities",
                label=_("Activities"),
                url_name="portal:activity_list",
                active_for=("portal:activity_list", "portal:activity_detail"),
                order=25,
            )
        )
        portal_section_register(
            PortalSection(
                key="catalogue",
                label=_("What can we do together?"),
                url_name="catalogue:list",
                order=90,
                needs_partner=False,
            )
        )

        from . import selectors

        todo_register(
            TodoKind(
                key="proposals_waiting",
                label=ngettext_lazy(
                    "%(count)s proposal from a partner waiting for an answer",
                    "%(count)s proposals from partners waiting for an answer",
                    "count",
                ),
                count=selectors.proposals_waiting_count,
                url_name="staff:proposal_list",
                query="status=submitted",
                permission="activities.view_actionproposal",
                order=10,
            )
        )

        # The staff dashboard's figures, refreshed off the request (core/summaries.py).
        from core.summaries import summary_kind_register

        from .dashboard import SUMMARY, dashboard_compute

        summary_kind_register(SUMMARY, dashboard_compute)

        actions = model_permissions("activities", ("activity",), ("view", "add", "change"))
        proposals = model_permissions("activities", ("actionproposal",), ("view", "change"))
        for role in (STAFF_MEMBER, PROGRAMME_OFFICER):
            grant(role, [*actions, *proposals, "activities.view_activitytype"])
        grant(GRANTS_COMMITTEE, ["activities.view_activitytype"])
        grant(EVALUATOR, ["activities.view_activity", "activities.view_activitytype"])
