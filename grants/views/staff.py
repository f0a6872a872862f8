"""Back-office: programmes, the pipeline of a fiscal year, each application's page, the
officer's and the committee's actions. Committee members see their regions only (another
region's application is a 404)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views import View

from core.access import StaffRequiredMixin
from core.exports import FORMATS, export_response
from core.services import audit_log
from partnerships.models import Partner, PartnerRole

from .. import awards, lifecycle, selectors, services
from ..forms import DateForm, DecisionForm, EligibilityForm, InvitationForm, PaymentForm, ReviewForm, TextForm
from ..lifecycle import TransitionError
from ..models import Application, ApplicationStatus, ConversationKind, Criterion, FiscalYear, Payment
from ..pdf import application_pdf
from ..rules import RuleError

VIEW = ("grants.view_application",)
CHANGE = ("grants.view_application", "grants.change_application")


class ProgrammeListView(StaffRequiredMixin, View):
    permission_required = VIEW

    def get(self, request):
        # Read only when the page's cached block is not ({% cache %}, core/dataversion.py).
        return render(
            request, "grants/staff/programme_list.html", {"programmes": SimpleLazyObject(selectors.programme_list)}
        )


class PipelineView(StaffRequiredMixin, View):
    permission_required = VIEW

    def get(self, request, pk: int):
        # The fiscal year is read at once (a 404, the title), once per data version; the rest
        # only when the page's cached block is not ({% cache %}, core/dataversion.py). Its key
        # holds the user: a committee member's block shows their regions' applications only.
        fiscal_year = selectors.fiscal_year_with_programme(pk)
        if fiscal_year is None:
            raise Http404
        filters = {k: request.GET.get(k) or None for k in ("round", "region", "status")}
        filters = {k: (v if v and (k == "status" or v.isdigit()) else None) for k, v in filters.items()}

        def open_regions():
            return [
                rr.region
                for rr in selectors.RoundRegion.objects.filter(round__fiscal_year=fiscal_year, is_open=True)
                .select_related("region")
                .order_by("region__position")
            ]

        regions = SimpleLazyObject(open_regions)

        def count_rows():
            counts = selectors.status_counts(
                selectors.pipeline(fiscal_year=fiscal_year, user=request.user, round_id=filters["round"])
            )
            return [(region, [counts.get((region.pk, s), 0) for s in ApplicationStatus.values]) for region in regions]

        def applications():
            qs = selectors.pipeline(
                fiscal_year=fiscal_year,
                user=request.user,
                round_id=filters["round"],
                region_id=filters["region"],
                status=filters["status"] if filters["status"] in ApplicationStatus.values else None,
            )
            return list(qs[:200])

        return render(
            request,
            "grants/staff/pipeline.html",
            {
                "fiscal_year": fiscal_year,
                "programme": fiscal_year.programme,
                "rounds": SimpleLazyObject(lambda: list(fiscal_year.rounds.all())),
                "regions": regions,
                "statuses": ApplicationStatus.choices,
                "count_rows": SimpleLazyObject(count_rows),
                "applications": SimpleLazyObject(applications),
                "envelope": SimpleLazyObject(lambda: selectors.envelope_rows(fiscal_year)),
                "filters": filters,
                "is_officer": services.is_officer(request.user),
                "formats": FORMATS,
            },
        )


class PipelineExportView(StaffRequiredMixin, View):
    permission_required = CHANGE

    def get(self, request, pk: int, fmt: str):
        if fmt not in FORMATS:
            raise Http404
        fiscal_year = get_object_or_404(FiscalYear.objects.select_related("programme"), pk=pk)
        status = request.GET.get("status")
        qs = selectors.pipeline(
            fiscal_year=fiscal_year,
            user=request.user,
            round_id=request.GET.get("round") if (request.GET.get("round") or "").isdigit() else None,
            region_id=request.GET.get("region") if (request.GET.get("region") or "").isdigit() else None,
            status=status if status in ApplicationStatus.values else None,
        )
        headers = [
            _("Title"),
            _("Organisation"),
            _("Region"),
            _("Status"),
            _("Requested"),
            _("Approved"),
            _("Submitted"),
        ]
        rows = (
            [
                a.title,
                a.partner.name,
                a.round_region.region.name,
                a.get_status_display(),
                a.requested_amount,
                a.approved_amount,
                a.submitted_at,
            ]
            for a in qs
        )
        return export_response(
            fmt=fmt, headers=headers, rows=rows, filename_stem=f"grants-{fiscal_year.code}", title=fiscal_year.code
        )


class InvitationCreateView(StaffRequiredMixin, View):
    permission_required = ("grants.view_application", "grants.add_grantinvitation")

    def get(self, request):
        return render(request, "grants/staff/invite.html", {"form": InvitationForm()})

    def post(self, request):
        form = InvitationForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                with transaction.atomic():
                    partner = data["partner"]
                    if partner is None:
                        partner = Partner.objects.create(
                            name=data["new_name"],
                            partner_type="thematic_organisations",
                            legal_status="non_profit",
                            country=(data["new_country"] or "").upper() or "FR",
                        )
                        audit_log(obj=partner, action="partner.created", actor=request.user)
                        from partnerships.services import invitation_create as portal_invite

                        portal_invite(
                            partner=partner,
                            email=data["new_email"],
                            role=PartnerRole.ADMIN,
                            language="fr",
                            by=request.user,
                        )
                    services.invitation_create(
                        round_region=data["round_region"], partner=partner, by=request.user, message=data["message"]
                    )
            except RuleError as error:
                for refusal in error.refusals:
                    form.add_error(None, refusal.message)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("%(name)s is invited.") % {"name": partner.name})
                return redirect("staff:grants_pipeline", pk=data["round_region"].round.fiscal_year_id)
        return render(request, "grants/staff/invite.html", {"form": form})


def _application(request, pk: int) -> Application:
    """The application if this staff user may see it: another region's is a 404."""
    try:
        return selectors.application_detail(selectors.visible_applications(request.user), pk)
    except Application.DoesNotExist:
        raise Http404 from None


