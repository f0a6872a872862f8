#!/usr/bin/env python
"""Time ``seed_demo --scale N`` on a fresh SQLite database in a temporary directory.

    /path/to/venv/bin/python bench/bench_seed.py [--scale 10000] [--seed 2014]

Migrates first (not timed), then times the seed, then times a second run, which must
add nothing (idempotency). Prints wall-clock and CPU time of each (the CPU time does not
grow with other processes' load). Target: well under two minutes at --scale 10000.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def manage(env: dict, *args: str) -> tuple[float, float, str]:
    """Run manage.py; return its wall-clock time, its CPU time and its output."""
    started, cpu = time.monotonic(), children_cpu()
    result = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True)
    elapsed, cpu = time.monotonic() - started, children_cpu() - cpu
    if result.returncode:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return elapsed, cpu, result.stdout


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=int, default=10000, help="generated partners (default 10000)")
    parser.add_argument("--seed", type=int, default=2014, help="random seed (default 2014)")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="wmfr-seed-bench-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "wmfr_partners.settings",
        "DATABASE_URL": f"sqlite:///{work / 'bench.sqlite3'}",
        "VAR_DIR": str(work / "var"),
        "LOG_LEVEL": "WARNING",
    }
    env.pop("REDIS_URL", None)
    try:
        manage(env, "migrate", "--noinput", "-v0")
        command = ["seed_demo", "--scale", str(args.scale), "--seed", str(args.seed)]
        first, first_cpu, output = manage(env, *command)
        print(output.split("┌")[0].rstrip())
        second, second_cpu, output = manage(env, *command)
        if "none added" not in output:
            print(f"!!! the second run added rows:\n{output}", file=sys.stderr)
            return 1
        print()
        print(
            f"seed_demo --scale {args.scale} on SQLite: {first:.1f} s, {first_cpu:.1f} s CPU "
            f"(second, idempotent run: {second:.1f} s, {second_cpu:.1f} s CPU)"
        )
        print("Both include Python start-up and Django set-up (about 1 s). On a shared machine the CPU time")
        print("is the steadier figure: the wall-clock time grows with the other processes' load.")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
