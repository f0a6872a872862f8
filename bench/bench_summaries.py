#!/usr/bin/env python
"""The summaries' refresh (core/summaries.py), timed at two data sizes: what the worker spends
off the request after a write, for the staff dashboard and the impact dashboard.

    .venv/bin/python bench/bench_summaries.py --database wmfr_bench_10k --against wmfr_bench_100k [--runs 9]

For each summary and database (interleaved, three rounds): ``core.summaries.summary_refresh``
after a new data version, as the task runs it (``scopes_disabled()``); prints the median and
p90 time, the SQL time and the number of queries, and the ratio of the medians. Reads only.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_inprocess import SqlTimer  # noqa: E402

SUMMARIES = ("dashboard", "impact", "impact:region=BRE")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--server", default=os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432"))
    parser.add_argument("--database", required=True)
    parser.add_argument("--against", default="")
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "wmfr_partners.settings",
            "DATABASE_URL": f"{args.server.rstrip('/')}/{args.database}",
            "DEBUG": "False",
            "LOG_LEVEL": "WARNING",
        }
    )
    os.environ.pop("REDIS_URL", None)
    os.environ.setdefault("VAR_DIR", tempfile.mkdtemp(prefix="wmfr-bench-"))

    import django

    django.setup()
    from django.core.cache import cache, caches
    from django.db import connection
    from django_scopes import scopes_disabled

    from core import dataversion
    from core.summaries import summary_refresh

    databases = [args.database, *([args.against] if args.against else [])]

    def use(name: str) -> None:
        connection.close()
        connection.settings_dict["NAME"] = name
        cache.clear()
        caches["summaries"].clear()

    print(f"{'summary':<20}" + "".join(f" {'ms ' + n[-12:]:>16} {'p90':>6} {'SQL ms':>7} {'q':>3}" for n in databases))
    for name in SUMMARIES:
        times = {db: [] for db in databases}
        sql = {db: [] for db in databases}
        counts = {db: [] for db in databases}
        for _round in range(3):
            for db in databases:
                use(db)
                with scopes_disabled():
                    summary_refresh(name)  # warm-up: connection, the filter choices
                    for _ in range(max(1, args.runs // 3)):
                        dataversion.bump()
                        timer = SqlTimer()
                        with connection.execute_wrapper(timer):
                            started = time.perf_counter()
                            summary_refresh(name)
                            times[db].append(time.perf_counter() - started)
                        sql[db].append(timer.seconds)
                        counts[db].append(timer.count)
        line = f"{name:<20}"
        for db in databases:
            t = sorted(times[db])
            p90 = t[min(len(t) - 1, int(len(t) * 0.9))]
            line += (
                f" {statistics.median(t) * 1000:>16.1f} {p90 * 1000:>6.1f}"
                f" {statistics.median(sql[db]) * 1000:>7.1f} {statistics.median(counts[db]):>3.0f}"
            )
        if args.against:
            line += f" {statistics.median(times[args.against]) / statistics.median(times[args.database]):>6.2f}×"
        print(line, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
