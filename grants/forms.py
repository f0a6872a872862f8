"""Forms of the grants pages. They parse and validate input; the rules live in
``grants.rules`` and the writes in the services."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Application, FocusArea, GrantInvitation, Outcome, RoundRegion

AMOUNT = {"max_digits": 12, "decimal_places": 2, "min_value": Decimal("0")}


class ProposalForm(forms.ModelForm):
    """The proposal; every field may stay empty in a draft (the rules speak at submission)."""

    class Meta:
        model = Application
        fields = (
            "applicant_kind",
            "organisation_details",
            "country",
            "title",
            "summary",
            "focus_areas",
            "requested_amount",
            "advisor_name",
            "advisor_username",
            "advisor_community",
            "affiliate_partner",
            "language",
        )
        widgets = {
            "organisation_details": forms.Textarea(attrs={"rows": 3}),
            "summary": forms.Textarea(attrs={"rows": 5}),
            "focus_areas": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, programme=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["focus_areas"].queryset = FocusArea.objects.filter(programme=programme)
        self.fields["requested_amount"] = forms.DecimalField(
            label=_("Total requested"), required=False, **AMOUNT, localize=False
        )
        for field in self.fields.values():
            field.required = False
        self.fields["applicant_kind"].required = True


class ObjectiveForm(forms.Form):
    text = forms.CharField(label=_("Objective"), max_length=500, required=False)
    target = forms.CharField(label=_("Measurable target"), max_length=300, required=False)


class ActivityForm(forms.Form):
    title = forms.CharField(label=_("Activity"), max_length=300, required=False)
    starts_on = forms.DateField(label=_("Start"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    ends_on = forms.DateField(label=_("End"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            raise forms.ValidationError(_("An activity cannot end before it starts."))
        return data


class BudgetLineForm(forms.Form):
    label = forms.CharField(label=_("Budget line"), max_length=300, required=False)
    amount = forms.DecimalField(label=_("Amount"), required=False, **AMOUNT)

    def clean(self):
        data = super().clean()
        if data.get("amount") is not None and not data.get("label"):
            raise forms.ValidationError(_("Name the budget line."))
        return data


ObjectiveFormSet = forms.formset_factory(ObjectiveForm, extra=2, max_num=30)
ActivityFormSet = forms.formset_factory(ActivityForm, extra=2, max_num=50)
BudgetLineFormSet = forms.formset_factory(BudgetLineForm, extra=2, max_num=50)


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("Attachment (PDF, ODT or DOCX, 5 MB at most)"))


class InvitationForm(forms.Form):
    round_region = forms.ModelChoiceField(
        label=_("Round and region"),
        queryset=RoundRegion.objects.filter(is_open=True).select_related("round__fiscal_year__programme", "region"),
    )
    partner = forms.ModelChoiceField(label=_("Organisation"), queryset=None, required=False)
    new_name = forms.CharField(label=_("Or a new organisation: its name"), max_length=200, required=False)
    new_country = forms.CharField(label=_("Its country (ISO code)"), max_length=2, required=False)
    new_email = forms.EmailField(label=_("E-mail of its partner admin"), required=False)
    message = forms.CharField(
        label=_("Message"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=5000
    )

    def __init__(self, *args, **kwargs):
        from partnerships.models import Partner

        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = Partner.objects.order_by("name")

    def clean(self):
        data = super().clean()
        if not data.get("partner") and not data.get("new_name"):
            raise forms.ValidationError(_("Choose an organisation or give the name of a new one."))
        if data.get("new_name") and not data.get("new_email"):
            self.add_error("new_email", _("Give the e-mail of the person who will write the proposal."))
        return data


class EligibilityForm(forms.Form):
    """One pass / fail / note and its evidence per criterion of the programme."""

    def __init__(self, *args, criteria=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for c in self.criteria:
            self.fields[f"outcome_{c.pk}"] = forms.ChoiceField(label=c.text, choices=Outcome.choices)
            self.fields[f"evidence_{c.pk}"] = forms.CharField(
                label=_("Evidence"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
            )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=[("approve", _("Approve")), ("decline", _("Not fund"))])
    amount = forms.DecimalField(label=_("Amount approved"), required=False, **AMOUNT)
    decided_on = forms.DateField(label=_("Decision date"), widget=forms.DateInput(attrs={"type": "date"}))
    reasons = forms.CharField(label=_("Reasons"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def clean(self):
        data = super().clean()
        if data.get("decision") == "approve" and not data.get("amount"):
            self.add_error("amount", _("Give the amount approved."))
        if data.get("decision") == "decline" and not (data.get("reasons") or "").strip():
            self.add_error("reasons", _("Give the reasons of the decision."))
        return data


class ReviewForm(forms.Form):
    comment = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, items=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.items = list(items)
        for item in self.items:
            self.fields[f"score_{item.pk}"] = forms.IntegerField(
                label=item.label, min_value=0, max_value=item.max_score
            )


class TextForm(forms.Form):
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 4}), max_length=50_000)
    language = forms.CharField(label=_("Language"), max_length=64, required=False)


class PaymentForm(forms.Form):
    amount = forms.DecimalField(label=_("Amount"), **AMOUNT)
    planned_on = forms.DateField(label=_("Planned on"), widget=forms.DateInput(attrs={"type": "date"}))


class DateForm(forms.Form):
    on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))


def invitation_label(invitation: GrantInvitation) -> str:
    return str(invitation.round_region)
