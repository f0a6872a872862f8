from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgreementsConfig(AppConfig):
    name = "agreements"
    verbose_name = _("Agreements")

    def ready(self) -> None:
        from accounts.roles import GRANTS_COMMITTEE, PROGRAMME_OFFICER, STAFF_MEMBER, grant, model_permissions

        agreements = model_permissions(
            "agreements",
            ("agreement", "clause", "amendment", "agreementdocument", "signedscan"),
            ("view", "add", "change"),
        )
        for role in (STAFF_MEMBER, PROGRAMME_OFFICER):
            grant(role, agreements)
        grant(GRANTS_COMMITTEE, ["agreements.view_agreement"])
