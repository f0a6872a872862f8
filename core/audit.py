"""Audit entries told as sentences in the reader's language.

An audit entry stores a code (``partner.principles_accepted``) and raw states (``draft``);
history panels show "Claire Dubois accepted the guiding principles" instead. Each app
registers the sentences of its own codes, with the choices that label its states, in its
``AppConfig.ready()`` (``audit_sentences_register``), so core knows no app above it.

A sentence is a lazy translation with named placeholders: ``%(actor)s``, ``%(from)s`` and
``%(to)s`` (state labels), and any key of the entry's ``data``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.contrib.auth.models import AbstractUser
from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from .models import AuditEntry


@dataclass(frozen=True)
class AuditSentence:
    text: Any  # lazy translation
    # With a from_state only when it differs from the plain ``text`` (first state of an object).
    text_without_from: Any = None
    states: Any = None  # a TextChoices class labelling from_state / to_state


_SENTENCES: dict[str, AuditSentence] = {}


def audit_sentences_register(sentences: dict[str, AuditSentence]) -> None:
    _SENTENCES.update(sentences)


def registered_codes() -> set[str]:
    return set(_SENTENCES)


class _Lenient(dict[str, Any]):
    """Placeholders missing from an entry's data read as "—" rather than failing the page."""

    def __missing__(self, key: str) -> str:
        return "—"


def _label(states: Any, value: str) -> str:
    if not value:
        return "—"
    if states is not None:
        try:
            return str(states(value).label)
        except ValueError:
            pass
    return value


def actor_name(actor: AbstractUser | None) -> str:
    if actor is None:
        return _("Wikimédia France (automatic)")
    return actor.get_full_name() or actor.get_username()


def audit_sentence(entry: AuditEntry) -> str:
    """The entry as one sentence in the active language."""
    sentence = _SENTENCES.get(entry.action)
    actor = actor_name(entry.actor)
    if sentence is None:  # a code nobody described yet: still readable, never a bare code alone
        return _("%(actor)s recorded “%(action)s”") % {"actor": actor, "action": entry.action}
    values = _Lenient({str(k): v for k, v in (entry.data or {}).items()})
    values.update(
        actor=actor,
        **{"from": _label(sentence.states, entry.from_state), "to": _label(sentence.states, entry.to_state)},
    )
    text = sentence.text
    if not entry.from_state and sentence.text_without_from is not None:
        text = sentence.text_without_from
    return str(text) % values
