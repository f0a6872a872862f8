from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from core.wikimedia_metrics import DEFAULT_WIKI, MAX_CATEGORY_DEPTH

from .indicator_kinds import kind_choices
from .models import ActionProposal, Activity, ActivityType, CostCategory, StakeholderKind

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class _Crispy:
    def _helper(self) -> None:
        self.helper = FormHelper()
        self.helper.form_tag = False


class ProposalForm(_Crispy, forms.ModelForm):
    class Meta:
        model = ActionProposal
        fields = ["title", "description", "desired_start", "audience"]
        widgets = {"description": forms.Textarea(attrs={"rows": 6}), "desired_start": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._helper()


class _RowForm(forms.Form):
    """A row of a formset: Bootstrap classes so that its inputs fit a narrow screen."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                widget.attrs.setdefault("class", "form-check-input")
            elif isinstance(widget, forms.Select):
                widget.attrs.setdefault("class", "form-select form-select-sm")
            else:
                widget.attrs.setdefault("class", "form-control form-control-sm")


class IndicatorForm(_RowForm):
    kind = forms.ChoiceField(label=_("Indicator"), required=False)
    label = forms.CharField(label=_("Free indicator"), max_length=200, required=False)
    unit = forms.CharField(label=_("Unit"), max_length=40, required=False)
    target = forms.DecimalField(label=_("Target"), min_value=0, max_digits=14, decimal_places=2)
    manual_result = forms.DecimalField(
        label=_("Result recorded by hand"), min_value=0, max_digits=14, decimal_places=2, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("Free indicator…")), *kind_choices()]

    def clean(self):
        data = super().clean()
        if not data.get("kind") and not (data.get("label") or "").strip() and "target" in data:
            self.add_error("label", _("Choose an indicator or name a free one."))
        return data


class StakeholderForm(_RowForm):
    name = forms.CharField(label=_("Name"), max_length=200)
    # An empty first choice: an untouched extra row stays unchanged (and is skipped).
    kind = forms.ChoiceField(label=_("Volunteer or employee"), choices=[("", "—"), *StakeholderKind.choices])
    username = forms.CharField(label=_("Wikimedia username"), max_length=255, required=False)
    role = forms.CharField(label=_("Role"), max_length=200, required=False)
    hours = forms.DecimalField(label=_("Hours"), min_value=0, max_digits=7, decimal_places=2, initial=0)


class CostForm(_RowForm):
    category = forms.ChoiceField(label=_("Category"), choices=[("", "—"), *CostCategory.choices])
    planned = forms.DecimalField(label=_("Planned (€)"), min_value=0, max_digits=10, decimal_places=2, initial=0)
    actual = forms.DecimalField(label=_("Actual (€)"), min_value=0, max_digits=10, decimal_places=2, required=False)


class ContributionForm(_RowForm):
    description = forms.CharField(label=_("Contribution"), max_length=300)
    planned = forms.DecimalField(label=_("Planned (€)"), min_value=0, max_digits=10, decimal_places=2, initial=0)
    actual = forms.DecimalField(label=_("Received (€)"), min_value=0, max_digits=10, decimal_places=2, required=False)


class _UniqueCategories(forms.BaseFormSet):
    def clean(self):
        super().clean()
        seen = set()
        for form in self.forms:
            if not form.cleaned_data or form.cleaned_data.get("DELETE"):
                continue
            category = form.cleaned_data.get("category")
            if category in seen:
                raise forms.ValidationError(_("Each cost category can appear only once."))
            seen.add(category)


IndicatorFormSet = forms.formset_factory(IndicatorForm, extra=2, can_delete=True, max_num=40)
StakeholderFormSet = forms.formset_factory(StakeholderForm, extra=2, can_delete=True, max_num=200)
CostFormSet = forms.formset_factory(CostForm, formset=_UniqueCategories, extra=1, can_delete=True, max_num=5)
ContributionFormSet = forms.formset_factory(ContributionForm, extra=1, can_delete=True, max_num=40)


class ScopeForm(_Crispy, forms.Form):
    wiki = forms.CharField(
        label=_("Wiki"),
        max_length=100,
        initial=DEFAULT_WIKI,
        help_text=_("Any Wikimedia project: fr.wikipedia.org, commons.wikimedia.org, www.wikidata.org…"),
    )
    usernames = forms.CharField(
        label=_("Participants’ usernames"),
        required=False,
        max_length=50_000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One username per line."),
    )
    window_start = forms.DateField(
        label=_("Window start"), required=False, widget=DATE, help_text=_("The activity’s start date if empty.")
    )
    window_end = forms.DateField(
        label=_("Window end"), required=False, widget=DATE, help_text=_("The activity’s end date if empty.")
    )
    tail_days = forms.IntegerField(
        label=_("Days counted after the end"), min_value=0, max_value=365, initial=0, required=False
    )
    commons_category = forms.CharField(label=_("Commons category"), max_length=255, required=False)
    category_depth = forms.IntegerField(
        label=_("Depth of subcategories"),
        min_value=0,
        max_value=MAX_CATEGORY_DEPTH,
        initial=0,
        required=False,
        help_text=_("0: the category only."),
    )
    articles = forms.CharField(
        label=_("Articles"),
        required=False,
        max_length=50_000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One title per line."),
    )
    articles_category = forms.CharField(label=_("Category of articles"), max_length=255, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._helper()

    def clean(self):
        data = super().clean()
        start, end = data.get("window_start"), data.get("window_end")
        if start and end and end < start:
            self.add_error("window_end", _("The time window ends before it starts."))
        data["tail_days"] = data.get("tail_days") or 0
        data["category_depth"] = data.get("category_depth") or 0
        return data


class ParticipantsForm(_Crispy, forms.Form):
    usernames = forms.CharField(
        label=_("Participants’ Wikimedia usernames"),
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One username per line. Wikimédia France checks that each account exists."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._helper()


class ActivityForm(forms.ModelForm):
    """Staff plan an action of a catalogue type within a partnership (``activity_create``)."""

    class Meta:
        model = Activity
        fields = ["activity_type", "title", "start_date", "end_date", "location", "region", "audience", "notes"]
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