class ApplicationDetailView(StaffRequiredMixin, View):
    permission_required = VIEW

    def get(self, request, pk: int):
        application = _application(request, pk)
        return render(request, "grants/staff/application_detail.html", _detail_context(request, application))


def _detail_context(request, application: Application, **forms) -> dict:
    programme = application.round_region.round.fiscal_year.programme
    user = request.user
    conflicted = services.is_conflicted(user, application)
    officer = services.is_officer(user)
    in_committee = application.round_region.region_id in services.member_regions(user)
    versions = list(application.versions.all())
    questions = list(programme.conversation_questions.all())
    done = list(application.conversations.all())
    criteria = list(Criterion.objects.filter(programme=programme, version=programme.criteria_version))
    return {
        "application": application,
        "programme": programme,
        "timeline": selectors.timeline(application),
        "is_officer": officer,
        "in_committee": in_committee,
        "conflicted": conflicted,
        "can_see_scores": (officer or in_committee) and not conflicted,
        "board": selectors.score_board(application) if not conflicted else None,
        "versions": versions,
        "diff": selectors.version_diff(versions[-2], versions[-1]) if len(versions) > 1 else None,
        "translations": list(application.translations.all()),
        "eligibility": list(application.eligibility.all()),
        "eligibility_form": forms.get("eligibility_form") or EligibilityForm(criteria=criteria),
        "decision_form": forms.get("decision_form") or DecisionForm(initial={"decided_on": timezone.localdate()}),
        "review_form": forms.get("review_form") or ReviewForm(items=programme.rubric.all()),
        "payment_form": forms.get("payment_form") or PaymentForm(),
        "text_form": TextForm(),
        "date_form": DateForm(initial={"on": timezone.localdate()}),
        "conversations": [
            (kind, label, [q for q in questions if q.kind == kind], next((c for c in done if c.kind == kind), None))
            for kind, label in ConversationKind.choices
        ],
        "final_report": selectors.final_report_of(application),
        "error": forms.get("error"),
        "S": ApplicationStatus,
        "can_review": in_committee and not conflicted and application.status in lifecycle.REVIEWABLE,
    }


