"""Back-office dashboard: it sits here, above partnerships, because it also counts actions."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views import View

from core.access import StaffRequiredMixin
from core.forms import add_service_errors
from core.pagination import page_of
from core.todo import todo_items
from partnerships import selectors as partner_selectors
from partnerships.models import Partnership, PartnerType, Region, RelationshipStatus

from .. import lifecycle, selectors, services
from ..dashboard import dashboard_figures, priority_lines, stale_partners
from ..filters import ProposalFilter
from ..forms import ActivityForm, ProposalDeclineForm
from ..models import ActionProposal, ProposalStatus


def _labelled(counts: dict, choices) -> list[tuple[str, str, int]]:
    return [(value, label, counts.get(value, 0)) for value, label in choices]


class DashboardView(StaffRequiredMixin, View):
    permission_required = ("partnerships.view_partner",)

    def get(self, request):
        # The figures are a summary (core/summaries.py): a cache read, refreshed off the request
        # after a write. Read before the page's cached block, whose key carries its stamp.
        summary = dashboard_figures()
        counts = summary.data["counts"]
        return render(
            request,
            "activities/staff/dashboard.html",
            {
                "nav": "dashboard",
                # Outside the cached block: "invitations expiring within a week" moves with the
                # clock (core/todo.py reads the counts once per data version, until they change).
                "todo": SimpleLazyObject(lambda: todo_items(request.user)),
                "summary": summary,
                "total_partners": sum(counts["by_status"].values()),
                "by_status": _labelled(counts["by_status"], RelationshipStatus.choices),
                "by_type": _labelled(counts["by_type"], PartnerType.choices),
                "by_region": [row for row in _labelled(counts["by_region"], Region.choices) if row[2]],
                "priorities": SimpleLazyObject(lambda: priority_lines(summary)),
                "stale_count": summary.data["stale_count"],
                "stale_partners": SimpleLazyObject(lambda: stale_partners(summary)),
                # Read only when the page's cached block is not ({% cache %}, core/dataversion.py).
                "newest_partnerships": SimpleLazyObject(partner_selectors.newest_partnerships),
                "recent_action_days": selectors.RECENT_ACTION_DAYS,
            },
        )


class ProposalListView(StaffRequiredMixin, View):
    permission_required = ("activities.view_actionproposal",)

    def get(self, request):
        # Built only when the page's cached block is not ({% cache %}, core/dataversion.py).
        proposal_filter = SimpleLazyObject(
            lambda: ProposalFilter(
                request.GET,
                queryset=ActionProposal.objects.select_related("partner", "activity_type", "submitted_by").order_by(
                    "-submitted_at", "-pk"
                ),
            )
        )
        status = SimpleLazyObject(
            lambda: proposal_filter.form.cleaned_data.get("status", "") if proposal_filter.is_valid() else ""
        )
        page = SimpleLazyObject(lambda: page_of(proposal_filter.qs, request.GET.get("page"), 50))
        return render(
            request,
            "activities/staff/proposal_list.html",
            {
                "nav": "proposals",
                "page": page,
                "proposals": SimpleLazyObject(lambda: list(page.object_list)),
                "filter": proposal_filter,
                "statuses": ProposalStatus.choices,
                "status": status,
                "showing_open": SimpleLazyObject(lambda: status == lifecycle.OPEN),
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
        return _proposal_page(request, proposal, ProposalDeclineForm())


def _proposal_page(request, proposal: ActionProposal, decline_form: ProposalDeclineForm, status: int = 200):
    return render(
        request,
        "activities/staff/proposal_detail.html",
        {"nav": "proposals", "proposal": proposal, "decline_form": decline_form},
        status=status,
    )


class ProposalDecisionView(StaffRequiredMixin, View):
    """POST accept (turn into a partnership) or decline (with a reason, sent to the partner)."""

    permission_required = ("activities.change_actionproposal", "partnerships.add_partnership")

    def post(self, request, pk: int, decision: str):
        proposal = get_object_or_404(
            ActionProposal.objects.select_related("partner", "activity_type", "submitted_by"), pk=pk
        )
        if decision not in ("accept", "decline"):
            raise Http404
        form = ProposalDeclineForm(request.POST if decision == "decline" else None)
        try:
            if decision == "accept":
                partnership = services.proposal_accept(proposal=proposal, by=request.user)
                messages.success(request, _("Partnership created from the proposal. The partner is told by e-mail."))
                return redirect(partnership)
            if not form.is_valid():
                return _proposal_page(request, proposal, form, status=400)
            services.proposal_decline(proposal=proposal, by=request.user, reason=form.cleaned_data["reason"])
            messages.success(request, _("Proposal declined. The partner is told by e-mail, with your reason."))
        except ValidationError as exc:
            if decision == "decline" and hasattr(exc, "error_dict"):
                form.add_error("reason", exc.error_dict.get("reason", exc.messages))
                return _proposal_page(request, proposal, form, status=400)
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
