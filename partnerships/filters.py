import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from core.text import fold
from core.widgets import FastSelect

from .models import (
    Contact,
    Invitation,
    InvitationState,
    Membership,
    Partner,
    Partnership,
    PartnerType,
    PipelineStatus,
    Priority,
    Region,
    RelationshipStatus,
    Sector,
)

MEMBERSHIP_CHOICES = [
    ("current", _("Member this year")),
    ("lapsed", _("Former member")),
    ("never", _("Never a member")),
]


class PartnerFilter(django_filters.FilterSet):
    """The directory's filters. Each filter that crosses a to-many relation uses a
    subquery, so a partner appears once and the count stays exact."""

    q = django_filters.CharFilter(label=_("Search"), method="filter_text")
    partner_type = django_filters.ChoiceFilter(
        widget=FastSelect, empty_label=_("All"), label=_("Type"), choices=PartnerType.choices
    )
    sector = django_filters.ChoiceFilter(
        widget=FastSelect, empty_label=_("All"), label=_("Sector"), choices=Sector.choices
    )
    relationship_status = django_filters.ChoiceFilter(
        widget=FastSelect, empty_label=_("All"), label=_("Status"), choices=RelationshipStatus.choices
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
    membership = django_filters.ChoiceFilter(
        widget=FastSelect,
        empty_label=_("All"),
        label=_("Membership"),
        choices=MEMBERSHIP_CHOICES,
        method="filter_membership",
    )
    tag = django_filters.ModelChoiceFilter(
        widget=FastSelect,
        empty_label=_("All"),
        label=_("Tag"),
        method="filter_tag",
        to_field_name="slug",
        queryset=Tag.objects.order_by("name"),
    )
    owner = django_filters.ModelChoiceFilter(
        widget=FastSelect,
        empty_label=_("All"),
        label=_("Staff owner"),
        queryset=get_user_model().objects.filter(is_staff=True).order_by("first_name"),
    )
    ordering = django_filters.OrderingFilter(
        label=_("Sort by"),
        widget=FastSelect,
        fields=(
            ("sort_name", "name"),
            ("city", "city"),
            ("relationship_status", "relationship_status"),
            ("created_at", "created_at"),
        ),
        field_labels={
            "name": _("Name"),
            "city": _("City"),
            "relationship_status": _("Status"),
            "created_at": _("Date added"),
        },
    )

    class Meta:
        model = Partner
        fields: list[str] = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.form.fields["q"].widget = forms.TextInput(
            attrs={"type": "search", "placeholder": _("Name, city, contact…")}
        )

    def filter_text(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        # Names, legal names, acronyms and city are searched folded (accents and case ignored,
        # the same on SQLite and PostgreSQL): see partnerships.search.
        folded = fold(value)
        contact_match = Contact.objects.filter(partner=OuterRef("pk")).filter(
            Q(last_name__icontains=value) | Q(first_name__icontains=value) | Q(email__icontains=value)
        )
        return queryset.filter(
            (Q(search_text__contains=folded) if folded else Q(pk__in=[]))
            | Q(wikidata_id__iexact=value)
            | Exists(contact_match)
        )

    def filter_priority(self, queryset, name, value):
        return queryset.filter(pk__in=Partnership.objects.filter(sub_priorities__priority=value).values("partners"))

    def filter_tag(self, queryset, name, value):
        return queryset.filter(pk__in=Partner.objects.filter(tags=value).values("pk"))

    def filter_membership(self, queryset, name, value):
        this_year = timezone.localdate().year
        current = Exists(Membership.objects.filter(partner=OuterRef("pk"), year=this_year))
        ever = Exists(Membership.objects.filter(partner=OuterRef("pk")))
        if value == "current":
            return queryset.filter(current)
        if value == "lapsed":
            return queryset.filter(ever).exclude(current)
        if value == "never":
            return queryset.exclude(ever)
        return queryset


class PartnershipFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_text")
    status = django_filters.ChoiceFilter(
        widget=FastSelect, empty_label=_("All"), label=_("Status"), choices=PipelineStatus.choices
    )
    kind = django_filters.ChoiceFilter(
        widget=FastSelect, empty_label=_("All"), label=_("Kind"), choices=Partnership._meta.get_field("kind").choices
    )
    priority = django_filters.ModelChoiceFilter(
        widget=FastSelect,
        empty_label=_("All"),
        label=_("Priority"),
        method="filter_priority",
        queryset=Priority.objects.filter(plan__is_current=True).order_by("number"),
    )
    is_pilot = django_filters.BooleanFilter(
        label=_("Pilot phase"),
        widget=FastSelect(choices=[("", _("All")), ("true", _("Yes")), ("false", _("No"))]),
    )
    ordering = django_filters.OrderingFilter(
        label=_("Sort by"),
        widget=FastSelect,
        fields=(("created_at", "created_at"), ("title", "title"), ("start_date", "start_date")),
        field_labels={"created_at": _("Date added"), "title": _("Title"), "start_date": _("Start date")},
    )

    class Meta:
        model = Partnership
        fields: list[str] = []

    def filter_text(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(title__icontains=value)
            | Q(goal__icontains=value)
            | Q(pk__in=Partnership.objects.filter(partners__name__icontains=value).values("pk"))
        )

    def filter_priority(self, queryset, name, value):
        return queryset.filter(pk__in=Partnership.objects.filter(sub_priorities__priority=value).values("pk"))


class InvitationFilter(django_filters.FilterSet):
    """The staff list of invitations by state (``InvitationQuerySet`` says what each state is)."""

    state = django_filters.ChoiceFilter(label=_("State"), choices=InvitationState.choices, method="filter_state")

    class Meta:
        model = Invitation
        fields: list[str] = []

    def filter_state(self, queryset, name, value):
        return queryset.in_state(value) if value else queryset
