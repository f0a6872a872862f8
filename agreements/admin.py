from django.contrib import admin

from .models import Agreement, AgreementDocument, Amendment, Clause, SignedScan, WmfrSignatory


class ClauseInline(admin.StackedInline):
    model = Clause
    extra = 0
    autocomplete_fields = ("activity",)


class AmendmentInline(admin.TabularInline):
    model = Amendment
    extra = 0


class DocumentInline(admin.TabularInline):
    """Versions are rendered by the worker and frozen once sent: read-only here."""

    model = AgreementDocument
    extra = 0
    fields = ("version", "amendment", "frozen", "state", "sha256", "pages", "rendered_at")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Agreement)
class AgreementAdmin(admin.ModelAdmin):
    list_display = ("reference", "title", "partner", "kind", "status", "language", "signed_on", "end_date")
    list_filter = ("status", "kind", "language", "licence")
    search_fields = ("reference", "title", "partner__name")
    autocomplete_fields = ("partner", "partnership", "signatories")
    list_select_related = ("partner",)
    readonly_fields = ("reference", "status", "created_by", "created_at")
    inlines = (ClauseInline, AmendmentInline, DocumentInline)
    date_hierarchy = "created_at"


@admin.register(Clause)
class ClauseAdmin(admin.ModelAdmin):
    list_display = ("title", "agreement", "activity_type", "amendment", "start_date", "end_date")
    list_filter = ("activity_type",)
    search_fields = ("title", "agreement__reference")
    autocomplete_fields = ("agreement", "activity")
    list_select_related = ("agreement", "activity_type", "amendment")


@admin.register(Amendment)
class AmendmentAdmin(admin.ModelAdmin):
    list_display = ("__str__", "agreement", "sent_at", "signed_on")
    search_fields = ("agreement__reference",)
    autocomplete_fields = ("agreement",)
    list_select_related = ("agreement",)


@admin.register(AgreementDocument)
class AgreementDocumentAdmin(admin.ModelAdmin):
    list_display = ("__str__", "agreement", "frozen", "state", "pages", "sha256", "rendered_at")
    list_filter = ("state", "frozen", "language")
    search_fields = ("agreement__reference", "sha256")
    list_select_related = ("agreement", "amendment")
    readonly_fields = [f.name for f in AgreementDocument._meta.fields]

    def has_add_permission(self, request):
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
