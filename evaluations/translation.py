from modeltranslation.translator import TranslationOptions, register

from .models import Criterion, GridItem, GridPurpose, Question, QuestionnaireQuestion, QuestionnaireTemplate


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


# Satisfaction questionnaires: the template's wording in French and English.
@register(QuestionnaireTemplate)
class QuestionnaireTemplateTranslation(TranslationOptions):
    fields = ("title", "introduction")


@register(QuestionnaireQuestion)
class QuestionnaireQuestionTranslation(TranslationOptions):
    fields = ("text",)
