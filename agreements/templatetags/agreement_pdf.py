"""Filters for the agreement PDFs: French typography and long dates in the document's language."""

from django import template
from django.utils.translation import get_language

from core import grammar

register = template.Library()


@register.filter(is_safe=True)
def typo(value):
    """Non-breaking spaces inside « » and before : ; ! ? when the document is in French.

    Only adds no-break space characters, so escaping (applied after) is unaffected."""
    text = "" if value is None else str(value)
    if (get_language() or "fr").startswith("fr"):
        return grammar.french_typography(text)
    return text


@register.filter
def long_date(value):
    """ "1er mars 2026" / "16 March 2026"."""
    return grammar.long_date(value, "en" if (get_language() or "fr").startswith("en") else "fr")
