"""List filters of the evaluations back-office (django-filter)."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from activities.models import ActivityType
from core.choices import use_cached_choices
from core.widgets import FastSelect
from partnerships.selectors import partnerships_of_partner_matching

from .lifecycle import EvaluationState
from .models import Evaluation


def _years() -> list[tuple[int, int]]:
    this_year = timezone.localdate().year
    return [(y, y) for y in range(this_year + 1, 2013, -1)]


class EvaluationFilter(django_filters.FilterSet):
    """Staff list of joint evaluations: state, partner, type of action, year.

    The year is the evaluated activity's start year; a partnership's evaluation (no activity)
    counts in the year it was opened.
    """

    state = django_filters.ChoiceFilter(
        widget=FastSelect, empty_label=_("All"), label=_("State"), choices=EvaluationState.choices
    )
    # A text box (a partner's name, or its id from a link), not a select of every partner.
    partner = django_filters.CharFilter(
        label=_("Partner"),
        method="filter_partner",
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Partner’s name")}),
    )
    activity_type = django_filters.ModelChoiceFilter(
        widget=FastSelect,
        empty_label=_("All"),
        label=_("Type of action"),
        field_name="activity__activity_type",
        queryset=ActivityType.objects.filter(is_active=True).order_by("position"),
    )
    year = django_filters.ChoiceFilter(
        widget=FastSelect, empty_label=_("All"), label=_("Year"), choices=_years, method="filter_year"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        use_cached_choices(self.form, {"activity_type": "activity-type"})

    class Meta:
        model = Evaluation
        fields: list[str] = []

    def filter_partner(self, queryset, name, value):
        return queryset.filter(partnership__in=partnerships_of_partner_matching(value)) if value.strip() else queryset

    def filter_year(self, queryset, name, value):
        value = int(value)  # one of the choices: the form checked it
        return queryset.filter(Q(activity__start_date__year=value) | Q(activity__isnull=True, created_at__year=value))
