#!/usr/bin/env python
"""Page benchmark: requests/s of the staff pages against a trivial Django view.

    /path/to/venv/bin/python bench/bench_pages.py [--scale 10000] [--requests 400] [--concurrency 4]

Creates a fresh PostgreSQL database (dropped first, dropped again at the end), migrates,
seeds ``--scale`` generated partners, collects static files, starts gunicorn with DEBUG off
and logs in as the demo staff user. Then, for each page, after a warm-up, it sends
``--requests`` GETs from ``--concurrency`` threads (one keep-alive requests.Session each)
and reports requests/s, p50 and p95 latency, and each page's requests/s as a share of the
trivial view's (target: at least 10 %). See bench/README.md.
"""

from __future__ import annotations

import argparse
import itertools
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

import requests
import yaml

ROOT = Path(__file__).resolve().parent.parent
DEMO_ACCOUNTS = ROOT / "demo" / "data" / "accounts.yaml"
TARGET_RATIO = 0.10
WARMUP = 20

# (label, path, kind of check)
PAGES = [
    ("trivial view", "/bench/trivial", "trivial"),
    ("dashboard", "/staff/", "dashboard"),
    (
        "partner list, filtered",
        "/staff/partners/?partner_type=cultural_institutions&relationship_status=active&ordering=name",
        "list",
    ),
    ("partner list", "/staff/partners/", "list"),
]
ROW_LINK = re.compile(r'href="(?:/staff/partners/)?\d+/"')


class BenchError(RuntimeError):
    pass


def demo_staff_credentials() -> tuple[str, str]:
    """The demo staff account from demo/data/accounts.yaml (what seed_demo creates)."""
    for account in yaml.safe_load(DEMO_ACCOUNTS.read_text(encoding="utf-8"))["demo_accounts"]:
        if account["username"] == "staff":
            return account["username"], account["password"]
    raise BenchError(f"No 'staff' entry in the demo_accounts of {DEMO_ACCOUNTS}")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def admin_connection(server_url: str):
    import psycopg

    return psycopg.connect(server_url.rstrip("/") + "/postgres", autocommit=True)


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
            if requests.get(base + "/accounts/login/", timeout=2).status_code == 200:
                return
        except requests.ConnectionError:
            pass
        time.sleep(0.2)
    raise BenchError(f"gunicorn did not answer within {timeout} s:\n{log_path.read_text()[-3000:]}")


def login(base: str, username: str, password: str) -> requests.Session:
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
    return session


def check(kind: str, url: str, response: requests.Response) -> None:
    """Abort unless the response is the real page (not a redirect, an error or the login form)."""
    body = response.text
    problem = ""
    if response.status_code != 200:
        problem = f"status {response.status_code} (Location: {response.headers.get('Location', '')})"
    elif kind == "trivial":
        if body != "ok":
            problem = "body is not 'ok'"
    elif 'name="password"' in body:
        problem = "got the login form"
    elif not re.search("partner|partenaire", body, re.IGNORECASE):
        problem = "no 'partner' text in the page"
    elif kind == "list" and not ROW_LINK.search(body):
        problem = "no partner row in the list"
    if problem:
        raise BenchError(f"GET {url}: {problem}\n--- first 1500 characters ---\n{body[:1500]}")


def measure(base: str, path: str, kind: str, sessions: list[requests.Session], total: int) -> dict:
    url = base + path
    tickets = itertools.count()

    def worker(session: requests.Session, count: int) -> list[float]:
        latencies = []
        while next(tickets) < count:
            started = time.perf_counter()
            response = session.get(url, allow_redirects=False, timeout=60)
            latencies.append(time.perf_counter() - started)
            check(kind, url, response)
        return latencies

    def run(count: int) -> tuple[list[float], float]:
        started = time.perf_counter()
        with ThreadPoolExecutor(len(sessions)) as pool:
            futures = [pool.submit(worker, session, count) for session in sessions]
            latencies = [lat for future in futures for lat in future.result()]
        return latencies, time.perf_counter() - started

    run(WARMUP)
    tickets = itertools.count()  # the workers read the new counter through the closure
    latencies, wall = run(total)
    latencies.sort()
    sample = sessions[0].get(url, allow_redirects=False, timeout=60)
    return {
        "requests": len(latencies),
        "rps": len(latencies) / wall,
        "p50": latencies[len(latencies) // 2] * 1000,
        "p95": latencies[min(len(latencies) - 1, int(len(latencies) * 0.95))] * 1000,
        "bytes": len(sample.content),
        "connection": sample.headers.get("Connection", "keep-alive (HTTP/1.1 default)"),
    }


def report(results: list[tuple[str, str, dict]], args) -> bool:
    trivial = results[0][2]["rps"]
    print()
    print(
        f"Scale {args.scale} generated partners · {args.requests} requests per page · "
        f"{args.concurrency} client threads · gunicorn -w {args.workers} · {os.cpu_count()} CPUs"
    )
    header = f"{'page':<24} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'KiB':>6} {'vs trivial':>11}"
    print(header)
    print("-" * len(header))
    all_ok = True
    for label, _path, result in results:
        ratio = result["rps"] / trivial
        verdict = ""
        if label != results[0][0]:
            ok = ratio >= TARGET_RATIO
            all_ok &= ok
            verdict = "  ok" if ok else "  BELOW TARGET"
        print(
            f"{label:<24} {result['rps']:>8.1f} {result['p50']:>8.1f} {result['p95']:>8.1f} "
            f"{result['bytes'] / 1024:>6.1f} {ratio:>10.1%}{verdict}"
        )
    print()
    print(
        f"Server's Connection header: {results[0][2]['connection']} "
        "(gunicorn's sync workers close the connection after each response)"
    )
    print(
        f"Target: each page at least {TARGET_RATIO:.0%} of the trivial view's requests/s: "
        + ("met." if all_ok else "NOT met.")
    )
    for label, path, _result in results:
        print(f"  {label}: {path}")
    return all_ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=int, default=10000, help="generated partners to seed (default 10000)")
    parser.add_argument("--requests", type=int, default=400, help="measured requests per page (default 400)")
    parser.add_argument("--concurrency", type=int, default=4, help="client threads (default 4)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2)")
    parser.add_argument(
        "--server",
        default=os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432"),
        help="PostgreSQL server URL without a database name",
    )
    parser.add_argument("--database", default="wmfr_bench", help="database to create (dropped first and at the end)")
    parser.add_argument("--strict", action="store_true", help="exit with status 1 when the target is not met")
    args = parser.parse_args()

    username, password = demo_staff_credentials()
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
    host = urlsplit(args.server).hostname
    status = 1
    try:
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
        logged_in = login(base, username, password)
        sessions = []
        for _ in range(args.concurrency):
            session = requests.Session()
            session.cookies.update(logged_in.cookies)
            sessions.append(session)
        results = []
        for label, path, kind in PAGES:
            print(f"Measuring {label}…", flush=True)
            results.append((label, path, measure(base, path, kind, sessions, args.requests)))
        met = report(results, args)
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
        try:
            database_drop(args.server, args.database)
        except Exception as error:
            print(f"Could not drop database {args.database}: {error}", file=sys.stderr)
        shutil.rmtree(work, ignore_errors=True)
    return status


if __name__ == "__main__":
    sys.exit(main())
