"""Portal: a partner proposes a new action, starting from the catalogue."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View

from core.access import PortalRequiredMixin
from core.forms import add_service_errors

from .. import lifecycle, services
from ..forms import ProposalForm
from ..models import ActivityType


class ProposalCreateView(PortalRequiredMixin, View):
    """Propose an action of a catalogue type; a type the organisation is not eligible for
    shows the catalogue's reason, and ``proposal_submit`` refuses it."""

    template_name = "activities/portal/proposal_form.html"

    def context(self, request, activity_type, form):
        return {
            "t": activity_type,
            "form": form,
            "partner": request.partner,
            "eligibility_problem": lifecycle.eligibility_problem(activity_type, request.partner),
        }

    def get(self, request, code: str):
        activity_type = get_object_or_404(ActivityType, code=code, is_active=True)
        return render(request, self.template_name, self.context(request, activity_type, ProposalForm()))

    def post(self, request, code: str):
        activity_type = get_object_or_404(ActivityType, code=code, is_active=True)
        form = ProposalForm(request.POST)
        if form.is_valid():
            try:
                proposal = services.proposal_submit(
                    partner=request.partner, activity_type=activity_type, by=request.user, **form.cleaned_data
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("Thank you! Wikimédia France will get back to you about “%(title)s”.")
                    % {"title": proposal.title},
                )
                return redirect("portal:proposal_detail", pk=proposal.pk)
        return render(request, self.template_name, self.context(request, activity_type, form), status=400)


class ProposalDetailView(PortalRequiredMixin, View):
    def get(self, request, pk: int):
        proposal = get_object_or_404(request.partner.proposals.select_related("activity_type", "submitted_by"), pk=pk)
        return render(
            request, "activities/portal/proposal_detail.html", {"proposal": proposal, "partner": request.partner}
        )
