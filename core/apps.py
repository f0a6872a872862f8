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

        from . import fields

        fields.install()  # out-of-range ids in multiple-choice fields: a form error, not a 500
