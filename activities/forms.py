from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ActionProposal


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


class ProposalDeclineForm(forms.Form):
    """Declining needs a reason: the partner receives it by e-mail."""

    reason = forms.CharField(
        label=_("Reason for declining"),
        help_text=_("The partner receives this text by e-mail, with the decision."),
        max_length=2_000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
