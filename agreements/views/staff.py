"""Back-office views for agreements: thin; selectors read, services write."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views import View

from core.access import StaffRequiredMixin
from core.confirm import confirmation_page, is_confirmed
from core.forms import add_service_errors
from core.models import AuditEntry
from core.pagination import page_of
from partnerships.models import Partnership

from .. import lifecycle, selectors, services
from ..filters import AgreementFilter
from ..forms import (
    AgreementDraftForm,
    AgreementForm,
    AmendmentSignForm,
    ClauseAddForm,
    ClauseForm,
    ScanForm,
    TransitionForm,
)
from ..models import (
    Agreement,
    AgreementDocument,
    AgreementKind,
    AgreementStatus,
    Amendment,
    Clause,
    DocumentState,
    SignedScan,
)
from .files import pdf_response, upload_scan

PAGE_SIZE = 50


class AgreementListView(StaffRequiredMixin, View):
    permission_required = ("agreements.view_agreement",)

    def get(self, request):
        # Built only when the page's cached block is not ({% cache %}, core/dataversion.py).
        agreement_filter = SimpleLazyObject(
            lambda: AgreementFilter(request.GET, queryset=selectors.agreement_list_queryset())
        )
        page = SimpleLazyObject(
            lambda: page_of(agreement_filter.qs.order_by("-created_at", "-pk"), request.GET.get("page"), PAGE_SIZE)
        )
        values = SimpleLazyObject(
            lambda: (
                agreement_filter.form.cleaned_data if agreement_filter.is_bound and agreement_filter.is_valid() else {}
            )
        )
        return render(
            request,
            "agreements/staff/agreement_list.html",
            {
                "nav": "agreements",
                "filter": agreement_filter,
                "page": page,
                "agreements": SimpleLazyObject(lambda: list(page.object_list)),
                "statuses": AgreementStatus.choices,
                "kinds": AgreementKind.choices,
                "status": SimpleLazyObject(lambda: values.get("status") or ""),
                "kind": SimpleLazyObject(lambda: values.get("kind") or ""),
                "q": SimpleLazyObject(lambda: (values.get("q") or "").strip()),
                "expiring": SimpleLazyObject(lambda: bool(values.get("expiring"))),
                "expiring_days": selectors.EXPIRING_DAYS,
            },
        )


class AgreementCreateView(StaffRequiredMixin, View):
    permission_required = ("agreements.add_agreement",)
    template_name = "agreements/staff/agreement_create.html"

    def _partnership(self, request):
        pk = request.GET.get("partnership") or request.POST.get("partnership")
        return Partnership.objects.filter(pk=pk).first() if str(pk or "").isdigit() else None

    def get(self, request):
        partnership = self._partnership(request)
        form = AgreementDraftForm(partnership=partnership, initial={"language": "fr"})
        return render(request, self.template_name, {"nav": "agreements", "form": form, "partnership": partnership})

    def post(self, request):
        partnership = self._partnership(request)
        form = AgreementDraftForm(request.POST, partnership=partnership)
        if form.is_valid():
            data = form.cleaned_data
            actions = data["actions"]
            try:
                agreement = services.agreement_draft(
                    partnership=data["partnership"],
                    partner=data["partner"],
                    kind=data["kind"] or services.suggested_kind([a.activity_type for a in actions]),
                    language=data["language"],
                    title=data["title"],
                    actions=actions,
                    by=request.user,
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Draft %(reference)s created.") % {"reference": agreement.reference})
                return redirect(agreement)
        return render(
            request, self.template_name, {"nav": "agreements", "form": form, "partnership": partnership}, status=400
        )


class AgreementDetailView(StaffRequiredMixin, View):
    permission_required = ("agreements.view_agreement",)

    def get(self, request, pk: int):
        try:
            agreement = selectors.agreement_detail(Agreement.objects.all(), pk)
        except Agreement.DoesNotExist:
            raise Http404 from None
        clauses = list(agreement.clauses.all())
        for clause in clauses:
            clause.warning = services.timetable_warning(clause)
        return render(
            request,
            "agreements/staff/agreement_detail.html",
            {
                "nav": "agreements",
                "agreement": agreement,
                "clauses": clauses,
                "documents": list(agreement.documents.all()),
                "amendments": list(agreement.amendments.all()),
                "scans": list(agreement.scans.all()),
                "next_transitions": (transitions := lifecycle.next_transitions(agreement)),
                # Going back and terminating sit apart from the main move, each confirmed.
                "has_risky": any(t.destructive or t.backwards for t in transitions),
                "editable": lifecycle.is_editable(agreement),
                "can_add_action": lifecycle.can_add_action(agreement),
                "transition_form": TransitionForm(),
                "scan_form": ScanForm(),
                "amendment_sign_form": AmendmentSignForm(),
                "clause_add_form": ClauseAddForm(),
                "audit": AuditEntry.objects.filter(
                    content_type__app_label="agreements", content_type__model="agreement", object_id=str(agreement.pk)
                ).select_related("actor")[:30],
            },
        )


class AgreementDocumentsPartialView(StaffRequiredMixin, View):
    """The versions table alone: polled by htmx while a PDF is being generated."""

    permission_required = ("agreements.view_agreement",)

    def get(self, request, pk: int):
        agreement = get_object_or_404(Agreement, pk=pk)
        documents = list(agreement.documents.select_related("amendment").order_by("-version"))
        return render(
            request,
            "agreements/_documents.html",
            {
                "agreement": agreement,
                "documents": documents,
                "area": "staff",
                "polling": any(d.state == DocumentState.PENDING for d in documents),
            },
        )


class AgreementUpdateView(StaffRequiredMixin, View):
    permission_required = ("agreements.change_agreement",)
    template_name = "agreements/staff/agreement_form.html"

    def get_agreement(self, pk):
        agreement = get_object_or_404(Agreement.objects.select_related("partner"), pk=pk)
        if not lifecycle.is_editable(agreement):
            messages.error(request=self.request, message=_("Only a draft or an agreement in review can be edited."))
            return None
        return agreement

    def get(self, request, pk: int):
        agreement = self.get_agreement(pk)
        if agreement is None:
            return redirect("staff:agreement_detail", pk=pk)
        return render(
            request,
            self.template_name,
            {"nav": "agreements", "agreement": agreement, "form": AgreementForm(instance=agreement)},
        )

    def post(self, request, pk: int):
        agreement = self.get_agreement(pk)
        if agreement is None:
            return redirect("staff:agreement_detail", pk=pk)
        form = AgreementForm(request.POST, instance=agreement)
        if form.is_valid():
            data = dict(form.cleaned_data)
            signatories = list(data.pop("signatories"))
            try:
                services.agreement_update(agreement=agreement, by=request.user, signatories=signatories, **data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Agreement saved."))
                return redirect(agreement)
        messages.error(request, _("Please correct the errors below."))
        return render(
            request, self.template_name, {"nav": "agreements", "agreement": agreement, "form": form}, status=400
        )


class ClauseAddView(StaffRequiredMixin, View):
    permission_required = ("agreements.change_agreement",)

    def post(self, request, pk: int):
        agreement = get_object_or_404(Agreement, pk=pk)
        form = ClauseAddForm(request.POST)
        if not form.is_valid():
            messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
            return redirect(agreement)
        try:
            clause = services.clause_add(
                agreement=agreement, spec=services.ActionSpec(**form.cleaned_data), by=request.user
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect(agreement)
        if clause.amendment_id:
            messages.success(
                request, _("The action is added as amendment %(number)s.") % {"number": clause.amendment.number}
            )
        else:
            messages.success(request, _("Action added; its clause is pre-filled from the catalogue."))
        return redirect(agreement)


class ClauseUpdateView(StaffRequiredMixin, View):
    permission_required = ("agreements.change_agreement",)
    template_name = "agreements/staff/clause_form.html"

    def get_clause(self, pk, clause_pk):
        clause = get_object_or_404(
            Clause.objects.select_related("agreement", "activity_type", "amendment"), pk=clause_pk, agreement_id=pk
        )
        if not lifecycle.clause_is_editable(clause):
            raise Http404
        return clause

    def get(self, request, pk: int, clause_pk: int):
        clause = self.get_clause(pk, clause_pk)
        return render(
            request,
            self.template_name,
            {
                "nav": "agreements",
                "clause": clause,
                "agreement": clause.agreement,
                "form": ClauseForm(instance=clause),
                "warning": services.timetable_warning(clause),
            },
        )

    def post(self, request, pk: int, clause_pk: int):
        clause = self.get_clause(pk, clause_pk)
        form = ClauseForm(request.POST, instance=clause)
        if form.is_valid():
            try:
                clause = services.clause_update(clause=clause, by=request.user, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                # The agreement page shows the clause's timetable warning, if any: once, there.
                messages.success(request, _("Clause saved."))
                return redirect(clause.agreement)
        return render(
            request,
            self.template_name,
            {"nav": "agreements", "clause": clause, "agreement": clause.agreement, "form": form},
            status=400,
        )


class AgreementGenerateView(StaffRequiredMixin, View):
    """Render a new draft version (the frozen versions are made by 'send for signature')."""

    permission_required = ("agreements.change_agreement",)

    def post(self, request, pk: int):
        agreement = get_object_or_404(Agreement, pk=pk)
        try:
            services.document_request(agreement=agreement, by=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.info(request, _("The PDF is being generated."))
        return redirect(agreement)


def _risky_transition(agreement: Agreement, to: str) -> tuple[str, str, str] | None:
    """(title, message, button) of the confirmation a move needs, or None for a plain move."""
    if to == AgreementStatus.TERMINATED:
        return (
            _("Terminate agreement %(reference)s?") % {"reference": agreement.reference},
            _("A terminated agreement cannot be reopened: a new agreement would have to be drafted and signed."),
            _("Terminate the agreement"),
        )
    if agreement.status == AgreementStatus.SENT and to == AgreementStatus.DRAFT:
        return (
            _("Withdraw the version sent for signature?"),
            _(
                "The version sent stays on file, but the partner should no longer sign it. The agreement "
                "goes back to draft for changes; sending it again sends a new version."
            ),
            _("Withdraw and revise"),
        )
    return None


class AgreementTransitionView(StaffRequiredMixin, View):
    permission_required = ("agreements.change_agreement",)

    def post(self, request, pk: int, status: str):
        agreement = get_object_or_404(Agreement, pk=pk)
        if status not in AgreementStatus.values:
            raise Http404
        form = TransitionForm(request.POST)
        if not form.is_valid():
            messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
            return redirect(agreement)
        risky = _risky_transition(agreement, status)
        if risky and not is_confirmed(request):
            title, message, label = risky
            return confirmation_page(
                request,
                title=title,
                message=message,
                confirm_label=label,
                cancel_url=agreement.get_absolute_url(),
                keep=("reason", "signed_on"),
            )
        try:
            services.agreement_transition(
                agreement=agreement,
                to=status,
                by=request.user,
                signed_on=form.cleaned_data.get("signed_on"),
                reason=form.cleaned_data.get("reason") or "",
            )
            messages.success(request, _("Status: %(status)s.") % {"status": AgreementStatus(status).label})
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect(agreement)


class AmendmentActionView(StaffRequiredMixin, View):
    permission_required = ("agreements.change_agreement",)

    def post(self, request, pk: int, amendment_pk: int, action: str):
        amendment = get_object_or_404(Amendment.objects.select_related("agreement"), pk=amendment_pk, agreement_id=pk)
        try:
            if action == "send":
                services.amendment_send(amendment=amendment, by=request.user)
                messages.success(request, _("Amendment sent; its PDF is being generated."))
            elif action == "sign":
                form = AmendmentSignForm(request.POST)
                if not form.is_valid():
                    raise ValidationError(form.errors.get("signed_on") or _("Give the date of signature."))
                services.amendment_sign(amendment=amendment, signed_on=form.cleaned_data["signed_on"], by=request.user)
                messages.success(request, _("Amendment signed."))
            else:
                raise Http404
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect(amendment.agreement)


class ScanUploadView(StaffRequiredMixin, View):
    permission_required = ("agreements.change_agreement",)

    def post(self, request, pk: int):
        agreement = get_object_or_404(Agreement, pk=pk)
        upload_scan(request, agreement)
        return redirect(agreement)


class DocumentDownloadView(StaffRequiredMixin, View):
    permission_required = ("agreements.view_agreement",)

    def get(self, request, pk: int):
        document = get_object_or_404(
            AgreementDocument.objects.select_related("agreement", "amendment"), pk=pk, state=DocumentState.READY
        )
        return pdf_response(document.file, document.filename)


class ScanDownloadView(StaffRequiredMixin, View):
    permission_required = ("agreements.view_agreement",)

    def get(self, request, pk: int):
        scan = get_object_or_404(SignedScan.objects.select_related("agreement"), pk=pk)
        return pdf_response(scan.file, f"{scan.agreement.reference}-signed-{scan.pk}.pdf")
