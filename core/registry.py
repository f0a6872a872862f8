"""Registries the apps fill in their ``AppConfig.ready()``, so a lower app can show what a
higher one knows without importing it (STYLE.md, "Imports flow one way").

- Portal deadlines: each app says which dates its partner must act on (agreements: a
  signature expected, an agreement ending); the portal home (``partnerships``) lists them.
- Portal sections: the links of the portal's navigation, each app adding its own.
- Staff object links: buttons a higher app adds to a lower app's back-office page (the
  evaluations app's "Evaluate" on an action's and a partnership's page).

The staff "to do" panel has its own registry in ``core.todo``, the roles theirs in
``accounts.roles``, the audit sentences theirs in ``core.audit``.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Deadline:
    """Something the partner must do or know by a date (``date`` None: as soon as possible)."""

    label: str
    url: str = ""
    date: datetime.date | None = None


DeadlineSource = Callable[[Any], list[Deadline]]
_deadline_sources: dict[str, DeadlineSource] = {}


def portal_deadlines_register(key: str, source: DeadlineSource) -> None:
    """``source(partner)`` returns that app's deadlines for ``partner`` (call from ``ready()``)."""
    _deadline_sources[key] = source


def portal_deadlines(partner: Any) -> list[Deadline]:
    """Every registered app's deadlines for ``partner``: undated (urgent) first, then by date."""
    deadlines = [d for key in sorted(_deadline_sources) for d in _deadline_sources[key](partner)]
    return sorted(deadlines, key=lambda d: (d.date is not None, d.date or datetime.date.min))


@dataclass(frozen=True)
class PortalSection:
    """A link of the portal navigation; ``active_for`` lists the URL names it is current on."""

    key: str
    label: Any  # a lazy translation
    url_name: str
    active_for: tuple[str, ...] = ()
    order: int = 100
    needs_partner: bool = True


_sections: dict[str, PortalSection] = {}


def portal_section_register(section: PortalSection) -> None:
    _sections[section.key] = section


def portal_sections() -> list[PortalSection]:
    return sorted(_sections.values(), key=lambda s: (s.order, s.key))


@dataclass(frozen=True)
class StaffObjectLink:
    """A button on the back-office page of ``model`` ("app_label.Model"), shown to staff who
    hold ``permissions``; ``url_name`` takes the object's pk."""

    key: str
    model: str
    label: Any  # a lazy translation
    url_name: str
    permissions: tuple[str, ...] = ()


_object_links: dict[str, StaffObjectLink] = {}


def staff_object_link_register(link: StaffObjectLink) -> None:
    _object_links[link.key] = link


def staff_object_links(model: str) -> list[StaffObjectLink]:
    return sorted((link for link in _object_links.values() if link.model == model), key=lambda link: link.key)
