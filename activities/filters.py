import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.choices import use_cached_choices
from core.widgets import FastSelect
from partnerships.models import Partnership, Priority, Region
from partnerships.selectors import partnerships_of_partner_matching

from . import lifecycle
from .models import ActionProposal, Activity, ActivityStatus, ActivityType, ProposalStatus

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ActivityFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_text")
    activity_type = django_filters.ModelChoiceFilter(
        widget=FastSelect,
        empty_label=_("All"),
        label=_("Type"),
        queryset=ActivityType.objects.filter(is_active=True).order_by("position"),
    )
    region = django_filters.ChoiceFilter(
        widget=FastSelect, empty_label=_("All"), label=_("Region"), choices=Region.choices
    )
    priority = django_filters.ModelChoiceFilter(
        widget=FastSelect,
        empty_label=_("All"),
        label=_("Priority"),
        method="filter_priority",
        queryset=Priority.objects.filter(plan__is_current=True).order_by("number"),
    )
    status = django_filters.ChoiceFilter(
        widget=FastSelect, empty_label=_("All"), label=_("Status"), choices=ActivityStatus.choices
    )
    # A text box (a partner's name, or its id from a link), not a select of every partner.
    partner = django_filters.CharFilter(
        label=_("Partner"),
        method="filter_partner",
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Partner’s name")}),
    )
    date_from = django_filters.DateFilter(label=_("From"), method="filter_from", widget=DATE)
    date_to = django_filters.DateFilter(label=_("To"), method="filter_to", widget=DATE)

    class Meta:
        model = Activity
        fields: list[str] = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.form.fields["q"].widget = forms.TextInput(attrs={"type": "search", "placeholder": _("Title, venue…")})
        use_cached_choices(self.form, {"activity_type": "activity-type", "priority": "priority"})

    def filter_text(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(title__icontains=value) | Q(location__icontains=value))

    def filter_priority(self, queryset, name, value):
        # An activity's own priorities, or its partnership's.
        return queryset.filter(
            Q(pk__in=Activity.objects.filter(sub_priorities__priority=value).values("pk"))
            | Q(partnership__in=Partnership.objects.filter(sub_priorities__priority=value).values("pk"))
        )

    def filter_partner(self, queryset, name, value):
        return queryset.filter(partnership__in=partnerships_of_partner_matching(value)) if value.strip() else queryset

    def filter_from(self, queryset, name, value):
        return queryset.filter(Q(end_date__gte=value) | Q(end_date__isnull=True, start_date__gte=value))

    def filter_to(self, queryset, name, value):
        return queryset.filter(start_date__lte=value)


class ProposalFilter(django_filters.FilterSet):
    """The staff inbox of proposals; without a status in the query it shows those waiting."""

    status = django_filters.ChoiceFilter(label=_("Status"), choices=ProposalStatus.choices)

    class Meta:
        model = ActionProposal
        fields: list[str] = []

    def __init__(self, data=None, *args, **kwargs):
        if data is not None and "status" not in data:
            data = data.copy()
            data["status"] = lifecycle.OPEN
        super().__init__(data, *args, **kwargs)
