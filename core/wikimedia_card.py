"""A partner's card proposed from its Wikidata item: read-only, staff accept field by field.

:func:`partner_card_from_wikidata` reads the item (``wbgetentities``: French and English
labels, official website P856, street address P6375, coordinates P625, logo P154 or image P18)
and, for the logo or image, its Commons file page (``imageinfo`` with ``extmetadata``: the
licence and the author). It returns a :class:`PartnerCardProposal` and writes nothing.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any

from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from .wikimedia import WikimediaClient, WikimediaError

WIKIDATA = "www.wikidata.org"
COMMONS = "commons.wikimedia.org"
_QID = re.compile(r"(?:^|[/:=])(Q[1-9][0-9]{0,11})$", re.IGNORECASE)


class NotAWikidataItem(WikimediaError, ValueError):  # noqa: N818 (reads as a form error)
    """The value given is not a Wikidata item identifier."""

    def __init__(self, value: str) -> None:
        self.value = value
        super().__init__(str(self.message))

    @property
    def message(self) -> str:
        return _("“%(value)s” is not a Wikidata item (an identifier such as Q42).") % {"value": self.value}


class WikidataItemNotFound(WikimediaError):  # noqa: N818
    """Wikidata has no item with this identifier (never created, or deleted)."""

    def __init__(self, qid: str) -> None:
        self.qid = qid
        super().__init__(str(self.message))

    @property
    def message(self) -> str:
        return _("Wikidata has no item %(qid)s.") % {"qid": self.qid}


def parse_qid(value: str) -> str:
    """``q42``, ``Q42`` or ``https://www.wikidata.org/wiki/Q42`` -> ``Q42``."""
    found = _QID.search((value or "").strip().rstrip("/"))
    if not found:
        raise NotAWikidataItem(value)
    return found.group(1).upper()


@dataclass(frozen=True)
class CommonsFile:
    """A file on Commons with what its reuse requires: licence and author."""

    title: str
    exists: bool
    url: str = ""
    description_url: str = ""
    licence: str = ""
    licence_url: str = ""
    author: str = ""


@dataclass(frozen=True)
class PartnerCardProposal:
    """Values proposed for a partner's card; empty where the item says nothing."""

    wikidata_id: str
    label_fr: str = ""
    label_en: str = ""
    website: str = ""
    street_address: str = ""
    coordinates: tuple[float, float] | None = None
    image_property: str = ""  # "P154" (logo) or "P18" (image)
    image: CommonsFile | None = None

    def partner_fields(self) -> dict[str, str]:
        """Proposed values keyed by the Partner fields they would fill (non-empty only)."""
        values = {
            "name": self.label_fr or self.label_en,
            "website": self.website,
            "street_address": self.street_address,
            "wikidata_id": self.wikidata_id,
        }
        return {k: v for k, v in values.items() if v}


def _statements(claims: dict[str, Any], prop: str) -> list[Any]:
    """Values of ``prop``: preferred statements first, deprecated ones left out."""
    ranked = [s for s in claims.get(prop, []) if s.get("rank") != "deprecated"]
    ranked.sort(key=lambda s: s.get("rank") != "preferred")
    return [
        s["mainsnak"]["datavalue"]["value"]
        for s in ranked
        if s.get("mainsnak", {}).get("snaktype") == "value" and "datavalue" in s["mainsnak"]
    ]


def _label(entity: dict[str, Any], language: str) -> str:
    return str(entity.get("labels", {}).get(language, {}).get("value", ""))


def _address(claims: dict[str, Any]) -> str:
    values = _statements(claims, "P6375")
    for language in ("fr", "en"):
        for value in values:
            if value.get("language") == language:
                return str(value["text"])
    return str(values[0]["text"]) if values else ""


def _plain(value: str) -> str:
    """Text of an ``extmetadata`` HTML value, entities decoded and spaces collapsed."""
    return " ".join(html.unescape(strip_tags(value)).split())


def commons_file(client: WikimediaClient, name: str) -> CommonsFile:
    """``imageinfo`` of a Commons file, with its licence and author from ``extmetadata``."""
    title = name if name.startswith("File:") else f"File:{name}"
    data = client.action(
        COMMONS,
        {
            "action": "query",
            "prop": "imageinfo",
            "titles": title,
            "iiprop": "size|url|timestamp|extmetadata",
            "formatversion": "2",
        },
    )
    pages = data.get("query", {}).get("pages", [])
    page = (list(pages.values()) if isinstance(pages, dict) else pages or [{}])[0]
    info = (page.get("imageinfo") or [None])[0]
    if not info:  # a deleted or never uploaded file has no imageinfo
        return CommonsFile(title=str(page.get("title", title)), exists=False)
    meta = info.get("extmetadata", {})

    def field(key: str) -> str:
        return _plain(str(meta.get(key, {}).get("value", "")))

    return CommonsFile(
        title=str(page.get("title", title)),
        exists=True,
        url=str(info.get("url", "")),
        description_url=str(info.get("descriptionurl", "")),
        licence=field("LicenseShortName"),
        licence_url=field("LicenseUrl"),
        author=field("Artist"),
    )


def partner_card_from_wikidata(value: str, *, client: WikimediaClient | None = None) -> PartnerCardProposal:
    """Propose a partner's card from a Wikidata item (identifier or URL). Writes nothing.

    Raises :class:`NotAWikidataItem` for a malformed identifier, :class:`WikidataItemNotFound`
    when the item does not exist, and other :class:`~core.wikimedia.WikimediaError` when the
    APIs cannot be reached.
    """
    qid = parse_qid(value)
    api = client or WikimediaClient.from_settings()
    try:
        data = api.action(
            WIKIDATA, {"action": "wbgetentities", "ids": qid, "props": "labels|claims", "languages": "fr|en"}
        )
        entity = data.get("entities", {}).get(qid)
        if not entity or "missing" in entity:
            raise WikidataItemNotFound(qid)
        claims = entity.get("claims", {})
        coordinates = next(((float(v["latitude"]), float(v["longitude"])) for v in _statements(claims, "P625")), None)
        image_property, image = "", None
        for prop in ("P154", "P18"):
            files = _statements(claims, prop)
            if files:
                image_property, image = prop, commons_file(api, str(files[0]))
                break
        websites = _statements(claims, "P856")
        return PartnerCardProposal(
            wikidata_id=qid,
            label_fr=_label(entity, "fr"),
            label_en=_label(entity, "en"),
            website=str(websites[0]) if websites else "",
            street_address=_address(claims),
            coordinates=coordinates,
            image_property=image_property,
            image=image,
        )
    finally:
        if client is None:
            api.close()
