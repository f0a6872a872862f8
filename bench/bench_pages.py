#!/usr/bin/env python
"""Page benchmark: requests/s of every staff list, the dashboard, the portal home and the
public catalogue as a share of a trivial Django view's, under wrk.

    /path/to/venv/bin/python bench/bench_pages.py [--scale 10000] [--rounds 3] [--duration 10]

Creates a fresh PostgreSQL database (dropped first, dropped again at the end unless
``--keep-db``), migrates, seeds ``--scale`` generated partners, collects static files, starts
gunicorn (``-w 2``, DEBUG off) and logs in as the demo staff and partner users. Each page is
first fetched with a Python client to check that the answer is the real page (a 200 with the
page's own marker, not the login form); then ``wrk -t2 -c20 -d10s`` runs on the trivial view,
then on the page, ``--rounds`` times interleaved; the median share, req/s and p50/p95 latency
are printed, and the gunicorn workers' RSS at the end. See bench/README.md.
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import requests
import yaml

ROOT = Path(__file__).resolve().parent.parent
DEMO_ACCOUNTS = ROOT / "demo" / "data" / "accounts.yaml"
TARGET_RATIO = 0.10
TARGET_P95_MS = 150.0
TARGET_RSS_MB = 150.0

# wrk prints its own summary; this adds the figures it does not print (p95, bytes, errors)
# on one line the script parses.
WRK_SCRIPT = """
done = function(summary, latency, requests)
  io.write(string.format("BENCH requests=%d duration_us=%d bytes=%d connect=%d read=%d write=%d "
    .. "status=%d timeout=%d p50_us=%d p95_us=%d p99_us=%d max_us=%d\\n",
    summary.requests, summary.duration, summary.bytes, summary.errors.connect, summary.errors.read,
    summary.errors.write, summary.errors.status, summary.errors.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max))
end
"""


@dataclass
class Page:
    label: str
    path: str
    who: str  # "staff", "admin", "partner" or "anonymous": whose session cookie wrk sends
    marker: str  # a regular expression only the real page matches (a row, a heading)


TRIVIAL = Page("trivial view", "/bench/trivial", "anonymous", r"\Aok\Z")
PAGES = [
    Page("dashboard", "/staff/", "staff", r'href="partners/\d+/"'),
    Page("partner list", "/staff/partners/", "staff", r'href="\d+/"'),
    Page(
        "partner list, filtered",
        "/staff/partners/?partner_type=cultural_institutions&relationship_status=active&ordering=name",
        "staff",
        r'href="\d+/"',
    ),
    Page("partnership list", "/staff/partnerships/", "staff", r'href="\d+/"'),
    Page("agreement list", "/staff/agreements/", "staff", r'href="/staff/agreements/\d+/"'),
    Page("activity list", "/staff/activities/", "staff", r'href="/staff/activities/\d+/"'),
    # The demo data has no proposals, invitations or evaluations at scale: their filter panels.
    Page("proposal list", "/staff/proposals/", "staff", r'<select id="id_status" name="status">'),
    Page("invitation list", "/staff/invitations/", "staff", r'<select id="id_state" name="state">'),
    # The count, or "plus de 1 000" past the cap (core.deadlines.LISTED_UP_TO).
    Page("deadlines", "/staff/deadlines/", "staff", r'data-testid="upcoming-count">[^<]*\d'),
    Page("questionnaire list", "/staff/questionnaires/", "staff", r'href="/staff/questionnaires/\d+/"'),
    Page("activity calendar", "/staff/activities/calendar/", "staff", r'href="/staff/activities/\d+/"'),
    # The demo staff member has no grants role: the superuser reads the grants pages.
    Page("grant programmes", "/staff/grants/", "admin", r'href="/staff/grants/years/\d+/"'),
    Page("grant pipeline", "/staff/grants/years/{fiscal_year}/", "admin", r'href="/staff/grants/applications/\d+/"'),
    Page("evaluation list", "/staff/evaluations/", "staff", r'<select id="id_activity_type" name="activity_type">'),
    # The impact dashboard adds up every activity of the scale (evaluations/impact.py).
    Page("impact dashboard", "/staff/impact/", "staff", r'data-figure="activities">\d'),
    Page("portal home", "/portal/", "partner", r'href="/portal/partnerships/\d+/"'),
    Page("public catalogue", "/catalogue/", "anonymous", r'href="/catalogue/[\w-]+/"'),
]


class BenchError(RuntimeError):
    pass


def demo_credentials(username: str) -> tuple[str, str]:
    """A demo account from demo/data/accounts.yaml (what seed_demo creates)."""
    for account in yaml.safe_load(DEMO_ACCOUNTS.read_text(encoding="utf-8"))["demo_accounts"]:
        if account["username"] == username:
            return account["username"], account["password"]
    raise BenchError(f"No {username!r} entry in the demo_accounts of {DEMO_ACCOUNTS}")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def admin_connection(server_url: str):
    import psycopg

    return psycopg.connect(server_url.rstrip("/") + "/postgres", autocommit=True)


def database_exists(server_url: str, name: str) -> bool:
    with admin_connection(server_url) as conn:
        return conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is not None


def database_recreate(server_url: str, name: str) -> None:
    with admin_connection(server_url) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def database_drop(server_url: str, name: str) -> None:
    with admin_connection(server_url) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def manage(env: dict, *args: str) -> float:
    started = time.monotonic()
    result = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode:
        raise BenchError(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return time.monotonic() - started


def wait_until_up(base: str, server: subprocess.Popen, log_path: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise BenchError(f"gunicorn exited with {server.returncode}:\n{log_path.read_text()[-3000:]}")
        try:
            if requests.get(base + "/accounts/login/", timeout=10).status_code == 200:
                return
        except (requests.ConnectionError, requests.Timeout):
            pass
        time.sleep(0.2)
    raise BenchError(f"gunicorn did not answer within {timeout} s:\n{log_path.read_text()[-3000:]}")


def login(base: str, username: str, password: str) -> str:
    """Log in through the real form; return the session cookie's value."""
    session = requests.Session()
    login_url = base + "/accounts/login/"
    response = session.get(login_url, timeout=10)
    token = session.cookies.get("csrftoken")
    if response.status_code != 200 or not token:
        raise BenchError(f"GET {login_url}: status {response.status_code}, csrftoken cookie {token!r}")
    response = session.post(
        login_url,
        data={"username": username, "password": password, "csrfmiddlewaretoken": token},
        headers={"Referer": login_url},
        allow_redirects=False,
        timeout=10,
    )
    if response.status_code != 302 or "sessionid" not in session.cookies:
        raise BenchError(f"Login as {username!r} failed: status {response.status_code}\n{response.text[:1000]}")
    return session.cookies["sessionid"]


