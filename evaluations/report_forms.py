"""Forms of the reports wing: the impact dashboard's filters and the open-data flag (parse only)."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from activities.models import ActivityType
from partnerships.models import PartnerType, Priority, Region

from .impact import ImpactFilters

FIRST_YEAR = 2014  # the first action plan


def _blank(label) -> list[tuple[str, str]]:
    return [("", label)]


class ImpactFilterForm(forms.Form):
    """GET filters of the dashboard. Choices come from rows the view loaded once (priorities
    and activity types), so validating a choice costs no query."""

    priority = forms.ChoiceField(label=_("Strategic priority"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False)
    partner_type = forms.ChoiceField(label=_("Partner type"), required=False)
    activity_type = forms.ChoiceField(label=_("Activity type"), required=False)
    year = forms.ChoiceField(label=_("Year"), required=False)

    def __init__(self, *args, priorities: list[Priority], types: list[ActivityType], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._priorities = {str(p.pk): p for p in priorities}
        self._types = {str(t.pk): t for t in types}
        every = _("Any")
        self.fields["priority"].choices = _blank(every) + [(k, str(p)) for k, p in self._priorities.items()]
        self.fields["region"].choices = _blank(every) + list(Region.choices)
        self.fields["partner_type"].choices = _blank(every) + list(PartnerType.choices)
        self.fields["activity_type"].choices = _blank(every) + [(k, str(t.name)) for k, t in self._types.items()]
        years = range(timezone.localdate().year + 1, FIRST_YEAR - 1, -1)
        self.fields["year"].choices = _blank(every) + [(str(y), str(y)) for y in years]
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select form-select-sm"

    @property
    def types(self) -> list[ActivityType]:
        return list(self._types.values())

    def filters(self) -> ImpactFilters:
        """The filters once valid (call after ``is_valid()``); nothing filters when invalid."""
        if not self.is_valid():
            return ImpactFilters()
        data = self.cleaned_data
        return ImpactFilters(
            priority=self._priorities.get(data["priority"]),
            region=data["region"],
            partner_type=data["partner_type"],
            activity_type=self._types.get(data["activity_type"]),
            year=int(data["year"]) if data["year"] else None,
        )


class PublicationForm(forms.Form):
    """The partners' agreement to publish a partnership as open data."""

    published = forms.BooleanField(
        label=_("The partners agreed to publish this partnership and its figures as open data"), required=False
    )
