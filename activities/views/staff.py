"""Back-office dashboard: it sits here, above partnerships, because it also counts actions."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View

from core.access import StaffRequiredMixin
from core.forms import add_service_errors
from partnerships import selectors as partner_selectors
from partnerships.models import Partnership, PartnerType, Region, RelationshipStatus

from .. import selectors, services
from ..dashboard import CACHE_SECONDS, dashboard_figures
from ..forms import ActivityForm
from ..models import ActionProposal, ProposalStatus


def _labelled(counts: dict, choices) -> list[tuple[str, str, int]]:
    return [(value, label, counts.get(value, 0)) for value, label in choices]


class DashboardView(StaffRequiredMixin, View):
    permission_required = ("partnerships.view_partner",)

    def get(self, request):
        figures = dashboard_figures()
        counts = figures["counts"]
        return render(
            request,
            "activities/staff/dashboard.html",
            {
                "nav": "dashboard",
                "total_partners": sum(counts["by_status"].values()),
                "by_status": _labelled(counts["by_status"], RelationshipStatus.choices),
                "by_type": _labelled(counts["by_type"], PartnerType.choices),
                "by_region": [row for row in _labelled(counts["by_region"], Region.choices) if row[2]],
                "priorities": figures["priorities"],
                "stale_count": figures["stale_count"],
                "stale_partners": figures["stale"],
                "figures_max_age": CACHE_SECONDS,
                "newest_partnerships": partner_selectors.newest_partnerships(),
                "recent_action_days": selectors.RECENT_ACTION_DAYS,
            },
        )


class ProposalListView(StaffRequiredMixin, View):
    permission_required = ("activities.view_actionproposal",)

    def get(self, request):
        status = request.GET.get("status", ProposalStatus.SUBMITTED)
        qs = ActionProposal.objects.select_related("partner", "activity_type", "submitted_by").order_by(
            "-submitted_at", "-pk"
        )
        if status in ProposalStatus.values:
            qs = qs.filter(status=status)
        page = Paginator(qs, 50).get_page(request.GET.get("page"))
        return render(
            request,
            "activities/staff/proposal_list.html",
            {
                "nav": "proposals",
                "page": page,
                "proposals": list(page.object_list),
                "statuses": ProposalStatus.choices,
                "status": status,
            },
        )


class ProposalDetailView(StaffRequiredMixin, View):
    permission_required = ("activities.view_actionproposal",)

    def get(self, request, pk: int):
        proposal = get_object_or_404(
            ActionProposal.objects.select_related(
                "partner", "activity_type", "submitted_by", "reviewed_by", "partnership"
            ),
            pk=pk,
        )
        return render(request, "activities/staff/proposal_detail.html", {"nav": "proposals", "proposal": proposal})


class ProposalDecisionView(StaffRequiredMixin, View):
    """POST accept (turn into a partnership) or decline."""

    permission_required = ("activities.change_actionproposal", "partnerships.add_partnership")

    def post(self, request, pk: int, decision: str):
        proposal = get_object_or_404(ActionProposal, pk=pk)
        try:
            if decision == "accept":
                partnership = services.proposal_accept(proposal=proposal, by=request.user)
                messages.success(request, _("Partnership created from the proposal."))
                return redirect(partnership)
            if decision == "decline":
                services.proposal_decline(proposal=proposal, by=request.user)
                messages.success(request, _("Proposal declined."))
            else:
                raise Http404
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect("staff:proposal_detail", pk=proposal.pk)


class ActivityCreateView(StaffRequiredMixin, View):
    """Staff add an action to a partnership from the back-office."""

    permission_required = ("activities.add_activity",)
    template_name = "activities/staff/activity_form.html"

    def get(self, request, pk: int):
        partnership = get_object_or_404(Partnership, pk=pk)
        return self.render(request, partnership, ActivityForm())

    def post(self, request, pk: int):
        partnership = get_object_or_404(Partnership, pk=pk)
        form = ActivityForm(request.POST)
        if form.is_valid():
            try:
                services.activity_create(partnership=partnership, by=request.user, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Action “%(title)s” added.") % {"title": form.cleaned_data["title"]})
                return redirect(partnership)
        return self.render(request, partnership, form, status=400)

    def render(self, request, partnership, form, status=200):
        return render(
            request,
            self.template_name,
            {"nav": "partnerships", "partnership": partnership, "form": form},
            status=status,
        )
