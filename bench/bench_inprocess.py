#!/usr/bin/env python
"""In-process page timings: the same pages as bench_pages.py through Django's test client,
no HTTP server, no load generator, so the figure is the page's own cost.

    /path/to/venv/bin/python bench/bench_inprocess.py --database wmfr_bench_10k [--runs 30]
    /path/to/venv/bin/python bench/bench_inprocess.py --database wmfr_bench_10k --against wmfr_bench_100k
    /path/to/venv/bin/python bench/bench_inprocess.py --database wmfr_bench_10k --profile "partner list"

Reads an already seeded PostgreSQL database (``bench_pages.py --keep-db`` or ``seed_demo``
against it; ``--seed N`` seeds it first, dropping it). For each page: a warm-up, then
``--runs`` GETs; prints the median and p90 time, the time spent in SQL and the number of
queries. With ``--against``, the two databases are timed in turn, three rounds, and the
ratio of the medians printed (target ≤ 1.25×). ``--profile LABEL`` prints a pyinstrument profile of that page instead.
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
    parser.add_argument("--against", default="", help="a second database, timed interleaved; prints the ratio")
    parser.add_argument("--only", default="", help="only the pages whose label contains one of these (comma-separated)")
    parser.add_argument("--profile", default="", help="print a pyinstrument profile of this page")
    parser.add_argument(
        "--cold",
        action="store_true",
        help="a new data version before every timed GET (as after a write): cached blocks, user, permissions miss",
    )
    parser.add_argument("--cprofile", default="", help="print cProfile's top functions (own time) for this page")
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
    from django.core.cache import cache, caches
    from django.db import connection
    from django.test import Client

    from core import dataversion

    databases = [args.database, *([args.against] if args.against else [])]

    def use(name: str) -> None:
        """Point the default connection at another database (the caches belong to one)."""
        connection.close()
        connection.settings_dict["NAME"] = name
        cache.clear()
        # The dashboards' summaries too (core/summaries.py): the warm-up GETs store this
        # database's; a cold GET then shows them and sends a refresh no worker runs.
        caches["summaries"].clear()

    wanted = [w.strip().lower() for w in args.only.split(",")]
    pages = [p for p in PAGES if any(w in p.label.lower() for w in wanted)]
    clients: dict[str, dict[str, Client]] = {}
    paths: dict[str, dict[str, str]] = {}
    for name in databases:
        use(name)
        users = get_user_model().objects
        clients[name] = {"anonymous": Client()}
        for who in ("staff", "admin", "partner"):
            clients[name][who] = Client()
            clients[name][who].force_login(users.get(username=who))
        paths[name] = {}
        for page in pages:
            path = page.path
            if "{fiscal_year}" in path:
                body = clients[name]["admin"].get("/staff/grants/").content.decode()
                path = path.format(fiscal_year=re.search(r"/staff/grants/years/(\d+)/", body).group(1))
            paths[name][page.label] = path

    if args.cprofile:
        import cProfile
        import pstats

        page = next(p for p in PAGES if p.label == args.cprofile)
        use(args.database)
        client, path = clients[args.database][page.who], paths[args.database][page.label]
        for _ in range(5):
            client.get(path)
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(args.runs):
            if args.cold:
                dataversion.bump()
            client.get(path)
        profiler.disable()
        stats = pstats.Stats(profiler).strip_dirs()
        stats.sort_stats("tottime").print_stats(35)
        stats.sort_stats("cumulative").print_stats(60)
        return 0

    if args.profile:
        from pyinstrument import Profiler

        page = next(p for p in PAGES if p.label == args.profile)
        use(args.database)
        client, path = clients[args.database][page.who], paths[args.database][page.label]
        for _ in range(5):
            client.get(path)
        profiler = Profiler(interval=0.0005)
        profiler.start()
        for _ in range(args.runs):
            if args.cold:
                dataversion.bump()
            client.get(path)
        profiler.stop()
        print(profiler.output_text(unicode=True, color=False, show_all=False))
        return 0

    rounds = 3
    header = f"{'page':<24}" + "".join(f" {'ms ' + name[-12:]:>18} {'SQL ms':>7} {'q':>3}" for name in databases)
    print(header + (f" {'ratio':>6}" if args.against else ""))
    for page in pages:
        times: dict[str, list[float]] = {name: [] for name in databases}
        sql_times: dict[str, list[float]] = {name: [] for name in databases}
        counts: dict[str, list[int]] = {name: [] for name in databases}
        # The databases interleaved, three rounds: the machine's load hits both alike.
        for _round in range(rounds):
            for name in databases:
                use(name)
                client, path = clients[name][page.who], paths[name][page.label]
                for _ in range(2):
                    response = client.get(path)
                    if response.status_code != 200 or not re.search(page.marker, response.content.decode()):
                        print(f"!!! {name} {path}: status {response.status_code} or marker {page.marker!r} missing")
                        return 2
                for _ in range(max(1, args.runs // rounds)):
                    if args.cold:
                        dataversion.bump()
                    timer = SqlTimer()
                    with connection.execute_wrapper(timer):
                        started = time.perf_counter()
                        client.get(path)
                        times[name].append(time.perf_counter() - started)
                    sql_times[name].append(timer.seconds)
                    counts[name].append(timer.count)
        line = f"{page.label:<24}"
        for name in databases:
            line += (
                f" {statistics.median(times[name]) * 1000:>18.1f} {statistics.median(sql_times[name]) * 1000:>7.1f}"
                f" {statistics.median(counts[name]):>3.0f}"
            )
        if args.against:
            ratio = statistics.median(times[args.against]) / statistics.median(times[args.database])
            line += f" {ratio:>5.2f}×" + ("" if ratio <= 1.25 else "  ABOVE 1.25×")
        print(line, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
