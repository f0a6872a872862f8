"""The staff list of agreements, filtered with django-filter (no hand-parsed GET)."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from . import selectors
from .models import Agreement, AgreementKind, AgreementStatus


class AgreementFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_text")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=AgreementStatus.choices)
    kind = django_filters.ChoiceFilter(label=_("Kind of document"), choices=AgreementKind.choices)
    expiring = django_filters.BooleanFilter(label=_("Expiring soon"), method="filter_expiring")

    class Meta:
        model = Agreement
        fields: list[str] = []

    def filter_text(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(partner__name__icontains=value) | Q(reference__icontains=value) | Q(title__icontains=value)
        )

    def filter_expiring(self, queryset, name, value):
        return selectors.expiring_filter(queryset) if value else queryset
