"""Portal: the partner's own activities, read-only targets and results; participants it adds.

Every lookup starts from ``request.partner``: another organisation's activity is a 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views import View

from core.access import PortalRequiredMixin

from .. import metrics, selectors
from ..forms import ParticipantsForm
from ..models import Activity
from .activity_common import activity_context


def _own_activities(request):
    return Activity.objects.filter(partnership__partners=request.partner)


class PortalActivityListView(PortalRequiredMixin, View):
    def get(self, request):
        # Read only when the page's cached block is not ({% cache %}, core/dataversion.py).
        activities = SimpleLazyObject(
            lambda: list(
                _own_activities(request)
                .select_related("activity_type", "partnership")
                .order_by("-start_date", "-pk")[:200]
            )
        )
        return render(
            request, "activities/portal/activity_list.html", {"partner": request.partner, "activities": activities}
        )


class PortalActivityDetailView(PortalRequiredMixin, View):
    def _page(self, request, pk: int, form=None, status=200):
        try:
            activity = selectors.activity_page(qs=_own_activities(request), pk=pk)
        except Activity.DoesNotExist:
            raise Http404 from None
        context = activity_context(activity)
        context.update({"partner": request.partner, "form": form or ParticipantsForm()})
        return render(request, "activities/portal/activity_detail.html", context, status=status)

    def get(self, request, pk: int):
        return self._page(request, pk)


class PortalParticipantsView(PortalActivityDetailView):
    """POST participants' usernames; each is checked on the wiki before it is added."""

    http_method_names = ["post"]

    def post(self, request, pk: int):
        activity = _own_activities(request).filter(pk=pk).first()
        if activity is None:
            raise Http404
        form = ParticipantsForm(request.POST)
        if form.is_valid():
            try:
                _scope, added = metrics.scope_add_usernames(
                    activity=activity, usernames=form.cleaned_data["usernames"], by=request.user
                )
            except ValidationError as exc:
                for field, errors in getattr(exc, "message_dict", {"usernames": exc.messages}).items():
                    form.add_error("usernames" if field == "usernames" else None, errors)
            else:
                messages.success(request, _("Participants added: %(names)s.") % {"names": ", ".join(added)})
                return redirect("portal:activity_detail", pk=pk)
        return self._page(request, pk, form=form, status=400)
