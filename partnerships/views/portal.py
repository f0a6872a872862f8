"""Partner portal views (namespace "portal").

The middleware has resolved ``request.partner`` (and ``request.partner_member``) once, and
scoped every partner-owned query to it. Views still start every query from
``request.partner``: an object of another partner is a 404, never a 403.
"""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views import View

from core.access import PortalRequiredMixin
from core.confirm import confirmation_page, is_confirmed
from core.deadlines import overdue_and_upcoming
from core.forms import add_service_errors
from core.registry import Deadline, portal_deadlines

from .. import selectors, services
from ..forms import ColleagueInvitationForm, ContactFormSet, PortalPartnerForm, PrinciplesForm, contacts_from_formset
from ..middleware import PORTAL_SESSION_KEY
from ..models import Invitation
from ..principles import principles_in

#: The portal home lists the deadlines of the next 90 days, and what is overdue.
PORTAL_HOME_HORIZON = datetime.timedelta(days=90)


def portal_home_deadlines(partner) -> list[Deadline]:
    today = timezone.localdate()
    overdue, upcoming = overdue_and_upcoming(today, today + PORTAL_HOME_HORIZON, partner=partner, portal=True)
    dated = [Deadline(label=o.portal_text, url=o.portal_url, date=o.date) for o in overdue + upcoming]
    # An app may still add undated items through the older portal registry (none does now).
    merged = portal_deadlines(partner) + dated
    return sorted(merged, key=lambda d: (d.date is not None, d.date or datetime.date.min))


class PortalHomeView(PortalRequiredMixin, View):
    def get(self, request):
        partner = request.partner
        is_admin = request.partner_member.is_admin
        # Read only when the page's cached block is not ({% cache %}, core/dataversion.py).
        # The pending invitations are the exception: whether one is still pending depends on
        # the time, not only on the data, so the block's key carries the ones pending now
        # (read once per data version, then filtered by the clock: a pending invitation can
        # only expire without a write, never come back).
        invitations = (
            SimpleLazyObject(lambda: selectors.portal_pending_invitations_now(partner=partner)) if is_admin else []
        )
        return render(
            request,
            "partnerships/portal/home.html",
            {
                "partner": partner,
                "member": request.partner_member,
                "memberships": request.portal_memberships,
                "contacts": SimpleLazyObject(lambda: selectors.portal_contacts(partner=partner)),
                "partnerships": SimpleLazyObject(lambda: selectors.portal_partnerships(partner=partner)),
                "colleagues": SimpleLazyObject(lambda: selectors.portal_colleagues(partner=partner)),
                "pending_invitations": invitations,
                "pending_invitations_key": SimpleLazyObject(lambda: ",".join(str(i.pk) for i in invitations)),
                "proposals": SimpleLazyObject(lambda: selectors.portal_recent_proposals(partner=partner)),
                "principles_accepted": SimpleLazyObject(lambda: selectors.portal_latest_acceptance(partner=partner)),
                "deadlines": SimpleLazyObject(lambda: portal_home_deadlines(partner)),
                "is_admin": is_admin,
            },
        )


class OrganisationEditView(PortalRequiredMixin, View):
    admin_only = True
    template_name = "partnerships/portal/organisation_form.html"

    def get(self, request):
        partner = request.partner
        return self.render(
            request, PortalPartnerForm(instance=partner), ContactFormSet(instance=partner, prefix="contacts")
        )

    def post(self, request):
        partner = request.partner
        form = PortalPartnerForm(request.POST, instance=partner)
        formset = ContactFormSet(request.POST, instance=partner, prefix="contacts")
        if form.is_valid() and formset.is_valid():
            try:
                services.partner_profile_update(
                    partner=partner,
                    member=request.partner_member,
                    contacts=contacts_from_formset(formset),
                    **form.cleaned_data,
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Your organisation’s details are saved."))
                return redirect("portal:home")
        messages.error(request, _("Please correct the errors below."))
        return self.render(request, form, formset, status=400)

    def render(self, request, form, formset, status=200):
        return render(
            request, self.template_name, {"form": form, "formset": formset, "partner": request.partner}, status=status
        )


class SwitchPartnerView(PortalRequiredMixin, View):
    """Switch the organisation a user with several memberships is working for."""

    def post(self, request, partner_id: int):
        if not any(m.partner_id == partner_id for m in request.portal_memberships):
            raise Http404
        request.session[PORTAL_SESSION_KEY] = partner_id
        return redirect("portal:home")


class InviteColleagueView(PortalRequiredMixin, View):
    admin_only = True
    template_name = "partnerships/portal/invite.html"

    def get(self, request):
        form = ColleagueInvitationForm(initial={"language": request.user.preferred_language})
        return render(request, self.template_name, {"form": form, "partner": request.partner})

    def post(self, request):
        form = ColleagueInvitationForm(request.POST)
        if form.is_valid():
            try:
                services.invitation_create(partner=request.partner, by=request.user, **form.cleaned_data)
            except services.InvitationLimitError as exc:
                form.add_error(None, exc.message)
                return render(request, self.template_name, {"form": form, "partner": request.partner}, status=429)
            messages.success(request, _("Invitation sent to %(email)s.") % {"email": form.cleaned_data["email"]})
            return redirect("portal:home")
        return render(request, self.template_name, {"form": form, "partner": request.partner}, status=400)


class RevokeInvitationView(PortalRequiredMixin, View):
    admin_only = True

    def post(self, request, pk: int):
        invitation = get_object_or_404(Invitation.objects.filter(partner=request.partner), pk=pk)
        if not is_confirmed(request):
            return confirmation_page(
                request,
                title=_("Revoke this invitation?"),
                message=_("The link sent to %(email)s will stop working at once. You can invite them again later.")
                % {"email": invitation.email},
                confirm_label=_("Revoke the invitation"),
                cancel_url=reverse("portal:home"),
                base_template="portal/base.html",
            )
        services.invitation_revoke(invitation=invitation, by=request.user)
        messages.success(request, _("The invitation is revoked."))
        return redirect("portal:home")


class PrinciplesView(PortalRequiredMixin, View):
    template_name = "partnerships/portal/principles.html"

    def context(self, request, form):
        return {
            "partner": request.partner,
            "principles": principles_in(),
            "acceptances": selectors.portal_acceptances(partner=request.partner),
            "form": form,
            "is_admin": request.partner_member.is_admin,
        }

    def get(self, request):
        return render(request, self.template_name, self.context(request, PrinciplesForm()))

    def post(self, request):
        if not request.partner_member.is_admin:
            raise PermissionDenied(_("Only your organisation’s partner admins can do this."))
        form = PrinciplesForm(request.POST)
        if form.is_valid():
            services.principles_accept(
                partner=request.partner, name=request.user.get_full_name() or str(request.user), user=request.user
            )
            messages.success(request, _("Thank you: your organisation supports the guiding principles."))
            return redirect("portal:principles")
        return render(request, self.template_name, self.context(request, form), status=400)


class PartnershipDetailView(PortalRequiredMixin, View):
    def get(self, request, pk: int):
        partnership = selectors.portal_partnership_once(partner=request.partner, pk=pk)
        if partnership is None:
            raise Http404
        return render(
            request,
            "partnerships/portal/partnership_detail.html",
            {
                "partner": request.partner,
                "partnership": partnership,
            },
        )
