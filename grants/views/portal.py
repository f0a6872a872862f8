"""Portal: the organisation's invitations and applications. Every lookup starts from
``request.partner`` (another organisation's application is a 404). Any member edits a
draft (saved as they type); a partner admin submits or withdraws."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext as _
from django.views import View

from core.access import PortalRequiredMixin

from .. import awards, lifecycle, selectors, services
from ..forms import (
    ActivityFormSet,
    AttachmentForm,
    BudgetLineFormSet,
    ObjectiveFormSet,
    ProposalForm,
    TextForm,
)
from ..lifecycle import TransitionError
from ..models import Application, GrantInvitation
from ..rules import RuleError


def _applications(request):
    return Application.objects.filter(partner=request.partner)


def _get(request, pk: int) -> Application:
    try:
        return selectors.application_detail(_applications(request), pk)
    except Application.DoesNotExist:
        raise Http404 from None


class GrantsHomeView(PortalRequiredMixin, View):
    def get(self, request):
        applications = selectors.portal_applications(request.partner)
        rows = [(a, selectors.next_date(a)) for a in applications]
        invitations = [(i, selectors.deadline(i.round_region)) for i in selectors.portal_invitations(request.partner)]
        return render(
            request,
            "grants/portal/home.html",
            {"partner": request.partner, "rows": rows, "invitations": invitations},
        )


class InvitationStartView(PortalRequiredMixin, View):
    def post(self, request, pk: int):
        invitation = get_object_or_404(GrantInvitation.objects.filter(partner=request.partner), pk=pk)
        try:
            application = services.application_start(invitation=invitation, by=request.user)
        except PermissionDenied:
            raise Http404 from None
        return redirect("portal:grants_application", pk=application.pk)


def _forms(request, application: Application, data=None):
    """The proposal form and its three line formsets. Bound formsets get no ``initial``: an
    unchanged line would count as an empty extra form and be dropped."""
    programme = application.round_region.round.fiscal_year.programme
    form = ProposalForm(data, instance=application, programme=programme)
    if data is not None:
        return (
            form,
            ObjectiveFormSet(data, prefix="obj"),
            ActivityFormSet(data, prefix="act"),
            BudgetLineFormSet(data, prefix="bud"),
        )
    objectives = ObjectiveFormSet(
        prefix="obj", initial=[{"text": o.text, "target": o.target} for o in application.objectives.all()]
    )
    activities = ActivityFormSet(
        prefix="act",
        initial=[
            {"title": a.title, "starts_on": a.starts_on, "ends_on": a.ends_on} for a in application.activities.all()
        ],
    )
    budget = BudgetLineFormSet(
        prefix="bud", initial=[{"label": b.label, "amount": b.amount} for b in application.budget_lines.all()]
    )
    return form, objectives, activities, budget


def _content(form, objectives, activities, budget) -> services.DraftContent:
    fields = {k: v for k, v in form.cleaned_data.items() if k != "focus_areas"}
    return services.DraftContent(
        fields=fields,
        focus_area_ids=[f.pk for f in form.cleaned_data.get("focus_areas") or []],
        objectives=[
            (f.cleaned_data["text"], f.cleaned_data.get("target", "")) for f in objectives if f.cleaned_data.get("text")
        ],
        activities=[
            (f.cleaned_data["title"], f.cleaned_data.get("starts_on"), f.cleaned_data.get("ends_on"))
            for f in activities
            if f.cleaned_data.get("title")
        ],
        budget_lines=[
            (f.cleaned_data["label"], f.cleaned_data["amount"])
            for f in budget
            if f.cleaned_data.get("label") and f.cleaned_data.get("amount") is not None
        ],
    )


def _valid(*forms) -> bool:
    return all(f.is_valid() for f in forms)  # every form validated, so every error shows


def _context(request, application, forms=None, refusals=None) -> dict:
    form, objectives, activities, budget = forms or _forms(request, application)
    step = selectors.deadline(application.round_region)
    return {
        "partner": request.partner,
        "application": application,
        "programme": application.round_region.round.fiscal_year.programme,
        "form": form,
        "objectives": objectives,
        "activities": activities,
        "budget": budget,
        "editable": lifecycle.is_editable(application),
        "can_withdraw": lifecycle.can_withdraw(application) and request.partner_member.is_admin,
        "is_admin": request.partner_member.is_admin,
        "timeline": selectors.timeline(application),
        "deadline": step,
        "region_tz": application.round_region.tz,
        "refusals": refusals or [],
        "attachment_form": AttachmentForm(),
        "report_form": TextForm(),
        "final_report": selectors.final_report_of(application),
        "can_report": lifecycle.can_submit_report(application),
        "open_feedback": [f for f in application.feedback.all() if not f.replied_at],
        "versions": list(application.versions.all()),
    }


class ApplicationView(PortalRequiredMixin, View):
    template = "grants/portal/application.html"

    def get(self, request, pk: int):
        application = _get(request, pk)
        return render(request, self.template, _context(request, application))

    def post(self, request, pk: int):
        """The "save" button (and the page without JavaScript)."""
        application = _get(request, pk)
        if not lifecycle.is_editable(application):
            raise PermissionDenied(_("This application can no longer be edited."))
        forms = _forms(request, application, request.POST)
        if not _valid(*forms):
            return render(request, self.template, _context(request, application, forms), status=400)
        services.application_save_draft(application=application, content=_content(*forms), by=request.user)
        messages.success(request, _("Draft saved."))
        return redirect("portal:grants_application", pk=application.pk)


class AutosaveView(PortalRequiredMixin, View):
    """htmx: saves the draft as the applicant types; answers the "saved at hh:mm" line."""

    def post(self, request, pk: int):
        application = get_object_or_404(_applications(request), pk=pk)
        if not lifecycle.is_editable(application):
            return HttpResponse(_("This application can no longer be edited."), status=409)
        forms = _forms(request, application, request.POST)
        if not _valid(*forms):
            return HttpResponse(
                '<span class="text-danger">' + _("Not saved: correct the fields marked in red, then save.") + "</span>",
                status=200,
            )
        saved = services.application_save_draft(application=application, content=_content(*forms), by=request.user)
        moment = time_format(timezone.localtime(saved.saved_at), "H:i")
        return HttpResponse(_("Saved at %(time)s") % {"time": moment})


class SubmitView(PortalRequiredMixin, View):
    admin_only = True

    def post(self, request, pk: int):
        application = _get(request, pk)
        forms = _forms(request, application, request.POST) if "title" in request.POST else None
        try:
            with transaction.atomic():
                if forms is not None:
                    if not _valid(*forms):
                        raise ValidationError(_("Correct the fields marked in red."))
                    services.application_save_draft(application=application, content=_content(*forms), by=request.user)
                services.application_submit(application=application, member=request.partner_member)
        except RuleError as error:
            application = _get(request, pk)
            context = _context(request, application, forms, refusals=[r.message for r in error.refusals])
            return render(request, "grants/portal/application.html", context, status=400)
        except (ValidationError, TransitionError) as error:
            application = _get(request, pk)
            refusals = getattr(error, "messages", None) or [_("This application cannot be submitted now.")]
            context = _context(request, application, forms, refusals=refusals)
            return render(request, "grants/portal/application.html", context, status=400)
        messages.success(request, _("Your application is submitted."))
        return redirect("portal:grants_application", pk=pk)


class WithdrawView(PortalRequiredMixin, View):
    admin_only = True

    def post(self, request, pk: int):
        application = get_object_or_404(_applications(request), pk=pk)
        try:
            services.application_withdraw(application=application, member=request.partner_member)
        except TransitionError:
            messages.error(request, _("This application can no longer be withdrawn."))
        return redirect("portal:grants_application", pk=pk)


class ReplyView(PortalRequiredMixin, View):
    def post(self, request, pk: int):
        application = get_object_or_404(_applications(request), pk=pk)
        try:
            services.feedback_reply(
                application=application, member=request.partner_member, reply=request.POST.get("text", "")
            )
        except (ValidationError, TransitionError) as error:
            context = _context(request, _get(request, pk), refusals=getattr(error, "messages", [str(error)]))
            return render(request, "grants/portal/application.html", context, status=400)
        messages.success(request, _("Your reply is sent to the committee."))
        return redirect("portal:grants_application", pk=pk)


class ReportView(PortalRequiredMixin, View):
    def post(self, request, pk: int):
        application = get_object_or_404(_applications(request), pk=pk)
        form = TextForm(request.POST)
        try:
            if not form.is_valid():
                raise ValidationError(_("Write the report."))
            awards.final_report_submit(
                application=application,
                member=request.partner_member,
                text=form.cleaned_data["text"],
                language=form.cleaned_data["language"],
            )
        except ValidationError as error:
            context = _context(request, _get(request, pk), refusals=error.messages)
            return render(request, "grants/portal/application.html", context, status=400)
        messages.success(request, _("Your final report is submitted."))
        return redirect("portal:grants_application", pk=pk)


class AttachmentUploadView(PortalRequiredMixin, View):
    def post(self, request, pk: int):
        application = get_object_or_404(_applications(request), pk=pk)
        form = AttachmentForm(request.POST, request.FILES)
        try:
            if not form.is_valid():
                raise ValidationError(_("Choose a file to attach."))
            services.attachment_add(application=application, uploaded=form.cleaned_data["file"], by=request.user)
        except (ValidationError, PermissionDenied) as error:
            context = _context(request, _get(request, pk), refusals=getattr(error, "messages", [str(error)]))
            return render(request, "grants/portal/application.html", context, status=400)
        messages.success(request, _("Attachment added."))
        return redirect("portal:grants_application", pk=pk)
