"""Fixtures of the Wikimedia tests: no network but this machine, a replay server, a fake clock."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from core.wikimedia import RetryPolicy, WikimediaClient
from core.wikimedia_replay import RECORDINGS_DIR, ReplayServer, no_outside_network

USER_AGENT = "WMFR-Partners-tests/1.0 (https://www.wikimedia.fr; partenariats@wikimedia.fr)"


@pytest.fixture(autouse=True)
def _no_outside_network() -> Iterator[None]:
    """Every core test runs with connections and name lookups limited to this machine."""
    with no_outside_network():
        yield


@pytest.fixture
def english() -> Iterator[None]:
    """Messages asserted in English (the default language is French, and the French
    catalogue will translate them)."""
    from django.utils import translation

    with translation.override("en"):
        yield


class FakeTime:
    """An injected clock that only moves when the client sleeps: tests never wait."""

    def __init__(self, now: float = 1_710_000_000.0) -> None:
        self.now = now
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


@pytest.fixture
def fake_time() -> FakeTime:
    return FakeTime()


@pytest.fixture
def replay() -> Iterator[ReplayServer]:
    """The replay server loaded with every recording of core/recordings/wikimedia."""
    with ReplayServer(RECORDINGS_DIR) as server:
        yield server


@pytest.fixture
def api(replay: ReplayServer, fake_time: FakeTime) -> Iterator[WikimediaClient]:
    """The client, sent to the replay server as WIKIMEDIA_MIRROR would send it."""
    client = WikimediaClient(
        user_agent=USER_AGENT,
        mirror=replay.url,
        sleep=fake_time.sleep,
        clock=fake_time.clock,
        retry=RetryPolicy(attempts=5, backoff=1.0, max_wait=60.0),
    )
    yield client
    client.close()
