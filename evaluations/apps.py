from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

EVALUATION_MODELS = ("evaluation", "answer", "pressmention", "lesson")
GRID_MODELS = ("gridversion", "gridpurpose", "criterion", "question", "griditem")
REPORT_MODELS = ("reportdocument", "partnershippublication")
QUESTIONNAIRE_MODELS = ("questionnaire", "questionnaireresponse", "questionnaireanswer")
QUESTIONNAIRE_TEMPLATE_MODELS = ("questionnairetemplate", "questionnairequestion")


class EvaluationsConfig(AppConfig):
    name = "evaluations"
    verbose_name = _("Evaluations")

    def ready(self) -> None:
        from accounts.roles import EVALUATOR, PROGRAMME_OFFICER, STAFF_MEMBER, grant, model_permissions
        from core.audit import audit_sentences_register
        from core.registry import PortalSection, StaffObjectLink, portal_section_register, staff_object_link_register

        from .audit_sentences import SENTENCES

        audit_sentences_register(SENTENCES)
        from core.deadlines import deadline_kind_register

        from .deadlines import KINDS

        for kind in KINDS:
            deadline_kind_register(kind)
        # The reports wing: its audit sentences and its Celery tasks (evaluations/report_tasks.py).
        from . import report_tasks  # noqa: F401
        from .report_models import REPORT_SENTENCES

        audit_sentences_register(REPORT_SENTENCES)
        # The impact dashboard's figures, refreshed off the request (core/summaries.py).
        from core.summaries import summary_kind_register

        from .reports import IMPACT_SUMMARY, impact_summary_compute

        summary_kind_register(IMPACT_SUMMARY, impact_summary_compute)
        portal_section_register(
            PortalSection(
                key="evaluations",
                label=_("Evaluations"),
                url_name="portal:evaluation_list",
                active_for=("portal:evaluation_detail", "portal:evaluation_answer", "portal:follow_up_proposal"),
                order=40,
            )
        )
        portal_section_register(
            PortalSection(key="open_data", label=_("Open data"), url_name="portal:open_data", active_for=(), order=45)
        )
        # "Evaluation report" on a partnership's page (evaluations/views/report_staff.py).
        staff_object_link_register(
            StaffObjectLink(
                key="partnership_report",
                model="partnerships.Partnership",
                label=_("Evaluation report"),
                url_name="staff:partnership_report",
                permissions=("evaluations.view_reportdocument",),
            )
        )
        # "Evaluate" on an action's page and a partnership's (which covers its actions).
        add = ("evaluations.view_evaluation", "evaluations.add_evaluation")
        for key, model in (("activity", "activities.Activity"), ("partnership", "partnerships.Partnership")):
            staff_object_link_register(
                StaffObjectLink(
                    key=f"evaluation_{key}",
                    model=model,
                    label=_("Joint evaluation"),
                    url_name=f"staff:evaluation_create_{key}",
                    permissions=add,
                )
            )

        # Staff run the joint evaluations; evaluators too. The grid is read-only outside the admin.
        evaluations = model_permissions("evaluations", EVALUATION_MODELS, ("view", "add", "change"))
        evaluations += model_permissions("evaluations", ("pressmention",), ("delete",))
        grid = model_permissions("evaluations", GRID_MODELS, ("view",))
        # Reports and the open-data flag: staff read the dashboard, generate PDFs, set the flag.
        reports = model_permissions("evaluations", REPORT_MODELS, ("view", "add", "change"))
        for role in (STAFF_MEMBER, PROGRAMME_OFFICER, EVALUATOR):
            grant(role, evaluations + grid + reports)

        # Satisfaction questionnaires: the same staff run them; templates are data files.
        staff_object_link_register(
            StaffObjectLink(
                key="questionnaire_activity",
                model="activities.Activity",
                label=_("Satisfaction questionnaire"),
                url_name="staff:questionnaire_for_activity",
                permissions=("evaluations.view_questionnaire", "evaluations.add_questionnaire"),
            )
        )
        questionnaires = model_permissions("evaluations", QUESTIONNAIRE_MODELS, ("view", "add", "change"))
        templates = model_permissions("evaluations", QUESTIONNAIRE_TEMPLATE_MODELS, ("view",))
        for role in (STAFF_MEMBER, PROGRAMME_OFFICER, EVALUATOR):
            grant(role, questionnaires + templates)
        portal_section_register(
            PortalSection(
                key="questionnaires",
                label=_("Questionnaires"),
                url_name="portal:questionnaire_list",
                active_for=("portal:questionnaire_detail",),
                order=41,
            )
        )
