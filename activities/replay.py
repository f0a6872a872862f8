"""The replay server loaded with every recorded answer the app ships: core's and this app's.

Tests, the worker integration run and the demo builder collect snapshots through it (a real
socket, the real client), so nothing ever reaches the Wikimedia servers from here.
"""

from pathlib import Path

from core.wikimedia_replay import RECORDINGS_DIR, ReplayServer

ACTIVITY_RECORDINGS = Path(__file__).resolve().parent / "recordings" / "wikimedia"


def replay_server() -> ReplayServer:
    server = ReplayServer(RECORDINGS_DIR)
    server.load(ACTIVITY_RECORDINGS)
    return server
