from modeltranslation.translator import TranslationOptions, register

from .models import Criterion, GridItem, GridPurpose, Question


@register(GridPurpose)
class GridPurposeTranslation(TranslationOptions):
    fields = ("text",)


@register(Criterion)
class CriterionTranslation(TranslationOptions):
    fields = ("label",)


@register(Question)
class QuestionTranslation(TranslationOptions):
    fields = ("text",)


@register(GridItem)
class GridItemTranslation(TranslationOptions):
    fields = ("text",)
