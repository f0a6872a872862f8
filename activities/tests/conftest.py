"""Fixtures of the activity tests: the replay server (no outside network) behind WIKIMEDIA_MIRROR."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

import pytest

from activities.replay import replay_server
from core.wikimedia_replay import ReplayServer, no_outside_network

ATELIER_USERS = "Exemple Contributrice\nExemple Contributeur"
SAMPLE = "WMFR Partners sample of 50 files"
ATELIER_DAY = datetime.date(2024, 3, 16)


@pytest.fixture
def replay(settings) -> Iterator[ReplayServer]:
    """Every Wikimedia request of the test goes to the replay server, and nowhere else."""
    with no_outside_network(), replay_server() as server:
        settings.WIKIMEDIA_MIRROR = server.url
        yield server


@pytest.fixture
def activity(db, catalogue):
    from activities.models import ActivityType
    from activities.services import activity_create
    from tests.factories import PartnerFactory, PartnershipFactory

    partner = PartnerFactory(name="Musée exemple de la soie")
    partnership = PartnershipFactory(partners=[partner], title="Soieries lyonnaises")
    return activity_create(
        partnership=partnership,
        activity_type=ActivityType.objects.get(code="edit-a-thon"),
        title="Edit-a-thon des canuts",
        start_date=ATELIER_DAY,
        end_date=ATELIER_DAY,
        location="Lyon",
        region="ARA",
        by=None,
    )