def fetch_checked(base: str, page: Page, cookies: dict[str, str]) -> int:
    """GET the page once with a Python client; abort unless it is the real page. Returns its size."""
    url = base + page.path
    headers = {"Cookie": cookies[page.who]} if cookies.get(page.who) else {}
    response = requests.get(url, headers=headers, allow_redirects=False, timeout=60)
    body = response.text
    problem = ""
    if response.status_code != 200:
        problem = f"status {response.status_code} (Location: {response.headers.get('Location', '')})"
    elif 'name="password"' in body:
        problem = "got the login form"
    elif not re.search(page.marker, body):
        problem = f"the page's marker {page.marker!r} is missing"
    if problem:
        raise BenchError(f"GET {url}: {problem}\n--- first 1500 characters ---\n{body[:1500]}")
    return len(response.content)


def run_wrk(args, base: str, page: Page, cookies: dict[str, str], script: Path) -> dict:
    command = [
        args.wrk,
        f"-t{args.threads}",
        f"-c{args.connections}",
        f"-d{args.duration}s",
        "--latency",
        "--timeout",
        "10s",
        "-s",
        str(script),
    ]
    if cookies.get(page.who):
        command += ["-H", f"Cookie: {cookies[page.who]}"]
    command.append(base + page.path)
    result = subprocess.run(command, capture_output=True, text=True)
    # wrk stops with requests still queued in gunicorn's backlog (a slow page: 20 of them, each
    # as long as the page); the next run would wait behind them. One request through the same
    # queue returns once it has drained.
    requests.get(base + TRIVIAL.path, timeout=300)
    line = next((x for x in result.stdout.splitlines() if x.startswith("BENCH ")), None)
    if result.returncode or line is None:
        raise BenchError(f"{' '.join(command)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    figures = {k: int(v) for k, v in (pair.split("=") for pair in line.split()[1:])}
    errors = sum(figures[k] for k in ("connect", "read", "write", "status", "timeout"))
    # gunicorn's sync workers close every connection after the answer; wrk counts the
    # resulting reads of 0 bytes as "read" errors only when a request was cut short.
    if figures["status"] or figures["timeout"] or errors > figures["requests"] * 0.01:
        raise BenchError(f"wrk on {page.path}: errors {figures}\n{result.stdout}")
    return {
        "rps": figures["requests"] / (figures["duration_us"] / 1e6),
        "p50": figures["p50_us"] / 1000,
        "p95": figures["p95_us"] / 1000,
        # None when no answer came back within the run (a page slower than the run is long).
        "bytes": figures["bytes"] / figures["requests"] if figures["requests"] else None,
        "requests": figures["requests"],
    }


def worker_rss_mb(master_pid: int) -> list[float]:
    """Resident memory of gunicorn's worker processes (children of the master)."""
    result = subprocess.run(["ps", "-o", "rss=", "--ppid", str(master_pid)], capture_output=True, text=True)
    return [int(x) / 1024 for x in result.stdout.split()]


def fiscal_year_pk(base: str, cookies: dict[str, str]) -> str:
    response = requests.get(base + "/staff/grants/", headers={"Cookie": cookies["admin"]}, timeout=60)
    found = re.search(r'href="/staff/grants/years/(\d+)/"', response.text)
    if not found:
        raise BenchError("No fiscal year linked from /staff/grants/: did seed_demo build the grants?")
    return found.group(1)


def report(args, trivial_rounds: dict[str, list[dict]], page_rounds: dict[str, list[dict]], rss: list[float]) -> bool:
    print()
    print(
        f"Scale {args.scale} generated partners · wrk -t{args.threads} -c{args.connections} -d{args.duration}s · "
        f"{args.rounds} interleaved rounds (median) · gunicorn -w {args.workers} · {os.cpu_count()} CPUs · "
        f"load average at the end {os.getloadavg()[0]:.2f}"
    )
    header = (
        f"{'page':<24} {'req/s':>8} {'trivial':>8} {'share':>7} {'shares of each round':>24} "
        f"{'p50 ms':>7} {'p95 ms':>7} {'KiB':>6}"
    )
    print(header)
    print("-" * len(header))
    all_ok = True
    for label, rounds in page_rounds.items():
        trivial = trivial_rounds[label]
        shares = [p["rps"] / max(t["rps"], 1e-9) for p, t in zip(rounds, trivial, strict=True)]
        share = statistics.median(shares)
        p95 = statistics.median(r["p95"] for r in rounds)
        ok = share >= TARGET_RATIO and p95 < TARGET_P95_MS
        all_ok &= ok
        print(
            f"{label:<24} {statistics.median(r['rps'] for r in rounds):>8.1f} "
            f"{statistics.median(t['rps'] for t in trivial):>8.1f} {share:>7.1%} "
            f"{' '.join(f'{s:.1%}' for s in shares):>24} "
            f"{statistics.median(r['p50'] for r in rounds):>7.1f} {p95:>7.1f} "
            f"{statistics.median(r['bytes'] or 0 for r in rounds) / 1024:>6.1f}" + ("" if ok else "  BELOW TARGET")
        )
    print()
    rss_ok = bool(rss) and max(rss) < TARGET_RSS_MB
    sizes = ", ".join(f"{x:.1f} MB" for x in rss)
    print(f"gunicorn workers' RSS after the run: {sizes} (target < {TARGET_RSS_MB:.0f} MB)")
    print(
        f"Targets: each page ≥ {TARGET_RATIO:.0%} of the trivial view's req/s with p95 < {TARGET_P95_MS:.0f} ms: "
        + ("met." if all_ok else "NOT met.")
        + f" Workers under {TARGET_RSS_MB:.0f} MB: "
        + ("met." if rss_ok else "NOT met.")
    )
    return all_ok and rss_ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=int, default=10000, help="generated partners to seed (default 10000)")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds per page (default 3)")
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run (default 10)")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (default 2)")
    parser.add_argument("--connections", type=int, default=20, help="wrk connections (default 20)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2)")
    parser.add_argument("--wrk", default=shutil.which("wrk") or "/usr/bin/wrk", help="the wrk binary")
    parser.add_argument("--only", default="", help="only the pages whose label contains one of these (comma-separated)")
    parser.add_argument(
        "--server",
        default=os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432"),
        help="PostgreSQL server URL without a database name",
    )
    parser.add_argument("--database", default="wmfr_bench", help="database to create (dropped first and at the end)")
    parser.add_argument(
        "--reuse-db", action="store_true", help="use the database as it is when it exists (no migrate, no seed)"
    )
    parser.add_argument("--keep-db", action="store_true", help="do not drop the database at the end")
    parser.add_argument("--strict", action="store_true", help="exit with status 1 when a target is not met")
    args = parser.parse_args()
    if not Path(args.wrk).exists():
        print(f"!!! wrk not found ({args.wrk}): `apt-get install wrk` (make bench does it as root)", file=sys.stderr)
        return 2

    work = Path(tempfile.mkdtemp(prefix="wmfr-bench-"))
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "wmfr_partners.settings",
        "DATABASE_URL": f"{args.server.rstrip('/')}/{args.database}",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DEBUG": "False",
        "ALLOWED_HOSTS": "127.0.0.1",
        "VAR_DIR": str(work / "var"),
        "BENCH_TRIVIAL_VIEW": "1",
        "DEMO_ACCOUNTS": "True",
        "LOG_LEVEL": "WARNING",
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    env.pop("REDIS_URL", None)
    server = None
    log_path = work / "gunicorn.log"
    script = work / "report.lua"
    script.write_text(WRK_SCRIPT)
    host = urlsplit(args.server).hostname
    status = 1
    try:
        if args.reuse_db and database_exists(args.server, args.database):
            print(f"Reusing database {args.database} on {host} as it is.", flush=True)
        else:
            print(f"Creating database {args.database} on {host}…", flush=True)
            database_recreate(args.server, args.database)
            print("migrate…", flush=True)
            manage(env, "migrate", "--noinput", "-v0")
            print(f"seed_demo --scale {args.scale}…", flush=True)
            seconds = manage(env, "seed_demo", "--scale", str(args.scale))
            print(f"  seeded in {seconds:.1f} s", flush=True)
        manage(env, "collectstatic", "--noinput", "-v0")
        print(f"Starting gunicorn on {base}…", flush=True)
        with log_path.open("w") as log:
            server = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "wmfr_partners.wsgi",
                    "-w",
                    str(args.workers),
                    "--bind",
                    f"127.0.0.1:{port}",
                    "--log-level",
                    "warning",
                ],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        wait_until_up(base, server, log_path)
        cookies = {
            "anonymous": "",
            "staff": "sessionid=" + login(base, *demo_credentials("staff")),
            "admin": "sessionid=" + login(base, *demo_credentials("admin")),
            "partner": "sessionid=" + login(base, *demo_credentials("partner")),
        }
        wanted = [w.strip().lower() for w in args.only.split(",")]
        pages = [p for p in PAGES if any(w in p.label.lower() for w in wanted)]
        for page in pages:
            if "{fiscal_year}" in page.path:
                page.path = page.path.format(fiscal_year=fiscal_year_pk(base, cookies))
        trivial_rounds: dict[str, list[dict]] = {}
        page_rounds: dict[str, list[dict]] = {}
        for page in [TRIVIAL, *pages]:
            fetch_checked(base, page, cookies)
        for page in pages:
            print(f"Measuring {page.label} ({page.path})…", flush=True)
            for _round in range(args.rounds):
                trivial_rounds.setdefault(page.label, []).append(run_wrk(args, base, TRIVIAL, cookies, script))
                page_rounds.setdefault(page.label, []).append(run_wrk(args, base, page, cookies, script))
            # Still the real page after the load (no error page, no expired session), and wrk's
            # answers the same size as the real page.
            size = fetch_checked(base, page, cookies)
            for measured in page_rounds[page.label]:
                if measured["bytes"] is not None and abs(measured["bytes"] - size) > 0.2 * size:
                    raise BenchError(
                        f"wrk's answers on {page.path} average {measured['bytes']:.0f} bytes, the real page {size}"
                    )
            pairs = zip(page_rounds[page.label], trivial_rounds[page.label], strict=True)
            shares = [p["rps"] / max(t["rps"], 1e-9) for p, t in pairs]
            print(f"  shares of the trivial view: {', '.join(f'{x:.1%}' for x in shares)}", flush=True)
        met = report(args, trivial_rounds, page_rounds, worker_rss_mb(server.pid))
        status = 0 if met or not args.strict else 1
    except BenchError as error:
        print(f"\n!!! BENCHMARK ABORTED: {error}", file=sys.stderr)
        if log_path.exists() and log_path.stat().st_size:
            print(f"--- gunicorn log (end) ---\n{log_path.read_text()[-3000:]}", file=sys.stderr)
        status = 2
    finally:
        if server is not None and server.poll() is None:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
        if not args.keep_db:
            try:
                database_drop(args.server, args.database)
            except Exception as error:
                print(f"Could not drop database {args.database}: {error}", file=sys.stderr)
        shutil.rmtree(work, ignore_errors=True)
    return status


if __name__ == "__main__":
    sys.exit(main())
