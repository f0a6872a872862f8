"""French articles, contractions and agreement for organisation names; typography; long dates."""

import datetime

import pytest

from core import grammar


@pytest.mark.parametrize(
    ("name", "code", "nominal", "of", "for_", "participle"),
    [
        (
            "Bibliothèque nationale de France",
            "la",
            "la Bibliothèque nationale de France",
            "de la Bibliothèque nationale de France",
            "pour la Bibliothèque nationale de France",
            "représentée",
        ),
        ("Centre Pompidou", "le", "le Centre Pompidou", "du Centre Pompidou", "pour le Centre Pompidou", "représenté"),
        ("Inria", "l_m", "l’Inria", "de l’Inria", "pour l’Inria", "représenté"),
        (
            "Université de Lille",
            "l_f",
            "l’Université de Lille",
            "de l’Université de Lille",
            "pour l’Université de Lille",
            "représentée",
        ),
        (
            "Archives nationales",
            "les_f",
            "les Archives nationales",
            "des Archives nationales",
            "pour les Archives nationales",
            "représentées",
        ),
        ("Wikimedia CH", "none_m", "Wikimedia CH", "de Wikimedia CH", "pour Wikimedia CH", "représenté"),
        # Not derivable: "Orange" takes no article, staff say it is feminine.
        ("Orange", "none_f", "Orange", "d’Orange", "pour Orange", "représentée"),
    ],
)
def test_articles_contractions_and_agreement(name, code, nominal, of, for_, participle):
    assert grammar.derive_article(name) == ("none_m" if name == "Orange" else code)
    assert grammar.with_article(name, code) == nominal
    assert grammar.with_article(name, code, capital=True) == nominal[0].upper() + nominal[1:]
    assert grammar.of(name, code) == of
    assert grammar.for_(name, code) == for_
    assert grammar.agree("représenté", code) == participle


def test_derivation_of_common_first_words():
    assert grammar.derive_article("Musée des Beaux-Arts de Lyon") == "le"
    assert grammar.derive_article("Médiathèque José Cabanis") == "la"
    assert grammar.derive_article("École normale supérieure") == "l_f"
    assert grammar.derive_article("Institut national du patrimoine") == "l_m"
    assert grammar.derive_article("Mairie de Toulouse") == "la"
    # A name that carries its article keeps it; no second one is added.
    assert grammar.derive_article("La Poste") == "none_f"
    assert grammar.with_article("La Poste", "none_f") == "La Poste"
    assert grammar.of("Le Louvre Lens", "none_m") == "du Louvre Lens"


def test_french_typography():
    text = "Objet : le projet « Gallica » ; vraiment ! Pourquoi ? Voir https://fr.wikipedia.org/wiki/X?a=1 : ok"
    assert grammar.french_typography(text) == (
        "Objet\u00a0: le projet «\u00a0Gallica\u00a0»\u202f; vraiment\u202f! Pourquoi\u202f? "
        "Voir https://fr.wikipedia.org/wiki/X?a=1\u00a0: ok"
    )
    assert grammar.french_typography("10:30, «Titre»") == "10:30, «\u00a0Titre\u00a0»"


def test_long_dates():
    assert grammar.long_date(datetime.date(2026, 3, 1), "fr") == "1er mars 2026"
    assert grammar.long_date(datetime.date(2026, 3, 16), "fr") == "16 mars 2026"
    assert grammar.long_date(datetime.date(2026, 3, 16), "en") == "16 March 2026"
    assert grammar.long_date(None, "en") == ""


def test_typo_filter_keeps_escaping_whatever_the_cache_holds():
    """french_typography caches its results: a plain string equal to a "safe" one seen before
    (a template's own text) is still escaped, and a string with nothing to space is returned
    as it came."""
    from django.template import Context, Template
    from django.utils import translation
    from django.utils.safestring import SafeString, mark_safe

    template = Template("{% load agreement_pdf %}{{ value|typo }}")
    markup = "<b>Objet</b> : « x »"
    trusted = mark_safe(markup)  # noqa: S308  # a constant: the template's own markup
    with translation.override("fr"):
        assert template.render(Context({"value": trusted})) == "<b>Objet</b>\u00a0: «\u00a0x\u00a0»"
        assert template.render(Context({"value": markup})) == "&lt;b&gt;Objet&lt;/b&gt;\u00a0: «\u00a0x\u00a0»"
        assert template.render(Context({"value": "<i>sans marque</i>"})) == "&lt;i&gt;sans marque&lt;/i&gt;"
    assert type(grammar.french_typography(SafeString(markup))) is str
    plain = "Rien à espacer, ni deux-points."
    assert grammar.french_typography(plain) is plain
