#!/usr/bin/env python
"""In-process page timings: the same pages as bench_pages.py through Django's test client,
no HTTP server, no load generator, so the figure is the page's own cost.

    /path/to/venv/bin/python bench/bench_inprocess.py --database wmfr_bench_10k [--runs 30]
    /path/to/venv/bin/python bench/bench_inprocess.py --database wmfr_bench_10k --profile "partner list"

Reads an already seeded PostgreSQL database (``bench_pages.py --keep-db`` or ``seed_demo``
against it; ``--seed N`` seeds it first, dropping it). For each page: a warm-up, then
``--runs`` GETs; prints the median and p90 time, the time spent in SQL and the number of
queries. ``--profile LABEL`` prints a pyinstrument profile of that page instead.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_pages import PAGES, database_recreate  # noqa: E402


class SqlTimer:
    def __init__(self) -> None:
        self.seconds = 0.0
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - started
            self.count += 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--server", default=os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432"))
    parser.add_argument("--database", required=True)
    parser.add_argument("--seed", type=int, default=0, help="recreate the database and seed_demo --scale N first")
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--only", default="", help="only the pages whose label contains this text")
    parser.add_argument("--profile", default="", help="print a pyinstrument profile of this page")
    args = parser.parse_args()

    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "wmfr_partners.settings",
            "DATABASE_URL": f"{args.server.rstrip('/')}/{args.database}",
            "DEBUG": "False",
            "ALLOWED_HOSTS": "testserver",
            "DEMO_ACCOUNTS": "True",
            "LOG_LEVEL": "WARNING",
        }
    )
    os.environ.pop("REDIS_URL", None)
    os.environ.setdefault("VAR_DIR", tempfile.mkdtemp(prefix="wmfr-bench-"))
    if args.seed:
        database_recreate(args.server, args.database)
        started = time.monotonic()
        for command in (["migrate", "--noinput", "-v0"], ["seed_demo", "--scale", str(args.seed)]):
            subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, check=True)
        print(f"Seeded --scale {args.seed} in {time.monotonic() - started:.1f} s (migrate included)")

    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client

    users = get_user_model().objects
    clients = {"anonymous": Client()}
    for who in ("staff", "admin", "partner"):
        clients[who] = Client()
        clients[who].force_login(users.get(username=who))

    pages = [p for p in PAGES if args.only.lower() in p.label.lower()]
    for page in pages:
        if "{fiscal_year}" in page.path:
            body = clients["admin"].get("/staff/grants/").content.decode()
            page.path = page.path.format(fiscal_year=re.search(r"/staff/grants/years/(\d+)/", body).group(1))

    if args.profile:
        from pyinstrument import Profiler

        page = next(p for p in PAGES if p.label == args.profile)
        client = clients[page.who]
        for _ in range(5):
            client.get(page.path)
        profiler = Profiler(interval=0.0005)
        profiler.start()
        for _ in range(args.runs):
            client.get(page.path)
        profiler.stop()
        print(profiler.output_text(unicode=True, color=False, show_all=False))
        return 0

    print(f"{'page':<24} {'median ms':>10} {'p90 ms':>8} {'SQL ms':>8} {'queries':>8}  path")
    for page in pages:
        client = clients[page.who]
        for _ in range(3):
            response = client.get(page.path)
            if response.status_code != 200 or not re.search(page.marker, response.content.decode()):
                print(f"!!! {page.path}: status {response.status_code} or marker {page.marker!r} missing")
                return 2
        times, sql_times, counts = [], [], []
        for _ in range(args.runs):
            timer = SqlTimer()
            with connection.execute_wrapper(timer):
                started = time.perf_counter()
                client.get(page.path)
                times.append(time.perf_counter() - started)
            sql_times.append(timer.seconds)
            counts.append(timer.count)
        times.sort()
        print(
            f"{page.label:<24} {statistics.median(times) * 1000:>10.1f} {times[int(len(times) * 0.9)] * 1000:>8.1f} "
            f"{statistics.median(sql_times) * 1000:>8.1f} {statistics.median(counts):>8.0f}  {page.path}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