class ApplicationPdfView(StaffRequiredMixin, View):
    permission_required = VIEW

    def get(self, request, pk: int):
        application = _application(request, pk)
        response = HttpResponse(application_pdf(application), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="application-{application.pk}.pdf"'
        return response


class ApplicationActionView(StaffRequiredMixin, View):
    """The officer's actions on one application, each a service call (POST only)."""

    permission_required = CHANGE
    ACTIONS = (
        "start_check",
        "eligibility",
        "feedback",
        "decision",
        "agreement",
        "payment",
        "payment_sent",
        "conversation",
        "renewal",
        "translation",
        "publish_report",
    )

    def post(self, request, pk: int, action: str):
        if action not in self.ACTIONS:
            raise Http404
        application = _application(request, pk)
        try:
            rerender = getattr(self, action)(request, application)
        except (RuleError, ValidationError, TransitionError, PermissionDenied) as error:
            message = "; ".join(getattr(error, "messages", None) or [str(error)])
            context = _detail_context(request, application, error=message)
            return render(request, "grants/staff/application_detail.html", context, status=400)
        if rerender is not None:
            return render(request, "grants/staff/application_detail.html", rerender, status=400)
        return redirect("staff:grants_application", pk=application.pk)

    def start_check(self, request, application):
        services.eligibility_start(application=application, by=request.user)

    def eligibility(self, request, application):
        programme = application.round_region.round.fiscal_year.programme
        criteria = Criterion.objects.filter(programme=programme, version=programme.criteria_version)
        form = EligibilityForm(request.POST, criteria=criteria)
        if not form.is_valid():
            return _detail_context(request, application, eligibility_form=form)
        results = [
            services.CriterionResult(c.pk, form.cleaned_data[f"outcome_{c.pk}"], form.cleaned_data[f"evidence_{c.pk}"])
            for c in form.criteria
        ]
        services.eligibility_record(application=application, results=results, by=request.user)
        return None

    def feedback(self, request, application):
        services.feedback_send(application=application, text=request.POST.get("text", ""), by=request.user)

    def decision(self, request, application):
        form = DecisionForm(request.POST)
        if not form.is_valid():
            return _detail_context(request, application, decision_form=form)
        data = form.cleaned_data
        if data["decision"] == "approve":
            try:
                awards.application_approve(
                    application=application,
                    amount=data["amount"],
                    decided_on=data["decided_on"],
                    reasons=data["reasons"],
                    by=request.user,
                )
            except ValidationError as error:
                form.add_error("amount", error)
                return _detail_context(request, application, decision_form=form)
        else:
            awards.application_decline(
                application=application, decided_on=data["decided_on"], reasons=data["reasons"], by=request.user
            )
        return None

    def agreement(self, request, application):
        form = DateForm(request.POST)
        if not form.is_valid():
            raise ValidationError(_("Give the date the agreement was signed."))
        awards.agreement_record(application=application, signed_on=form.cleaned_data["on"], by=request.user)

    def payment(self, request, application):
        form = PaymentForm(request.POST)
        if not form.is_valid():
            return _detail_context(request, application, payment_form=form)
        try:
            awards.payment_plan(
                application=application,
                amount=form.cleaned_data["amount"],
                planned_on=form.cleaned_data["planned_on"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error("amount", error)
            return _detail_context(request, application, payment_form=form)

    def payment_sent(self, request, application):
        payment = get_object_or_404(Payment, application=application, pk=request.POST.get("payment") or 0)
        form = DateForm(request.POST)
        if not form.is_valid():
            raise ValidationError(_("Give the date the payment was sent."))
        awards.payment_mark_sent(payment=payment, sent_on=form.cleaned_data["on"], by=request.user)

    def conversation(self, request, application):
        kind = request.POST.get("kind", "")
        form = DateForm(request.POST)
        if not form.is_valid():
            raise ValidationError(_("Give the date of the conversation."))
        answers = request.POST.getlist("answer")
        awards.conversation_record(
            application=application, kind=kind, held_on=form.cleaned_data["on"], answers=answers, by=request.user
        )

    def renewal(self, request, application):
        awards.renewal_recommend(
            application=application,
            recommended=request.POST.get("recommended") == "yes",
            note=request.POST.get("note", ""),
            by=request.user,
        )

    def translation(self, request, application):
        language = request.POST.get("language", "")
        if language not in ("en", "fr"):
            raise ValidationError(_("Choose English or French."))
        form = TextForm(request.POST)
        if not form.is_valid():
            raise ValidationError(_("Paste the translation."))
        services.translation_attach(
            application=application, language=language, text=form.cleaned_data["text"], by=request.user
        )

    def publish_report(self, request, application):
        report = selectors.final_report_of(application)
        if report is None:
            raise ValidationError(_("There is no final report to publish."))
        report.published = request.POST.get("published") == "yes"
        report.save(update_fields=["published"])
        audit_log(obj=application, action="final_report.published", actor=request.user)


class ReviewView(StaffRequiredMixin, View):
    """A committee member scores or declares a conflict of interest."""

    permission_required = ("grants.view_application", "grants.add_review")

    def post(self, request, pk: int):
        application = _application(request, pk)
        if request.POST.get("conflict"):
            try:
                services.conflict_declare(
                    application=application, member=request.user, reason=request.POST.get("reason", "")
                )
            except PermissionDenied:
                raise
            return redirect("staff:grants_application", pk=application.pk)
        items = list(application.round_region.round.fiscal_year.programme.rubric.all())
        form = ReviewForm(request.POST, items=items)
        if not form.is_valid():
            context = _detail_context(request, application, review_form=form)
            return render(request, "grants/staff/application_detail.html", context, status=400)
        try:
            services.review_save(
                application=application,
                reviewer=request.user,
                scores={i.pk: form.cleaned_data[f"score_{i.pk}"] for i in items},
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as error:
            context = _detail_context(request, application, error="; ".join(error.messages))
            return render(request, "grants/staff/application_detail.html", context, status=400)
        return redirect("staff:grants_application", pk=application.pk)
