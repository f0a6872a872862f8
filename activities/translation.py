from modeltranslation.translator import TranslationOptions, register

from .models import ActivityType


@register(ActivityType)
class ActivityTypeTranslation(TranslationOptions):
    fields = (
        "name",
        "definition",
        "note",
        "wmfr_contribution",
        "partner_contribution",
        "reciprocal_commitments",
        "period",
    )
