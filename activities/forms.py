from crispy_forms.helper import FormHelper
from django import forms

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
