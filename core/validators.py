"""Validators shared by the apps."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

# Letters of any script, then words joined by a space, a hyphen, an apostrophe or a period:
# "Marie-Thérèse", "d’Alembert", "O'Neil", "J. R. R.", "Nguyễn Văn An".
_NAME = re.compile(r"^[^\W\d_]+(?:(?:[ \-'’]|\. ?)[^\W\d_]+)*\.?$")
# A period glued to the next word is an initial ("J.R.R.") or a domain name ("evil.example").
_DOMAIN_LIKE = re.compile(r"[^\W\d_]{2,}\.[^\W\d_]")


@deconstructible
class PersonNameValidator:
    """A person's name as a name: letters and the punctuation of names, bounded in length and
    in words. No digits, URLs, e-mail addresses, colons or line breaks, so that a name copied
    into an e-mail we send cannot carry a message of its own ("SECURITY ALERT: log in at ...").
    """

    message = _(
        "Enter a name with letters only (spaces, hyphens, apostrophes and periods allowed), "
        "without a web address, digits or line breaks."
    )
    code = "invalid_person_name"

    def __init__(self, max_length: int = 60, max_words: int = 6):
        self.max_length = max_length
        self.max_words = max_words

    def __call__(self, value: str) -> None:
        value = value or ""
        if not value:
            return
        if len(value) > self.max_length:
            raise ValidationError(
                _("A name has at most %(max)d characters."),
                code="person_name_too_long",
                params={"max": self.max_length},
            )
        if len(value.split()) > self.max_words:
            raise ValidationError(
                _("A name has at most %(max)d words."),
                code="person_name_too_many_words",
                params={"max": self.max_words},
            )
        if value != value.strip() or "  " in value or not _NAME.match(value) or _DOMAIN_LIKE.search(value):
            raise ValidationError(self.message, code=self.code)

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, PersonNameValidator)
            and self.max_length == other.max_length
            and self.max_words == other.max_words
        )
