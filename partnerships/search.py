"""The directory's search and sort columns, computed from a partner's names (pure: no models,
so the data migration that fills them uses the same rules)."""

from core.text import acronym, fold


def search_columns(*, name: str, legal_name: str = "", short_name: str = "", city: str = "") -> tuple[str, str]:
    """(search_text, sort_name): names, legal name, acronyms (given and derived) and city, folded."""
    words = [fold(n) for n in (name, legal_name, short_name) if n]
    words += [acronym(n) for n in (name, legal_name) if n and acronym(n)]
    words.append(fold(city))
    return " | ".join(w for w in words if w), fold(name)[:200]
