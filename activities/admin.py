from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin

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
    list_display = ("title", "partner", "activity_type", "status", "submitted_at", "partnership")
    list_filter = ("status", "activity_type")
    search_fields = ("title", "description", "partner__name")
    autocomplete_fields = ("partner", "partnership")
    list_select_related = ("partner", "activity_type", "partnership")
    date_hierarchy = "submitted_at"
