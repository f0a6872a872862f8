from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgreementsConfig(AppConfig):
    name = "agreements"
    verbose_name = _("Agreements")

    def ready(self) -> None:
        from django.utils.translation import ngettext_lazy

        from accounts.roles import GRANTS_COMMITTEE, PROGRAMME_OFFICER, STAFF_MEMBER, grant, model_permissions
        from core.audit import audit_sentences_register
        from core.deadlines import deadline_kind_register
        from core.registry import PortalSection, portal_section_register
        from core.todo import TodoKind, todo_register

        from .audit_sentences import SENTENCES
        from .deadlines import KINDS

        audit_sentences_register(SENTENCES)
        for kind in KINDS:
            deadline_kind_register(kind)
        portal_section_register(
            PortalSection(
                key="agreements",
                label=_("Agreements"),
                url_name="portal:agreement_list",
                active_for=("portal:agreement_detail",),
                order=20,
            )
        )

        from .models import AgreementStatus
        from .selectors import agreements_in_status_count

        todo_register(
            TodoKind(
                key="agreements_to_send",
                label=ngettext_lazy(
                    "%(count)s agreement reviewed, to send for signature",
                    "%(count)s agreements reviewed, to send for signature",
                    "count",
                ),
                count=lambda: agreements_in_status_count(AgreementStatus.IN_REVIEW),
                url_name="staff:agreement_list",
                query=f"status={AgreementStatus.IN_REVIEW}",
                permission="agreements.view_agreement",
                order=20,
            )
        )
        todo_register(
            TodoKind(
                key="signatures_pending",
                label=ngettext_lazy(
                    "%(count)s agreement sent, signature pending",
                    "%(count)s agreements sent, signatures pending",
                    "count",
                ),
                count=lambda: agreements_in_status_count(AgreementStatus.SENT),
                url_name="staff:agreement_list",
                query=f"status={AgreementStatus.SENT}",
                permission="agreements.view_agreement",
                order=30,
            )
        )

        agreements = model_permissions(
            "agreements",
            ("agreement", "clause", "amendment", "agreementdocument", "signedscan"),
            ("view", "add", "change"),
        )
        for role in (STAFF_MEMBER, PROGRAMME_OFFICER):
            grant(role, agreements)
        grant(GRANTS_COMMITTEE, ["agreements.view_agreement"])
