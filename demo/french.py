"""The two bits of French grammar the generated names and goals need.

"de" before a place name (d'Angers, du Mans, de Paris) and "de" with the article before
an organisation named by a common noun (du musée…, de la médiathèque…, de l'IUT…, des
archives…). The nouns and their articles are data: ``demo/data/french.yaml``.
"""

from __future__ import annotations

from .data import load

ARTICLES = {"masculine": "du ", "feminine": "de la ", "elided": "de l'", "plural": "des "}


def de(place: str) -> str:
    """French "de" before a place name: d'Angers, du Mans, des Sables, de Paris."""
    if place.startswith("Le "):
        return "du " + place[3:]
    if place.startswith("Les "):
        return "des " + place[4:]
    if place[:1] in "AEIOUYÉÈÊÎÔ":
        return "d'" + place
    return "de " + place


def de_article(name: str) -> str:
    """ "de" + article before an organisation's name; a proper name gets de()."""
    word, _space, rest = name.partition(" ")
    kind = load("french")["organisation_nouns"].get(word)
    if kind is None:
        return de(name)
    lowered = word if word.isupper() else word[0].lower() + word[1:]
    return ARTICLES[kind] + f"{lowered} {rest}".strip()
