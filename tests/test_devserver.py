"""`make run` stops everything it started: no web server, worker or beat left within 10 s."""

import contextlib
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.integration


def _sessions_alive(sids: set[int]) -> list[str]:
    alive = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[0] != "Z" and int(fields[3]) in sids:  # state, ppid, pgrp, session
            alive.append(stat.parent.name)
    return alive


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_stopping_make_run_leaves_no_process(tmp_path, sig):
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")},
        "DJANGO_SETTINGS_MODULE": "wmfr_partners.settings",
        "VAR_DIR": str(tmp_path),
        "PORT": os.environ.get("PORT", "8102"),
        "DEVSERVER_PYTHON": sys.executable,
    }
    proc = subprocess.Popen(
        [sys.executable, "scripts/devserver.py"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    pids: dict[str, int] = {}
    lines = []
    deadline = time.monotonic() + 60
    while len(pids) < 3 and time.monotonic() < deadline:
        line = proc.stdout.readline()
        lines.append(line)
        match = re.match(r"devserver: (\w+) started \(pid (\d+)\)", line)
        if match:
            pids[match.group(1)] = int(match.group(2))
    assert set(pids) == {"web", "worker", "beat"}, "".join(lines)
    # Let the worker reach its pool and the web server its autoreloader child.
    deadline = time.monotonic() + 40
    while time.monotonic() < deadline and not any("ready." in line for line in lines):
        lines.append(proc.stdout.readline())
    sids = set(pids.values())  # each child leads its own session
    try:
        assert len(_sessions_alive(sids)) > 3  # children of children exist (pool, reloader)
        stopped_at = time.monotonic()
        proc.send_signal(sig)
        proc.wait(timeout=10)
        while _sessions_alive(sids) and time.monotonic() - stopped_at < 10:
            time.sleep(0.2)
        assert _sessions_alive(sids) == []
        assert time.monotonic() - stopped_at < 10
    finally:  # never leave a process behind, even when the test fails
        for pgid in (*sids, proc.pid):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(pgid, signal.SIGKILL)
        proc.wait()
        proc.stdout.close()  # an unclosed pipe is a ResourceWarning, an error under pytest.ini


def test_make_run_uses_the_supervisor():
    makefile = (ROOT / "Makefile").read_text()
    run = makefile.split("\nrun:", 1)[1].split("\n\n", 1)[0]
    assert "scripts/devserver.py" in run
    assert "honcho" not in run
