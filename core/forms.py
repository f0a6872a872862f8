"""Forms only parse; services decide. This maps a service's refusal back onto a form; the
reminder preferences form lives here too (core owns the preferences)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext_lazy as _


def add_service_errors(
    form: forms.BaseForm, error: ValidationError, *, field_map: dict[str, str] | None = None
) -> None:
    """Attach a service's ``ValidationError`` to ``form``: field errors on their field when the
    form has it (``field_map`` renames model fields to form fields), the rest on the form."""
    field_map = field_map or {}
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            target = field_map.get(name, name)
            if target != NON_FIELD_ERRORS and target in form.fields:
                form.add_error(target, errors)
            else:
                form.add_error(None, errors)
    else:
        form.add_error(None, error.error_list)


class PreferencesForm(forms.Form):
    """A user's reminder settings: the kinds offered are those they may receive and may mute."""

    delivery = forms.ChoiceField(label=_("How to receive the reminders"), widget=forms.RadioSelect)
    muted_kinds = forms.MultipleChoiceField(
        label=_("Reminders I do not want"), required=False, widget=forms.CheckboxSelectMultiple
    )
    language = forms.ChoiceField(label=_("Language of the e-mails"), choices=settings.LANGUAGES)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        from .deadlines import deadline_kinds
        from .models import ReminderDelivery

        super().__init__(*args, **kwargs)
        default = _("One daily digest") if user.is_staff else _("One e-mail per deadline")
        delivery: Any = self.fields["delivery"]
        delivery.choices = [("", _("The default (%(default)s)") % {"default": default}), *ReminderDelivery.choices]
        delivery.required = False
        muted: Any = self.fields["muted_kinds"]
        muted.choices = [
            (k.key, k.label) for k in deadline_kinds() if not k.mandatory and (user.is_staff or k.shown_in_portal)
        ]
