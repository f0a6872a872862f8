from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin, TranslationStackedInline, TranslationTabularInline

from .models import Criterion, GridItem, GridPurpose, GridVersion, Question


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
