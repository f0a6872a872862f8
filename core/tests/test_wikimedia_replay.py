"""The replay server and its recordings: provenance, keys, faults, the stand-alone mode."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from core.wikimedia_replay import RECORDINGS_DIR, ReplayServer, no_outside_network, request_key, split_url

ROOT = Path(__file__).resolve().parents[2]
MANIFEST = json.loads((RECORDINGS_DIR / "manifest.json").read_text(encoding="utf-8"))


def _shared_fixtures() -> Path | None:
    for base in (ROOT.parent, ROOT.parent.parent):
        candidate = base / "shared" / "fixtures" / "wikimedia"
        if candidate.is_dir():
            return candidate
    return None


def _derived(name: str) -> bool:
    return name.startswith("derived_") or name == "manifest.json"


def test_every_manifest_entry_has_a_json_body():
    for entry in MANIFEST:
        json.loads((RECORDINGS_DIR / entry["file"]).read_text(encoding="utf-8"))


def test_recorded_files_are_byte_for_byte_the_shared_recordings():
    shared = _shared_fixtures()
    if shared is None:
        pytest.skip("shared/fixtures/wikimedia is not beside the repository")
    recorded = [p for p in RECORDINGS_DIR.glob("*.json") if not _derived(p.name)]
    assert len(recorded) == 16
    for path in recorded:
        assert path.read_bytes() == (shared / path.name).read_bytes(), path.name


def test_derive_script_reproduces_the_derived_files_and_the_manifest(tmp_path):
    copy = tmp_path / "wikimedia"
    shutil.copytree(RECORDINGS_DIR, copy, ignore=shutil.ignore_patterns("derived_*", "manifest.json"))
    subprocess.run([sys.executable, str(copy / "derive.py")], check=True, capture_output=True, timeout=60)
    written = sorted(p.name for p in copy.iterdir() if _derived(p.name))
    shipped = sorted(p.name for p in RECORDINGS_DIR.iterdir() if _derived(p.name))
    assert written == shipped
    for name in written:
        assert (copy / name).read_bytes() == (RECORDINGS_DIR / name).read_bytes(), name


def test_keys_ignore_parameter_order_and_maxlag():
    a = split_url("https://fr.wikipedia.org/w/api.php?action=query&list=users&ususers=A%7CB&maxlag=5")
    b = split_url("https://fr.wikipedia.org//w/api.php?ususers=A|B&list=users&action=query")
    assert request_key(*a) == request_key(*b)
    c = split_url("https://fr.wikipedia.org/w/api.php?action=query&list=users&ususers=B|A")
    assert request_key(*a) != request_key(*c)  # the order of values is part of the question


def test_answers_whatever_the_parameter_order(replay):
    query = "languages=fr%7Cen&format=json&ids=Q42&props=labels%7Cclaims&action=wbgetentities"
    url = f"{replay.url}/www.wikidata.org/w/api.php?{query}"
    response = requests.get(url, timeout=5)
    assert response.status_code == 200
    assert response.json()["entities"]["Q42"]["id"] == "Q42"


def test_faults_come_first_then_the_recording(replay):
    url = "https://www.wikidata.org/w/api.php?action=wbgetentities&ids=Q42&props=labels|claims&languages=fr|en&format=json"
    replay.fail_first(url, kind="429", times=1, retry_after=3)
    replay.fail_first(url, kind="maxlag", times=1, retry_after=5)
    mirrored = replay.url + "/" + url.removeprefix("https://")
    first, second, third = (requests.get(mirrored, timeout=5) for _ in range(3))
    assert (first.status_code, first.headers["Retry-After"]) == (429, "3")
    assert second.status_code == 200
    assert second.json()["error"]["code"] == "maxlag"
    assert (second.headers["Retry-After"], second.headers["X-Database-Lag"]) == ("5", "3")
    assert "entities" in third.json()


def test_unknown_requests_answer_404_and_are_listed(replay):
    response = requests.get(replay.url + "/fr.wikipedia.org/w/api.php?action=query&meta=siteinfo", timeout=5)
    assert response.status_code == 404
    assert response.json()["error"] == "no recording for this request"
    (unmatched,) = replay.unmatched
    assert unmatched.params == {"action": "query", "meta": "siteinfo"}


def test_the_network_guard_lets_loopback_through_and_nothing_else():
    with ReplayServer() as server, no_outside_network():
        assert requests.get(server.url + "/x.org/", timeout=5).status_code == 404
        with pytest.raises(RuntimeError, match="forbidden"):
            socket.create_connection(("93.184.215.14", 443), timeout=1)
        with socket.socket() as raw:
            raw.settimeout(1)
            with pytest.raises(RuntimeError, match="forbidden"):
                raw.connect(("93.184.215.14", 443))
            with pytest.raises(RuntimeError, match="forbidden"):
                raw.connect_ex(("93.184.215.14", 443))
        with pytest.raises(RuntimeError, match="forbidden"):
            socket.getaddrinfo("fr.wikipedia.org", 443)


def test_stand_alone_server_for_workers_and_local_replays():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(
        [sys.executable, "-m", "core.wikimedia_replay", "--port", str(port)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        banner = process.stdout.readline()
        assert f"http://127.0.0.1:{port}" in banner
        url = f"http://127.0.0.1:{port}/wikimedia.org/api/rest_v1/metrics/pageviews/per-article/wikidata/all-access/user/Q42/daily/2025081500/2025081900"
        deadline = time.monotonic() + 10
        while True:
            try:
                response = requests.get(url, timeout=5)
                break
            except requests.ConnectionError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
        assert [item["views"] for item in response.json()["items"]] == [71, 78, 80, 87, 129]
    finally:
        process.terminate()
        process.wait(timeout=10)
        process.stdout.close()
