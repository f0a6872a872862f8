"""French-aware text folding for search and sort columns, identical on SQLite and PostgreSQL.

The database compares the folded text with plain ``LIKE`` and orders by it with its default
(byte) collation, so "musee" finds "Musée" and "Écomusée" sorts with the E, whatever the
engine; the folding happens here, once, when a service writes the row.
"""

import re
import unicodedata

_LIGATURES = str.maketrans({"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss"})
# Apostrophes, dashes and punctuation separate words: "l’Inria" → "l inria".
_SEPARATORS = re.compile(r"[\W_]+", re.UNICODE)
# Words left out of acronyms: "Bibliothèque nationale de France" → "bnf".
_SMALL_WORDS = frozenset(
    [
        "de",
        "des",
        "du",
        "d",
        "la",
        "le",
        "les",
        "l",
        "et",
        "en",
        "a",
        "au",
        "aux",
        "pour",
        "sur",
        "the",
        "of",
        "and",
        "for",
    ]
)


def fold(text: str) -> str:
    """Lower case, no accents, ligatures spelt out, one space between words."""
    text = (text or "").translate(_LIGATURES)
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _SEPARATORS.sub(" ", bare.casefold()).strip()


def acronym(text: str) -> str:
    """The initials of the significant words, folded: "Bibliothèque nationale de France" → "bnf".

    A name that has fewer than two significant words has no acronym.
    """
    words = [w for w in fold(text).split() if w not in _SMALL_WORDS]
    return "".join(w[0] for w in words) if len(words) >= 2 else ""
