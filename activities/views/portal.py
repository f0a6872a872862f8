"""Portal: a partner proposes a new action, starting from the catalogue."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View

from core.access import PortalRequiredMixin

from .. import services
from ..forms import ProposalForm
from ..models import ActivityType


class ProposalCreateView(PortalRequiredMixin, View):
    template_name = "activities/portal/proposal_form.html"

    def get(self, request, code: str):
        activity_type = get_object_or_404(ActivityType, code=code, is_active=True)
        return render(
            request, self.template_name, {"t": activity_type, "form": ProposalForm(), "partner": request.partner}
        )

    def post(self, request, code: str):
        activity_type = get_object_or_404(ActivityType, code=code, is_active=True)
        form = ProposalForm(request.POST)
        if form.is_valid():
            proposal = services.proposal_submit(
                partner=request.partner, activity_type=activity_type, by=request.user, **form.cleaned_data
            )
            messages.success(
                request,
                _("Thank you! Wikimédia France will get back to you about “%(title)s”.") % {"title": proposal.title},
            )
            return redirect("portal:proposal_detail", pk=proposal.pk)
        return render(
            request, self.template_name, {"t": activity_type, "form": form, "partner": request.partner}, status=400
        )


class ProposalDetailView(PortalRequiredMixin, View):
    def get(self, request, pk: int):
        proposal = get_object_or_404(request.partner.proposals.select_related("activity_type", "submitted_by"), pk=pk)
        return render(
            request, "activities/portal/proposal_detail.html", {"proposal": proposal, "partner": request.partner}
        )
