"""Name pools and small generators shared by the seed and the test factories.

People's names come from Faker's ``fr_FR`` provider; e-mail addresses are on example.org
and phone numbers in the ranges ARCEP keeps for works of fiction (``generation.yaml``).
"""

from __future__ import annotations

import random
import unicodedata
from functools import cache

from faker.providers.person.fr_FR import Provider as FrenchPerson

from .data import load


@cache
def first_names() -> tuple[str, ...]:
    return tuple(dict.fromkeys(FrenchPerson.first_names_female + FrenchPerson.first_names_male))


@cache
def last_names() -> tuple[str, ...]:
    return tuple(dict.fromkeys(FrenchPerson.last_names))


def ascii_slug(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return "".join(c if c.isalnum() else "-" for c in text).strip("-").replace("--", "-")


def contact_email(first_name: str, last_name: str) -> str:
    return f"{ascii_slug(first_name)}.{ascii_slug(last_name)}@example.org"


def fiction_phone(rng: random.Random, region: str) -> str:
    """A number from the ARCEP range for fiction of the region's area; "" abroad."""
    generation = load("generation")
    prefix = generation["phone_prefix"].get(region)
    if not prefix:
        return ""
    return f"{prefix}{generation['phone_middle'][prefix]}{rng.randint(0, 9999):04d}"
