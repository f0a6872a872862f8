from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationsConfig(AppConfig):
    name = "evaluations"
    verbose_name = _("Evaluations")

    def ready(self) -> None:
        from core.audit import audit_sentences_register

        from .audit_sentences import SENTENCES

        audit_sentences_register(SENTENCES)
