"""French grammar for organisation names in legal documents.

An organisation's name takes an article in French ("la Bibliothèque nationale de France",
"le Centre Pompidou", "l’Inria"), contracts with "de" and "à" ("du Centre Pompidou",
"des Archives nationales") and governs the agreement of participles ("représentée"). The
article is stored with the partner as one code (article + gender + number): derived from the
name by :func:`derive_article`, correctable by staff. English documents use the bare name.

Also: French typography (non-breaking spaces inside « » and before : ; ! ?) and long dates
("1er mars 2026", "16 March 2026").
"""

from __future__ import annotations

import datetime
import functools
import re
import unicodedata
from dataclasses import dataclass

from django.utils import formats, translation


@dataclass(frozen=True)
class Article:
    code: str
    article: str  # "le ", "la ", "l’", "les ", ""
    feminine: bool
    plural: bool


ARTICLES: dict[str, Article] = {
    a.code: a
    for a in (
        Article("le", "le ", False, False),
        Article("la", "la ", True, False),
        Article("l_m", "l’", False, False),
        Article("l_f", "l’", True, False),
        Article("les_m", "les ", False, True),
        Article("les_f", "les ", True, True),
        Article("none_m", "", False, False),
        Article("none_f", "", True, False),
    )
}

# The first word of a name and the article it takes (elided before a vowel). A name whose first
# word is not listed takes no article until staff choose one.
_FEMININE = {
    "académie",
    "agence",
    "association",
    "bibliothèque",
    "bibliothèques",
    "chambre",
    "cinémathèque",
    "cité",
    "collectivité",
    "communauté",
    "commune",
    "compagnie",
    "délégation",
    "direction",
    "école",
    "fédération",
    "fondation",
    "galerie",
    "maison",
    "médiathèque",
    "métropole",
    "mission",
    "mairie",
    "plateforme",
    "préfecture",
    "région",
    "société",
    "union",
    "université",
    "ville",
    "villa",
    "scène",
    "halle",
    "manufacture",
    "abbaye",
    "cathédrale",
    "basilique",
    "fabrique",
    "coopérative",
}
_MASCULINE = {
    "atelier",
    "cabinet",
    "campus",
    "centre",
    "château",
    "collège",
    "comité",
    "conseil",
    "conservatoire",
    "département",
    "domaine",
    "établissement",
    "fonds",
    "frac",
    "groupe",
    "groupement",
    "institut",
    "laboratoire",
    "lycée",
    "mémorial",
    "ministère",
    "musée",
    "muséum",
    "observatoire",
    "office",
    "opéra",
    "orchestre",
    "palais",
    "parc",
    "pôle",
    "réseau",
    "service",
    "syndicat",
    "théâtre",
    "écomusée",
    "espace",
    "hôtel",
    "inria",
    "inrap",
    "ina",
    "ircam",
    "insee",
    "ifremer",
    "inserm",
    "inalco",
    "cnrs",
    "centquatre",
    "mucem",
}
_PLURAL_FEMININE = {"archives", "éditions", "rencontres"}
_PLURAL_MASCULINE = {"amis", "champs", "ateliers", "musées"}
_LEADING_ARTICLE = re.compile(r"^(le|la|les|l['’])\s*", re.IGNORECASE)
_VOWEL = "aâàäeéèêëiîïoôöuûùüyhæœ"


def _first_word(name: str) -> str:
    word = re.split(r"[\s\-–,()]+", name.strip(), maxsplit=1)[0] if name.strip() else ""
    return word.lower()


def derive_article(name: str) -> str:
    """The article code a name most likely takes; staff correct it when it is wrong."""
    name = (name or "").strip()
    if not name or _LEADING_ARTICLE.match(name):
        # "La Poste", "Le Louvre": the article is part of the name.
        return "none_f" if name[:2].lower() == "la" else "none_m"
    word = _first_word(name)
    if word in _PLURAL_FEMININE:
        return "les_f"
    if word in _PLURAL_MASCULINE:
        return "les_m"
    starts_with_vowel = unicodedata.normalize("NFC", word)[:1] in _VOWEL
    if word in _FEMININE:
        return "l_f" if starts_with_vowel else "la"
    if word in _MASCULINE:
        return "l_m" if starts_with_vowel else "le"
    # Unknown first word: no article ("Orange", "Wikimedia CH"); staff correct the rest.
    return "none_m"


