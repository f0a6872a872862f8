from modeltranslation.translator import TranslationOptions, register

from .models import Priority, StrategicPlan, SubPriority


@register(StrategicPlan)
class StrategicPlanTranslation(TranslationOptions):
    fields = ("name",)


@register(Priority)
class PriorityTranslation(TranslationOptions):
    fields = ("title",)


@register(SubPriority)
class SubPriorityTranslation(TranslationOptions):
    fields = ("title",)
