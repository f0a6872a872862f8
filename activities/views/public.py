"""The public catalogue: readable by anyone, no account needed."""

from django.shortcuts import get_object_or_404, render
from django.utils.functional import SimpleLazyObject
from django.views import View

from core.access import PublicMixin
from partnerships.models import PartnerType

from .. import selectors
from ..models import ActivityType


class CatalogueListView(PublicMixin, View):
    def get(self, request):
        partner_type = request.GET.get("partner_type", "")
        if partner_type not in PartnerType.values:
            partner_type = ""
        return render(
            request,
            "activities/catalogue_list.html",
            {
                # Read only when the page's cached block is not ({% cache %}, core/dataversion.py).
                "activity_types": SimpleLazyObject(lambda: selectors.catalogue(partner_type=partner_type)),
                "partner_types": PartnerType.choices,
                "selected_type": partner_type,
                "selected_type_label": PartnerType(partner_type).label if partner_type else "",
            },
        )


class CatalogueDetailView(PublicMixin, View):
    def get(self, request, code: str):
        activity_type = get_object_or_404(ActivityType, code=code, is_active=True)
        return render(request, "activities/catalogue_detail.html", {"t": activity_type})
