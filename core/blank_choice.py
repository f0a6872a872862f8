"""The empty choice of every select reads "Choose…" ("Choisir…"), never Django's "---------".

Django binds its placeholder as default arguments (``BLANK_CHOICE_DASH`` for model-field
choices and the admin's action select, ``empty_label`` for ``ModelChoiceField``), so the
one place to change it for every form, including the admin, is at start-up."""

from django.db.models import fields as model_fields
from django.forms import models as form_models
from django.utils.translation import gettext_lazy as _

CHOOSE = _("Choose…")


def install() -> None:
    # Mutated in place: the list object is what Field.get_choices() and the admin hold.
    model_fields.BLANK_CHOICE_DASH[:] = [("", CHOOSE)]  # type: ignore[list-item]  # lazy str
    for cls in (form_models.ModelChoiceField,):
        defaults = cls.__init__.__kwdefaults__
        if defaults is not None and "empty_label" in defaults:
            defaults["empty_label"] = CHOOSE
