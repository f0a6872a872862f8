from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

EVALUATION_MODELS = ("evaluation", "answer", "pressmention", "lesson")
GRID_MODELS = ("gridversion", "gridpurpose", "criterion", "question", "griditem")
REPORT_MODELS = ("reportdocument", "partnershippublication")


class EvaluationsConfig(AppConfig):
    name = "evaluations"
    verbose_name = _("Evaluations")

    def ready(self) -> None:
        from accounts.roles import EVALUATOR, PROGRAMME_OFFICER, STAFF_MEMBER, grant, model_permissions
        from core.audit import audit_sentences_register
        from core.registry import PortalSection, portal_section_register

        from .audit_sentences import SENTENCES

        audit_sentences_register(SENTENCES)
        # The reports wing: its audit sentences and its Celery tasks (evaluations/report_tasks.py).
        from . import report_tasks  # noqa: F401
        from .report_models import REPORT_SENTENCES

        audit_sentences_register(REPORT_SENTENCES)
        portal_section_register(
            PortalSection(
                key="evaluations",
                label=_("Evaluations"),
                url_name="portal:evaluation_list",
                active_for=("portal:evaluation_detail", "portal:evaluation_answer"),
                order=40,
            )
        )
        portal_section_register(
            PortalSection(key="open_data", label=_("Open data"), url_name="portal:open_data", active_for=(), order=45)
        )

        # Staff run the joint evaluations; evaluators too. The grid is read-only outside the admin.
        evaluations = model_permissions("evaluations", EVALUATION_MODELS, ("view", "add", "change"))
        grid = model_permissions("evaluations", GRID_MODELS, ("view",))
        # Reports and the open-data flag: staff read the dashboard, generate PDFs, set the flag.
        reports = model_permissions("evaluations", REPORT_MODELS, ("view", "add", "change"))
        for role in (STAFF_MEMBER, PROGRAMME_OFFICER, EVALUATOR):
            grant(role, evaluations + grid + reports)
