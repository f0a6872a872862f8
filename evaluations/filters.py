"""List filters of the evaluations back-office (django-filter)."""

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from activities.models import ActivityType
from core.widgets import FastSelect
from partnerships.models import Partner, Partnership

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
    partner = django_filters.ModelChoiceFilter(
        widget=FastSelect,
        empty_label=_("All"),
        label=_("Partner"),
        method="filter_partner",
        queryset=lambda request: Partner.objects.only("pk", "name").order_by("name"),
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

    class Meta:
        model = Evaluation
        fields: list[str] = []

    def filter_partner(self, queryset, name, value):
        return queryset.filter(partnership__in=Partnership.objects.filter(partners=value).values("pk"))

    def filter_year(self, queryset, name, value):
        value = int(value)  # one of the choices: the form checked it
        return queryset.filter(Q(activity__start_date__year=value) | Q(activity__isnull=True, created_at__year=value))
