from django.apps import AppConfig
from django.urls import register_converter
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from .converters import IdConverter

        # Before any URLconf is imported: every app's urls.py uses <id:...> for ids.
        register_converter(IdConverter, "id")

        from . import blank_choice, fields
        from .audit import AuditSentence, audit_sentences_register

        audit_sentences_register(
            {
                "calendar_feed.created": AuditSentence(_("%(actor)s created their calendar address")),
                "calendar_feed.renewed": AuditSentence(_("%(actor)s replaced their calendar address")),
                "calendar_feed.revoked": AuditSentence(_("%(actor)s turned their calendar address off")),
            }
        )
        from . import dataversion

        dataversion.install()  # every write statement gives the data a new version token
        blank_choice.install()  # "Choose…", never "---------"
        fields.install()  # out-of-range ids in multiple-choice fields: a form error, not a 500
