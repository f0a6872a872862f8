"""The admin reads agreements and writes only through the services: statuses change by
actions calling ``agreement_transition``; the body and the clauses are read-only once the
lifecycle freezes them, and saved through ``agreement_update`` / ``clause_update`` before."""

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.admin_services import ServiceAdminMixin, transition_actions

from . import lifecycle, services
from .models import Agreement, AgreementDocument, AgreementStatus, Amendment, Clause, SignedScan, WmfrSignatory

CLAUSE_FIELDS = (
    "title",
    "purpose",
    "arrangements",
    "start_date",
    "end_date",
    "means",
    "wmfr_contribution",
    "partner_contribution",
    "reciprocal_commitments",
)
BODY_FIELDS = (
    "title",
    "kind",
    "language",
    "wmfr_signatory",
    "preamble",
    "purpose",
    "evaluation",
    "start_date",
    "end_date",
    "duration",
    "pilot_phase",
    "pilot_description",
    "means",
    "licence",
    "licence_scope",
    "membership_included",
    "membership_amount",
    "disputes",
)
# Set by the lifecycle and the drafting service, never typed in the admin.
LIFECYCLE_FIELDS = (
    "reference",
    "partnership",
    "partner",
    "status",
    "signed_on",
    "termination_reason",
    "created_by",
    "created_at",
)


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ClauseInline(ReadOnlyInline):
    """Clauses are added from the back-office (``clause_add``) and edited on their own page."""

    model = Clause
    fields = ("position", "title", "activity_type", "amendment", "start_date", "end_date")
    readonly_fields = fields
    show_change_link = True


class AmendmentInline(ReadOnlyInline):
    model = Amendment
    fields = ("number", "sent_at", "signed_on")
    readonly_fields = fields


class DocumentInline(ReadOnlyInline):
    """Versions are rendered by the worker and frozen once sent: read-only here."""

    model = AgreementDocument
    fields = ("version", "amendment", "frozen", "state", "sha256", "pages", "rendered_at")
    readonly_fields = fields


def _agreement_transition(agreement, to, user):
    return services.agreement_transition(agreement=agreement, to=to, by=user)


@admin.register(Agreement)
class AgreementAdmin(ServiceAdminMixin, admin.ModelAdmin):
    list_display = ("reference", "title", "partner", "kind", "status", "language", "signed_on", "end_date")
    list_filter = ("status", "kind", "language", "licence")
    search_fields = ("reference", "title", "partner__name")
    autocomplete_fields = ("signatories",)
    list_select_related = ("partner",)
    fields = LIFECYCLE_FIELDS + BODY_FIELDS + ("signatories",)
    inlines = (ClauseInline, AmendmentInline, DocumentInline)
    date_hierarchy = "created_at"
    # Signing needs its date and terminating its reason: done from the back-office form.
    actions = transition_actions(
        statuses=[
            (value, label)
            for value, label in AgreementStatus.choices
            if value not in lifecycle.NEEDS_SIGNATURE_DATE | lifecycle.NEEDS_REASON
        ],
        transition=_agreement_transition,
    )

    def has_add_permission(self, request):
        # Drafts are written from the catalogue by ``agreement_draft`` (back-office).
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and lifecycle.is_editable(obj):
            return LIFECYCLE_FIELDS
        return LIFECYCLE_FIELDS + BODY_FIELDS + ("signatories",)

    def service_save(self, request, obj, form, change):
        data = {name: form.cleaned_data[name] for name in form.changed_data if name in BODY_FIELDS}
        signatories = form.cleaned_data.get("signatories") if "signatories" in form.changed_data else None
        services.agreement_update(
            agreement=obj, by=request.user, signatories=list(signatories) if signatories is not None else None, **data
        )


@admin.register(Clause)
class ClauseAdmin(ServiceAdminMixin, admin.ModelAdmin):
    list_display = ("title", "agreement", "activity_type", "amendment", "start_date", "end_date")
    list_filter = ("activity_type",)
    search_fields = ("title", "agreement__reference")
    list_select_related = ("agreement", "activity_type", "amendment")
    fields = ("agreement", "amendment", "position", "activity_type", "activity", *CLAUSE_FIELDS)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_readonly_fields(self, request, obj=None):
        fixed = ("agreement", "amendment", "position", "activity_type", "activity")
        if obj is not None and lifecycle.clause_is_editable(obj):
            return fixed
        return fixed + CLAUSE_FIELDS

    def service_save(self, request, obj, form, change):
        data = {name: form.cleaned_data[name] for name in form.changed_data if name in CLAUSE_FIELDS}
        services.clause_update(clause=obj, by=request.user, **data)


@admin.register(Amendment)
class AmendmentAdmin(admin.ModelAdmin):
    """Amendments are created by ``clause_add``; sending goes through ``amendment_send``."""

    list_display = ("__str__", "agreement", "sent_at", "signed_on")
    search_fields = ("agreement__reference",)
    list_select_related = ("agreement",)
    readonly_fields = ("agreement", "number", "sent_at", "signed_on", "created_by", "created_at")
    actions = ("send",)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Send for signature (freezes its PDF)"), permissions=["change"])
    def send(self, request, queryset):
        for amendment in queryset:
            try:
                services.amendment_send(amendment=amendment, by=request.user)
            except ValidationError as exc:
                self.message_user(request, f"{amendment}: {' '.join(exc.messages)}", level="error")


@admin.register(AgreementDocument)
class AgreementDocumentAdmin(admin.ModelAdmin):
    list_display = ("__str__", "agreement", "frozen", "state", "pages", "sha256", "rendered_at")
    list_filter = ("state", "frozen", "language")
    search_fields = ("agreement__reference", "sha256")
    list_select_related = ("agreement", "amendment")
    readonly_fields = [f.name for f in AgreementDocument._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SignedScan)
class SignedScanAdmin(admin.ModelAdmin):
    list_display = ("original_name", "agreement", "amendment", "uploaded_by", "uploaded_at", "sha256")
    search_fields = ("original_name", "agreement__reference", "sha256")
    list_select_related = ("agreement", "amendment", "uploaded_by")
    readonly_fields = [f.name for f in SignedScan._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(WmfrSignatory)
class WmfrSignatoryAdmin(admin.ModelAdmin):
    """The people authorised to sign for Wikimédia France; one is proposed for new agreements."""

    list_display = ("__str__", "title_en", "is_active", "is_default")
    list_filter = ("is_active", "is_default")
    search_fields = ("first_name", "last_name", "title_fr", "title_en")
