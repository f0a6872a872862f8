import datetime
from typing import Any

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from core.choices import use_cached_choices
from core.pagination import TiebreakOrderingFilter
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
    # Each sort ends with the name then the id, on an index: partner_sort_name_idx,
    # partner_city_sort_idx, partner_status_sort_idx, partner_created_idx.
    ordering = TiebreakOrderingFilter(
        tiebreak=("sort_name", "pk"),
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
        use_cached_choices(self.form, {"priority": "priority", "tag": "tag", "owner": "staff-owner"})

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
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        use_cached_choices(self.form, {"priority": "priority"})

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
    # Each sort ends with the id, on an index: partnership_created_idx, partnership_title_idx,
    # partnership_start_idx.
    ordering = TiebreakOrderingFilter(
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


DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
#: The staff deadlines page lists the next 90 days unless asked otherwise, and at most a year and a bit.
DEADLINES_DEFAULT_DAYS = 90
DEADLINES_MAX_DAYS = 400


def _deadline_kind_choices() -> list[tuple[str, Any]]:
    from core.deadlines import deadline_kinds

    return [(k.key, k.label) for k in deadline_kinds()]


def _deadline_region_choices() -> list[tuple[str, Any]]:
    from core.deadlines import deadline_region_choices

    return deadline_region_choices()


class DeadlineFilterForm(forms.Form):
    def clean(self):
        """The period: from today and for 90 days unless given; a year and a bit at most."""
        data = super().clean()
        if "start" not in data or "end" not in data:
            return data  # a date the field refused: its own error says so
        start = data["start"] or timezone.localdate()
        end = data["end"] or start + datetime.timedelta(days=DEADLINES_DEFAULT_DAYS)
        if end < start:
            raise forms.ValidationError(_("The end of the period comes before its start."), code="range")
        if (end - start).days > DEADLINES_MAX_DAYS:
            raise forms.ValidationError(
                _("Choose a period of at most %(days)s days.") % {"days": DEADLINES_MAX_DAYS}, code="range"
            )
        data["start"], data["end"] = start, end
        return data

    def clean_partner(self):
        """A text box (its name or number), not a select of every partner: at 10,000 partners
        the select was 650 KB of the page. The text must name exactly one partner."""
        from .selectors import partners_named

        text = (self.cleaned_data.get("partner") or "").strip()
        if not text:
            return None
        found = partners_named(text)
        if not found:
            raise forms.ValidationError(_("No partner matches “%(text)s”.") % {"text": text}, code="no_partner")
        if len(found) > 1:
            raise forms.ValidationError(
                _("Several partners match “%(text)s”: type more of the name, or its number.") % {"text": text},
                code="several_partners",
            )
        return found[0]


class DeadlineFilter(django_filters.FilterSet):
    """The staff deadlines page's filters. Deadlines are not one queryset (``core.deadlines``
    asks each kind's source), so this set only parses: the view reads ``form.cleaned_data``
    and passes it to ``upcoming_deadlines`` / ``overdue_deadlines``."""

    kind = django_filters.ChoiceFilter(
        widget=FastSelect, empty_label=_("All"), label=_("Kind"), choices=_deadline_kind_choices
    )
    partner = django_filters.CharFilter(
        label=_("Partner"),
        widget=forms.TextInput(attrs={"placeholder": _("Name or number"), "maxlength": 200}),
    )
    owner = django_filters.ModelChoiceFilter(
        widget=FastSelect,
        empty_label=_("All"),
        label=_("Staff lead"),
        queryset=lambda request: get_user_model().objects.filter(is_staff=True).order_by("first_name", "username"),
    )
    region = django_filters.ChoiceFilter(
        widget=FastSelect, empty_label=_("All"), label=_("Region"), choices=_deadline_region_choices
    )
    start = django_filters.DateFilter(label=_("From"), widget=DATE)
    end = django_filters.DateFilter(label=_("To"), widget=DATE)

    class Meta:
        model = Partner
        form = DeadlineFilterForm
        fields: list[str] = []


# The cached choices of the filters above (core.choices) follow the tables they list.
