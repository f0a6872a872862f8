#!/usr/bin/env python3
"""`make run`: the development web server, a Celery worker and beat, stopped together.

Each process starts in its own session (process group), so that stopping reaches its
children too (runserver's autoreloader, the worker's pool). On Ctrl-C / SIGTERM, or when one
of them exits, every group gets SIGTERM, then SIGKILL after STOP_GRACE seconds: a Celery
worker that logs "Warm shutdown" and then never exits cannot survive into the next run.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STOP_GRACE = float(os.environ.get("DEVSERVER_STOP_GRACE", "5"))


def commands(python: str, port: str) -> dict[str, list[str]]:
    celery = [python, "-m", "celery", "-A", "wmfr_partners"]
    return {
        "web": [python, "manage.py", "runserver", f"127.0.0.1:{port}"],
        "worker": [*celery, "worker", "--loglevel=INFO", "--concurrency=2"],
        "beat": [*celery, "beat", "--loglevel=INFO"],
    }


def _signal_group(proc: subprocess.Popen, sig: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, sig)


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def stop(procs: dict[str, subprocess.Popen]) -> None:
    for proc in procs.values():
        _signal_group(proc, signal.SIGTERM)
    deadline = time.monotonic() + STOP_GRACE
    while time.monotonic() < deadline and any(_group_alive(p.pid) for p in procs.values()):
        for proc in procs.values():
            proc.poll()
        time.sleep(0.1)
    for name, proc in procs.items():
        if _group_alive(proc.pid):
            print(f"devserver: {name} still running after {STOP_GRACE:g} s, killing it", flush=True)
            _signal_group(proc, signal.SIGKILL)
    for proc in procs.values():
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=2)


def main() -> int:
    python = os.environ.get("DEVSERVER_PYTHON", sys.executable)
    port = os.environ.get("PORT", "8000")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "wmfr_partners.settings")}
    stopping = False

    def request_stop(signum, frame):
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, request_stop)
    signal.signal(signal.SIGTERM, request_stop)
    procs: dict[str, subprocess.Popen] = {}
    for name, cmd in commands(python, port).items():
        procs[name] = subprocess.Popen(cmd, cwd=ROOT, env=env, start_new_session=True)
        print(f"devserver: {name} started (pid {procs[name].pid})", flush=True)
    status = 0
    try:
        while not stopping:
            for name, proc in procs.items():
                if proc.poll() is not None:
                    print(f"devserver: {name} exited with {proc.returncode}; stopping the others", flush=True)
                    status = proc.returncode or 1
                    stopping = True
                    break
            time.sleep(0.2)
    finally:
        stop(procs)
    print("devserver: stopped", flush=True)
    return status


if __name__ == "__main__":
    sys.exit(main())