def article_of(code: str) -> Article:
    return ARTICLES.get(code) or ARTICLES["none_m"]


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def with_article(name: str, code: str, *, capital: bool = False) -> str:
    """ "la Bibliothèque nationale de France"; at the start of a sentence, "La …"."""
    text = article_of(code).article + name
    return _cap(text) if capital else text


def of(name: str, code: str) -> str:
    """ "de" contracted: "du Centre Pompidou", "de la BnF", "de l’Inria", "des Archives", "d’Orange"."""
    article = article_of(code)
    if article.code == "le":
        return f"du {name}"
    if article.plural:
        return f"des {name}"
    if article.article:
        return f"de {article.article}{name}"
    if _LEADING_ARTICLE.match(name):
        lowered = name[0].lower() + name[1:]
        if lowered.startswith("le "):
            return "du " + name[3:]
        if lowered.startswith("les "):
            return "des " + name[4:]
        return f"de {name}"
    return f"d’{name}" if name[:1].lower() in _VOWEL else f"de {name}"


def for_(name: str, code: str, *, capital: bool = False) -> str:
    """ "pour la Bibliothèque nationale de France", "Pour le Centre Pompidou"."""
    text = f"pour {with_article(name, code)}"
    return _cap(text) if capital else text


def agree(stem: str, code: str) -> str:
    """Agreement of a participle with the organisation: ("représenté", "la") → "représentée"."""
    article = article_of(code)
    return stem + ("e" if article.feminine else "") + ("s" if article.plural else "")


# --- Typography -------------------------------------------------------------------------

NBSP = "\u00a0"
NNBSP = "\u202f"  # narrow no-break space, before ; ! ? as French printers set it
_BEFORE_COLON = re.compile(r"[ \u00a0\u202f]*:(?=\s|$)")
_BEFORE_PUNCT = re.compile(r"[ \u00a0\u202f]*([;!?])(?=\s|$|[»”)])")
_AFTER_GUILLEMET = re.compile(r"«[ \u00a0\u202f]*")
_BEFORE_GUILLEMET = re.compile(r"[ \u00a0\u202f]*»")
_URL = re.compile(r"\w+://\S+")


_TYPOGRAPHY_MARKS = frozenset(":;!?«»")


def french_typography(text: str) -> str:
    """Non-breaking spaces inside « » and before : ; ! ? (URLs left alone)."""
    if not text or _TYPOGRAPHY_MARKS.isdisjoint(text):
        return text  # nothing to space (most of an agreement's ~1,000 strings)
    return _french_typography(text)


@functools.lru_cache(maxsize=4096)
def _french_typography(text: str) -> str:
    # Cached: an agreement's clauses repeat the catalogue's sentences from one version to the
    # next. Always returns a plain str (built by join), so a cached result never carries the
    # "safe" mark of another caller's argument.
    parts = _URL.split(text)
    urls = _URL.findall(text)
    out = []
    for i, part in enumerate(parts):
        part = _BEFORE_COLON.sub(NBSP + ":", part)
        part = _BEFORE_PUNCT.sub(lambda m: NNBSP + m.group(1), part)
        part = _AFTER_GUILLEMET.sub("«" + NBSP, part)
        part = _BEFORE_GUILLEMET.sub(NBSP + "»", part)
        out.append(part)
        if i < len(urls):
            out.append(urls[i])
    return "".join(out)


def long_date(value: datetime.date | None, language: str) -> str:
    """ "1er mars 2026" / "16 March 2026": the form legal documents use in each language."""
    if value is None:
        return ""
    with translation.override(language):
        month_year = formats.date_format(value, "F Y")
    if language == "fr":
        day = "1er" if value.day == 1 else str(value.day)
        return f"{day} {month_year}"
    return f"{value.day} {month_year}"
