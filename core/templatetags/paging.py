from typing import Any

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def page_query(context: Any, param: str, number: Any) -> str:
    """The current query string with ``param`` set to ``number`` (``{% querystring %}`` takes
    only literal parameter names; a page with two paginated lists names each one's)."""
    params = context.request.GET.copy()
    params[param] = number
    return f"?{params.urlencode()}"
