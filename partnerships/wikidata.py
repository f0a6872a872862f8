"""A partner's card filled from its Wikidata item: a proposal that staff accept field by field.

``card_proposal`` asks Wikidata (through the one Wikimedia client) and writes nothing;
``card_apply`` writes only the fields staff ticked, in one transaction with an audit entry.
A field whose current value differs is never changed unless it was ticked.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from core.services import audit_log
from core.wikimedia import WikimediaClient, WikimediaError
from core.wikimedia_card import PartnerCardProposal, partner_card_from_wikidata

from .models import Partner

LABELS = {
    "name": _("Name (French label)"),
    "name_en": _("Name in English"),
    "website": _("Website"),
    "street_address": _("Street address"),
    "coordinates": _("Coordinates"),
    "image": _("Logo or image on Commons"),
    "wikidata_id": _("Wikidata item"),
}


@dataclass(frozen=True)
class CardField:
    key: str
    label: str
    current: str
    proposed: str

    @property
    def same(self) -> bool:
        return self.current == self.proposed

    @property
    def fills_empty(self) -> bool:
        return not self.current


def _coordinates(lat, lon) -> str:
    return f"{Decimal(str(lat)):.6f}, {Decimal(str(lon)):.6f}" if lat is not None and lon is not None else ""


def _proposed_values(card: PartnerCardProposal) -> dict[str, str]:
    values = {
        "name": card.label_fr or card.label_en,
        "name_en": card.label_en,
        "website": card.website,
        "street_address": card.street_address,
        "coordinates": _coordinates(*card.coordinates) if card.coordinates else "",
        "image": card.image.title.removeprefix("File:") if card.image and card.image.exists else "",
        "wikidata_id": card.wikidata_id,
    }
    return {k: v for k, v in values.items() if v}


def _current_values(partner: Partner) -> dict[str, str]:
    return {
        "name": partner.name,
        "name_en": partner.name_en,
        "website": partner.website,
        "street_address": partner.street_address,
        "coordinates": _coordinates(partner.latitude, partner.longitude),
        "image": partner.image,
        "wikidata_id": partner.wikidata_id,
    }


def card_proposal(
    *, partner: Partner, item: str, client: WikimediaClient | None = None
) -> tuple[PartnerCardProposal, list[CardField]]:
    """What the item proposes, field by field beside the current values. Writes nothing."""
    try:
        card = partner_card_from_wikidata(item, client=client)
    except WikimediaError as exc:
        raise ValidationError({"item": getattr(exc, "message", str(exc))}) from exc
    current = _current_values(partner)
    fields = [
        CardField(key=k, label=str(LABELS[k]), current=current[k], proposed=v)
        for k, v in _proposed_values(card).items()
    ]
    return card, fields


@transaction.atomic
def card_apply(*, partner: Partner, card: PartnerCardProposal, accepted: list[str], by) -> Partner:
    """Write the ticked fields of the proposal, and nothing else."""
    proposed = _proposed_values(card)
    unknown = [k for k in accepted if k not in proposed]
    if unknown:
        raise ValidationError(_("These fields are not in the proposal: %(fields)s.") % {"fields": ", ".join(unknown)})
    locked = Partner.objects.select_for_update().get(pk=partner.pk)
    changed: list[str] = []
    for key in accepted:
        if key == "coordinates":
            locked.latitude, locked.longitude = (
                Decimal(str(x)).quantize(Decimal("0.000001")) for x in card.coordinates
            )
            changed += ["latitude", "longitude"]
        elif key == "image":
            locked.image = proposed["image"]
            locked.image_licence = card.image.licence
            locked.image_author = card.image.author
            changed += ["image", "image_licence", "image_author"]
        else:
            setattr(locked, key, proposed[key])
            changed.append(key)
    if changed:
        locked.full_clean(exclude=[f.name for f in Partner._meta.fields if f.name not in changed])
        locked.save(update_fields=[*changed, "updated_at"])
        audit_log(
            obj=locked, action="partner.wikidata_card", actor=by, data={"fields": accepted, "item": card.wikidata_id}
        )
    return locked
