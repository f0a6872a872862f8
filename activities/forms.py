from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ActionProposal, Activity, ActivityType


class ProposalForm(forms.ModelForm):
    class Meta:
        model = ActionProposal
        fields = ["title", "description", "desired_start", "audience"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "desired_start": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


class ActivityForm(forms.ModelForm):
    """Staff plan an action of a catalogue type within a partnership (``activity_create``)."""

    class Meta:
        model = Activity
        fields = ["activity_type", "title", "start_date", "end_date", "location", "notes"]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["activity_type"].queryset = ActivityType.objects.filter(is_active=True).order_by("position")
        self.helper = FormHelper()
        self.helper.form_tag = False


class ProposalDeclineForm(forms.Form):
    """Declining needs a reason: the partner receives it by e-mail."""

    reason = forms.CharField(
        label=_("Reason for declining"),
        help_text=_("The partner receives this text by e-mail, with the decision."),
        max_length=2_000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
