from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnershipsConfig(AppConfig):
    name = "partnerships"
    verbose_name = _("Partnerships")

    def ready(self) -> None:
        from accounts.roles import (
            EVALUATOR,
            GRANTS_COMMITTEE,
            PROGRAMME_OFFICER,
            STAFF_MEMBER,
            grant,
            model_permissions,
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
