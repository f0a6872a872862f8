from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin, TranslationStackedInline, TranslationTabularInline

from .models import Answer, Criterion, Evaluation, GridItem, GridPurpose, GridVersion, Lesson, PressMention, Question


class GridPurposeInline(TranslationStackedInline):
    model = GridPurpose
    extra = 0


class CriterionInline(TranslationTabularInline):
    model = Criterion
    extra = 0
    show_change_link = True


@admin.register(GridVersion)
class GridVersionAdmin(admin.ModelAdmin):
    list_display = ("number", "source", "created_at")
    inlines = [GridPurposeInline, CriterionInline]


class QuestionInline(TranslationStackedInline):
    model = Question
    extra = 0


class GridItemInline(TranslationStackedInline):
    model = GridItem
    extra = 0


@admin.register(Criterion)
class CriterionAdmin(TabbedTranslationAdmin):
    list_display = ("label", "code", "version", "position")
    list_filter = ("version",)
    inlines = [QuestionInline, GridItemInline]


class AnswerInline(admin.TabularInline):
    model = Answer
    extra = 0
    can_delete = False
    readonly_fields = ("question", "side", "rating", "comment")

    def has_add_permission(self, request, obj=None) -> bool:
        return False  # answers are submitted through evaluation_submit_side


class LessonInline(admin.TabularInline):
    model = Lesson
    extra = 0


@admin.register(Evaluation)
class EvaluationAdmin(admin.ModelAdmin):
    """States change through the services (submit a side, close), never by editing here."""

    list_display = ("__str__", "partnership", "activity", "state", "grid_version", "created_at")
    list_filter = ("state", "grid_version")
    search_fields = ("partnership__title", "activity__title")
    list_select_related = ("partnership", "activity", "grid_version")
    readonly_fields = (
        "partnership",
        "activity",
        "grid_version",
        "state",
        "staff_submitted_at",
        "partner_submitted_at",
        "closed_at",
    )
    inlines = [AnswerInline, LessonInline]

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(PressMention)
class PressMentionAdmin(admin.ModelAdmin):
    list_display = ("title", "outlet", "kind", "published_on", "partnership")
    list_filter = ("kind",)
    search_fields = ("title", "outlet", "partnership__title")
    list_select_related = ("partnership",)
    autocomplete_fields = ("partnership", "activity")
