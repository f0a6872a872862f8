"""French and English for the programme data (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from .models import ConversationQuestion, Criterion, FocusArea, FundingRegion, Programme, Round, RubricItem


@register(FundingRegion)
class FundingRegionTranslation(TranslationOptions):
    fields = ("name",)


@register(Programme)
class ProgrammeTranslation(TranslationOptions):
    fields = ("name", "description", "appeal_notice")


@register(FocusArea)
class FocusAreaTranslation(TranslationOptions):
    fields = ("name",)


@register(Criterion)
class CriterionTranslation(TranslationOptions):
    fields = ("text",)


@register(RubricItem)
class RubricItemTranslation(TranslationOptions):
    fields = ("label",)


@register(ConversationQuestion)
class ConversationQuestionTranslation(TranslationOptions):
    fields = ("text",)


@register(Round)
class RoundTranslation(TranslationOptions):
    fields = ("label",)
