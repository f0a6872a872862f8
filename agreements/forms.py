from crispy_forms.helper import FormHelper
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes.forms import SafeModelChoiceField, SafeModelMultipleChoiceField

from activities.models import ActivityType
from core.forms import add_service_errors
from partnerships.models import Contact, Language, Partner, Partnership

from .models import Agreement, AgreementKind, Clause, WmfrSignatory
from .services import NO_ACTION_MESSAGE, ActionSpec

ACTION_ROWS = 6


class AgreementDraftForm(forms.Form):
    """Pick the partnership, the partner who signs, the kind, the language and the actions."""

    partnership = SafeModelChoiceField(label=_("Partnership"), queryset=Partnership.objects.none())
    partner = SafeModelChoiceField(label=_("Partner who signs"), queryset=Partner.objects.none())
    kind = forms.ChoiceField(
        label=_("Kind of document"),
        choices=[("", _("Suggested by the actions")), *AgreementKind.choices],
        required=False,
    )
    language = forms.ChoiceField(label=_("Language of the agreement"), choices=Language.choices)
    title = forms.CharField(
        label=_("Title"), max_length=200, required=False, help_text=_("Leave empty to use the partnership’s title.")
    )

    def __init__(self, *args, partnership: Partnership | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partnership"].queryset = Partnership.objects.order_by("-created_at")
        self.fields["partner"].queryset = (
            partnership.partners.all() if partnership else Partner.objects.filter(partnerships__isnull=False)
        )
        if partnership is not None:
            self.fields["partnership"].initial = partnership.pk
            self.fields["partnership"].queryset = Partnership.objects.filter(pk=partnership.pk)
        types = [("", "—")] + [(t.code, t.name) for t in ActivityType.objects.filter(is_active=True)]
        for i in range(ACTION_ROWS):
            self.fields[f"action_{i}_type"] = forms.ChoiceField(label=_("Activity type"), choices=types, required=False)
            self.fields[f"action_{i}_title"] = forms.CharField(
                label=_("Title of the action"), max_length=200, required=False
            )
            self.fields[f"action_{i}_start"] = forms.DateField(
                label=_("Start"), required=False, widget=forms.DateInput(attrs={"type": "date"})
            )
            self.fields[f"action_{i}_end"] = forms.DateField(
                label=_("End"), required=False, widget=forms.DateInput(attrs={"type": "date"})
            )

    def action_rows(self):
        return [[self[f"action_{i}_{part}"] for part in ("type", "title", "start", "end")] for i in range(ACTION_ROWS)]

    def clean(self):
        """Parse the action rows into ``ActionSpec``s (the date rule is the spec's own)."""
        cleaned = super().clean()
        actions = []
        types = {t.code: t for t in ActivityType.objects.filter(is_active=True)}
        for i in range(ACTION_ROWS):
            code = cleaned.get(f"action_{i}_type")
            if not code:
                continue
            try:
                actions.append(
                    ActionSpec(
                        activity_type=types[code],
                        title=cleaned.get(f"action_{i}_title", ""),
                        start_date=cleaned.get(f"action_{i}_start"),
                        end_date=cleaned.get(f"action_{i}_end"),
                    )
                )
            except ValidationError as exc:
                add_service_errors(self, exc, field_map={"end_date": f"action_{i}_end"})
        if not actions:
            # Also refused by agreement_draft; said here so it shows with the other errors.
            self.add_error(None, NO_ACTION_MESSAGE)
        cleaned["actions"] = actions
        return cleaned


class AgreementForm(forms.ModelForm):
    """Every section of an agreement; the rules are the model's and ``agreement_update``'s."""

    class Meta:
        model = Agreement
        fields = [
            "title",
            "kind",
            "language",
            "wmfr_signatory",
            "signatories",
            "preamble",
            "purpose",
            "evaluation",
            "start_date",
            "end_date",
            "duration",
            "pilot_phase",
            "pilot_description",
            "means",
            "licence",
            "licence_scope",
            "membership_included",
            "membership_amount",
            "disputes",
        ]
        field_classes = {"signatories": SafeModelMultipleChoiceField}
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "signatories": forms.CheckboxSelectMultiple,
            **{
                f: forms.Textarea(attrs={"rows": 4})
                for f in (
                    "preamble",
                    "purpose",
                    "evaluation",
                    "duration",
                    "pilot_description",
                    "means",
                    "licence_scope",
                    "disputes",
                )
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["signatories"].queryset = Contact.objects.filter(partner=self.instance.partner_id)
        self.fields["signatories"].help_text = _(
            "The partner’s contacts marked as signatories are proposed; at least one is needed to send the agreement."
        )
        self.fields["wmfr_signatory"].queryset = WmfrSignatory.objects.filter(is_active=True)
        self.fields["wmfr_signatory"].empty_label = _("Choose…")
        self.fields["wmfr_signatory"].help_text = _("The authorised signatories are listed by the administrators.")
        self.helper = FormHelper()
        self.helper.form_tag = False


class ClauseForm(forms.ModelForm):
    class Meta:
        model = Clause
        fields = [
            "title",
            "purpose",
            "arrangements",
            "start_date",
            "end_date",
            "means",
            "wmfr_contribution",
            "partner_contribution",
            "reciprocal_commitments",
        ]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            **{
                f: forms.Textarea(attrs={"rows": 3})
                for f in (
                    "purpose",
                    "arrangements",
                    "means",
                    "wmfr_contribution",
                    "partner_contribution",
                    "reciprocal_commitments",
                )
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


class ClauseAddForm(forms.Form):
    activity_type = forms.ModelChoiceField(label=_("Activity type"), queryset=ActivityType.objects.none())
    title = forms.CharField(label=_("Title of the action"), max_length=200, required=False)
    start_date = forms.DateField(label=_("Start"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end_date = forms.DateField(label=_("End"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["activity_type"].queryset = ActivityType.objects.filter(is_active=True)


class TransitionForm(forms.Form):
    signed_on = forms.DateField(label=_("Signed on"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(
        label=_("Reason"), required=False, max_length=5_000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean_signed_on(self):
        value = self.cleaned_data.get("signed_on")
        if value and value > timezone.localdate():
            raise forms.ValidationError(_("The date of signature cannot be in the future."))
        return value


class ScanForm(forms.Form):
    file = forms.FileField(
        label=_("Signed scan (PDF)"), widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"})
    )


class AmendmentSignForm(forms.Form):
    signed_on = forms.DateField(
        label=_("Signed on"), widget=forms.DateInput(attrs={"type": "date"}), initial=timezone.localdate
    )
