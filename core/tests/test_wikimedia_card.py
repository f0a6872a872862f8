"""A partner's card proposed from a Wikidata item (recorded wbgetentities answer)."""

from __future__ import annotations

import pytest

from core.wikimedia_card import (
    CommonsFile,
    NotAWikidataItem,
    WikidataItemNotFound,
    parse_qid,
    partner_card_from_wikidata,
)

pytestmark = pytest.mark.usefixtures("english")


def test_card_from_the_recorded_wbgetentities_answer(api, replay):
    card = partner_card_from_wikidata("https://www.wikidata.org/wiki/Q42", client=api)
    assert card.wikidata_id == "Q42"
    assert (card.label_fr, card.label_en) == ("Douglas Adams", "Douglas Adams")
    # The 2015 recording of Q42 has no official website, address nor coordinates.
    assert (card.website, card.street_address, card.coordinates) == ("", "", None)
    # No logo (P154): the image (P18), with its licence and author from Commons' extmetadata.
    assert card.image_property == "P18"
    assert card.image == CommonsFile(
        title="File:Douglas adams portrait cropped.jpg",
        exists=True,
        url="https://upload.wikimedia.org/wikipedia/commons/c/c0/Douglas_adams_portrait_cropped.jpg",
        description_url="https://commons.wikimedia.org/wiki/File:Douglas_adams_portrait_cropped.jpg",
        licence="CC BY-SA 2.0",
        licence_url="https://creativecommons.org/licenses/by-sa/2.0",
        author="Douglas_adams_portrait.jpg: michael hughes from berlin, germany derivative work: Beao",
    )
    assert card.partner_fields() == {"name": "Douglas Adams", "wikidata_id": "Q42"}
    assert [(s.host, s.params["action"]) for s in replay.seen] == [
        ("www.wikidata.org", "wbgetentities"),
        ("commons.wikimedia.org", "query"),
    ]


def test_card_with_website_address_coordinates_and_a_deleted_logo(api):
    card = partner_card_from_wikidata("q4115189", client=api)
    assert card.label_fr == "Musée exemple de la soie"
    # Three statements: deprecated, normal, preferred (in that order): the preferred one wins.
    assert card.website == "https://musee-soie.example.org"
    assert card.street_address == "12 rue de l’Exemple, 69004 Lyon"  # French first
    assert card.coordinates == (45.7741, 4.8297)
    assert card.image_property == "P154"
    assert card.image == CommonsFile(title="File:Logo musée exemple de la soie.svg", exists=False)
    assert card.partner_fields() == {
        "name": "Musée exemple de la soie",
        "website": "https://musee-soie.example.org",
        "street_address": "12 rue de l’Exemple, 69004 Lyon",
        "wikidata_id": "Q4115189",
    }


def test_an_item_that_does_not_exist(api):
    # The recorded answer marks Q6 "missing".
    with pytest.raises(WikidataItemNotFound) as caught:
        partner_card_from_wikidata("Q6", client=api)
    assert caught.value.message == "Wikidata has no item Q6."


@pytest.mark.parametrize("value", ["", "Q", "Q0", "42", "P31", "Douglas Adams", "https://example.org/Q42x"])
def test_a_value_that_is_not_an_item_id(value, replay):
    with pytest.raises(NotAWikidataItem):
        parse_qid(value)
    assert replay.seen == []


@pytest.mark.parametrize(
    ("value", "qid"),
    [("Q42", "Q42"), ("q42", "Q42"), (" https://www.wikidata.org/wiki/Q42/ ", "Q42"), ("wd:Q4115189", "Q4115189")],
)
def test_item_ids_are_read_from_urls_and_prefixes(value, qid):
    assert parse_qid(value) == qid
