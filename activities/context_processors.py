from django.utils.functional import SimpleLazyObject

from . import selectors


def staff_navigation(request) -> dict:
    """The count of proposals waiting, shown in the back-office navigation (one query, only if shown)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.is_staff:
        return {}
    return {"proposals_waiting": SimpleLazyObject(selectors.proposals_waiting_count)}
