from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnershipsConfig(AppConfig):
    name = "partnerships"
    verbose_name = _("Partnerships")

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

        from core.deadlines import PARTNER_ADMINS, PARTNER_CONTACTS, recipient_role_register

        from .recipients import partner_admins, partner_contacts

        recipient_role_register(PARTNER_ADMINS, partner_admins)
        recipient_role_register(PARTNER_CONTACTS, partner_contacts)
        from core.deadlines import deadline_kind_register

        from .deadlines import KINDS

        for kind in KINDS:
            deadline_kind_register(kind)
        portal_section_register(
            PortalSection(key="home", label=_("Home"), url_name="portal:home", order=0, needs_partner=False)
        )
        portal_section_register(
            PortalSection(key="principles", label=_("Guiding principles"), url_name="portal:principles", order=10)
        )
        portal_section_register(
            PortalSection(key="deadlines", label=_("Deadlines"), url_name="portal:deadlines", order=15)
        )
        from core.deadlines import deadline_regions_register

        from .models import Region

        deadline_regions_register("partnerships", lambda: Region.choices)

        from . import selectors

        todo_register(
            TodoKind(
                key="invitations_expiring",
                label=ngettext_lazy(
                    "%(count)s invitation expiring within a week, not yet accepted",
                    "%(count)s invitations expiring within a week, not yet accepted",
                    "count",
                ),
                count=selectors.invitations_expiring_count,
                count_until=selectors.invitations_expiring_until,
                url_name="staff:invitation_list",
                query="state=pending",
                permission="partnerships.view_invitation",
                order=40,
            )
        )

        directory = model_permissions(
            "partnerships",
            ("partner", "contact", "membership", "principleacceptance", "partnership"),
            ("view", "add", "change"),
        )
        reference = model_permissions("partnerships", ("strategicplan", "priority", "subpriority"), ("view",))
        portal_access = [
            *model_permissions("partnerships", ("invitation",), ("view", "add", "change")),
            "partnerships.view_partnermember",
        ]
        for role in (STAFF_MEMBER, PROGRAMME_OFFICER):
            grant(role, directory + reference + portal_access)
        for role in (GRANTS_COMMITTEE, EVALUATOR):
            grant(role, ["partnerships.view_partner", "partnerships.view_partnership", *reference])
