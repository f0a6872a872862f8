from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from . import services
from .models import ActionProposal, Activity, ActivityType


@admin.register(ActivityType)
class ActivityTypeAdmin(TabbedTranslationAdmin):
    list_display = ("name", "code", "period", "min_months", "max_months", "membership_fee_expected", "is_active")
    list_filter = ("membership_fee_expected", "is_active")
    search_fields = ("name", "code", "definition")


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ("title", "activity_type", "partnership", "status", "start_date", "end_date")
    list_filter = ("status", "activity_type")
    search_fields = ("title", "partnership__title", "location")
    autocomplete_fields = ("partnership",)
    filter_horizontal = ("sub_priorities",)
    list_select_related = ("activity_type", "partnership")
    date_hierarchy = "start_date"


@admin.register(ActionProposal)
class ActionProposalAdmin(admin.ModelAdmin):
    """Proposals come from the portal; staff accept them (a partnership is created) through
    the service, here as an action; declining (with its reason) is the back-office's. Nothing
    else changes here."""

    list_display = ("title", "partner", "activity_type", "status", "submitted_at", "partnership")
    list_filter = ("status", "activity_type")
    search_fields = ("title", "description", "partner__name")
    list_select_related = ("partner", "activity_type", "partnership")
    date_hierarchy = "submitted_at"
    readonly_fields = (
        "partner",
        "activity_type",
        "title",
        "description",
        "desired_start",
        "audience",
        "status",
        "submitted_by",
        "submitted_at",
        "partnership",
        "reviewed_by",
        "reviewed_at",
    )
    # Declining needs a reason the partner receives: done from the back-office form.
    actions = ("accept",)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def _decide(self, request, queryset, service) -> None:
        for proposal in queryset:
            try:
                service(proposal=proposal, by=request.user)
            except ValidationError as exc:
                self.message_user(request, f"{proposal}: {' '.join(exc.messages)}", messages.ERROR)

    @admin.action(description=_("Accept: create the partnership and its action"), permissions=["change"])
    def accept(self, request, queryset):
        self._decide(request, queryset, services.proposal_accept)
