"""Admin for every grants model. Programmes, rounds and their data are edited here (a new
programme needs no code); application statuses change through the services only."""

from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline

from . import models as m
from .selectors import visible_applications
from .services import is_officer


class RegionCountryInline(admin.TabularInline):
    model = m.RegionCountry
    extra = 0


@admin.register(m.FundingRegion)
class FundingRegionAdmin(TabbedTranslationAdmin):
    list_display = ("code", "name", "time_zone", "position")
    search_fields = ("code", "name")
    inlines = (RegionCountryInline,)


class FocusAreaInline(TranslationTabularInline):
    model = m.FocusArea
    extra = 0


class CriterionInline(TranslationTabularInline):
    model = m.Criterion
    extra = 0


class RubricInline(TranslationTabularInline):
    model = m.RubricItem
    extra = 0


class ConversationQuestionInline(TranslationTabularInline):
    model = m.ConversationQuestion
    extra = 0


class FiscalYearInline(admin.TabularInline):
    model = m.FiscalYear
    extra = 0
    show_change_link = True


@admin.register(m.Programme)
class ProgrammeAdmin(TabbedTranslationAdmin):
    list_display = ("name", "code", "currency", "invitation_only", "public")
    search_fields = ("name", "code")
    inlines = (FocusAreaInline, CriterionInline, RubricInline, ConversationQuestionInline, FiscalYearInline)


class RoundInline(admin.TabularInline):
    model = m.Round
    extra = 0
    show_change_link = True
    exclude = ("label",)


@admin.register(m.FiscalYear)
class FiscalYearAdmin(admin.ModelAdmin):
    list_display = ("programme", "code", "starts_on", "ends_on", "envelope")
    list_filter = ("programme",)
    inlines = (RoundInline,)


class RoundRegionInline(admin.TabularInline):
    model = m.RoundRegion
    extra = 0
    show_change_link = True


@admin.register(m.Round)
class RoundAdmin(TabbedTranslationAdmin):
    list_display = ("__str__", "fiscal_year", "number")
    list_filter = ("fiscal_year__programme",)
    inlines = (RoundRegionInline,)


class TimelineStepInline(admin.TabularInline):
    model = m.TimelineStep
    extra = 0


@admin.register(m.RoundRegion)
class RoundRegionAdmin(admin.ModelAdmin):
    list_display = ("round", "region", "is_open", "allocation")
    list_filter = ("round__fiscal_year__programme", "is_open")
    list_select_related = ("round", "region")
    inlines = (TimelineStepInline,)


@admin.register(m.GrantInvitation)
class GrantInvitationAdmin(admin.ModelAdmin):
    list_display = ("partner", "round_region", "status", "created_at")
    list_filter = ("status",)
    list_select_related = ("partner", "round_region__round", "round_region__region")
    readonly_fields = ("status", "invited_by", "created_at")
    autocomplete_fields = ("partner",)
    raw_id_fields = ("renewal_of", "round_region")


class ObjectiveInline(admin.TabularInline):
    model = m.Objective
    extra = 0


class ActivityInline(admin.TabularInline):
    model = m.PlannedActivity
    extra = 0


class BudgetLineInline(admin.TabularInline):
    model = m.BudgetLine
    extra = 0


class PaymentInline(admin.TabularInline):
    model = m.Payment
    extra = 0


class VersionInline(admin.TabularInline):
    model = m.ApplicationVersion
    extra = 0
    fields = ("number", "created_at", "created_by")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(m.Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ("__str__", "partner", "round_region", "status", "requested_amount", "approved_amount")
    list_filter = ("status", "round_region__round__fiscal_year__programme", "round_region__region")
    search_fields = ("title", "partner__name")
    list_select_related = ("partner", "round_region__round", "round_region__region")
    readonly_fields = ("status", "submitted_at", "saved_at", "approved_amount", "decided_on", "created_at")
    raw_id_fields = ("partner", "invitation", "round_region")
    inlines = (ObjectiveInline, ActivityInline, BudgetLineInline, PaymentInline, VersionInline)

    def get_queryset(self, request):
        # What the back-office shows the user (officers: all; committee members: their regions'
        # applications once submitted, never a draft), not every row of the table. Staff who
        # may not view applications at all keep the plain queryset: the permission check
        # refuses them (403) before any row matters.
        queryset = super().get_queryset(request)
        if is_officer(request.user) or not request.user.has_perm("grants.view_application"):
            return queryset
        return queryset.filter(pk__in=visible_applications(request.user).values("pk"))


class ScoreInline(admin.TabularInline):
    model = m.Score
    extra = 0


@admin.register(m.Review)
class ReviewAdmin(admin.ModelAdmin):
    list_display = ("application", "reviewer", "updated_at")
    raw_id_fields = ("application",)
    inlines = (ScoreInline,)


@admin.register(m.CommitteeMember)
class CommitteeMemberAdmin(admin.ModelAdmin):
    list_display = ("user", "region")
    list_filter = ("region",)


for _model, _fields in (
    (m.EligibilityResult, ("application", "criterion", "outcome", "checked_at")),
    (m.Translation, ("application", "language", "at")),
    (m.ConflictOfInterest, ("application", "member", "declared_at")),
    (m.Feedback, ("application", "at", "replied_at")),
    (m.Conversation, ("application", "kind", "held_on")),
    (m.FinalReport, ("application", "submitted_at", "published")),
    (m.Attachment, ("application", "name", "size", "uploaded_at")),
    (m.Payment, ("application", "amount", "planned_on", "sent_on")),
):
    admin.site.register(_model, list_display=_fields, raw_id_fields=("application",))
