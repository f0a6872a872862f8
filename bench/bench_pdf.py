#!/usr/bin/env python
"""Benchmark the agreement PDF pipeline. Prints figures; not a test.

1. Median time of the whole PDF task for a typical ~5-page agreement (load from the
   database, template, WeasyPrint, store the file and checksum), next to a bare WeasyPrint
   ``HTML(string=...).write_pdf()`` of the very HTML the task rendered, with the task's options
   (``settings.PDF_VARIANT``, tagged, the same fonts), in the same process, the two interleaved
   in alternating order (target ≤ 1.1×). Also the task's own time inside WeasyPrint, so what
   the task adds around it is printed in ms, and a check that both PDFs have the same pages
   and text.
2. Throughput of N agreements (default 200) through a real Celery worker with 2 processes
   (target ≤ 80 s for 200), with the worker's RSS (main and pool processes) every 100 PDFs
   and at the end (target < 300 MB each). No fixed deadline: it gives up only when no PDF
   has finished for ``--stall`` seconds.

The load average is printed with the figures (a shared machine).

Runs on a fresh PostgreSQL database and Redis (as in production):
    .venv/bin/python bench/bench_pdf.py [--runs 15] [--agreements 200] [--concurrency 2]
"""

import argparse
import io
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PG = "postgres://postgres@127.0.0.1:5432"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--agreements", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=2)
    parser.add_argument("--database", default="wmfr_bench_pdf")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/3")
    parser.add_argument(
        "--stall", type=float, default=300, help="give up when no PDF has finished for this many seconds"
    )
    args = parser.parse_args()

    var_dir = Path(tempfile.mkdtemp(prefix="wmfr-bench-pdf-"))
    env = {
        **os.environ,
        "DATABASE_URL": f"{PG}/{args.database}",
        "REDIS_URL": args.redis,
        "VAR_DIR": str(var_dir),
        "DEBUG": "False",
        "DJANGO_SETTINGS_MODULE": "wmfr_partners.settings",
    }
    os.environ.update(env)
    psql = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-q", "-c"]
    subprocess.run([*psql, f"DROP DATABASE IF EXISTS {args.database}"], check=True)
    subprocess.run([*psql, f"CREATE DATABASE {args.database}"], check=True)
    try:
        subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
        subprocess.run(
            [sys.executable, "manage.py", "load_catalogue"], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
        )
        subprocess.run(["redis-cli", "-u", args.redis, "FLUSHDB"], check=True, stdout=subprocess.DEVNULL)
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        return run(args, env, var_dir)
    finally:
        if "django" in sys.modules:
            from django.db import connections

            connections.close_all()
        subprocess.run([*psql, f"DROP DATABASE IF EXISTS {args.database}"], check=False)
        shutil.rmtree(var_dir, ignore_errors=True)


def make_agreement():
    import datetime

    from django.contrib.auth import get_user_model

    from activities.models import ActivityType
    from agreements.services import ActionSpec, agreement_draft
    from partnerships.models import Contact, Partner, Partnership

    user = get_user_model().objects.create(username="bench", is_staff=True)
    partner = Partner.objects.create(
        name="Musée des Beaux-Arts de Lyon",
        legal_name="Ville de Lyon – MBA",
        partner_type="cultural_institutions",
        legal_status="public_body",
        street_address="20 place des Terreaux",
        postal_code="69001",
        city="Lyon",
    )
    Contact.objects.create(
        partner=partner, first_name="Sylvie", last_name="Ramond", role="Directrice", is_signatory=True
    )
    partnership = Partnership.objects.create(
        title="Collections du MBA sur Wikimedia Commons", goal="Diffuser les collections sous licence libre.", lead=user
    )
    partnership.partners.add(partner)
    codes = ["edit-a-thon", "content-upload", "training", "wikipedian-in-residence"]
    start = datetime.date(2027, 1, 15)
    return user, agreement_draft(
        partnership=partnership,
        partner=partner,
        kind="partnership_agreement",
        language="fr",
        by=user,
        actions=[
            ActionSpec(
                activity_type=ActivityType.objects.get(code=c),
                start_date=start,
                end_date=start + datetime.timedelta(days=60),
            )
            for c in codes
        ],
    )


def load() -> str:
    """The machine's load, printed with every figure (the machine is shared)."""
    return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())


def pdf_text(data: bytes) -> tuple[int, str]:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return len(reader.pages), "\n".join(page.extract_text() for page in reader.pages)


def rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def children(pid: int) -> list[int]:
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True).stdout
    return [int(x) for x in out.split()]


def run(args, env, var_dir) -> int:
    from django.conf import settings
    from django_scopes import scopes_disabled
    from weasyprint import HTML

    from agreements import rendering
    from agreements.models import AgreementDocument
    from agreements.rendering import document_render, render_html
    from core.pdf import ASSET_BASE_URL, FETCHER, FONT_CONFIG

    variant = settings.PDF_VARIANT or "plain PDF"
    with scopes_disabled():
        user, agreement = make_agreement()

        def new_document():
            version = (agreement.documents.order_by("-version").values_list("version", flat=True).first() or 0) + 1
            return AgreementDocument.objects.create(
                agreement=agreement, version=version, language="fr", created_by=user
            )

        def bare(html):
            # WeasyPrint alone, on the task's own HTML with the task's options (the variant from
            # settings, tagged, the same font configuration); our bundled assets and fonts still
            # need our fetcher to resolve. Everything else the task does is left out.
            return HTML(string=html, base_url=ASSET_BASE_URL, url_fetcher=FETCHER).write_pdf(
                pdf_variant=settings.PDF_VARIANT or None, pdf_tags=True, font_config=FONT_CONFIG
            )

        # Time spent inside WeasyPrint during the task (the rest is what the task adds).
        inside: list[float] = []
        real_render = rendering.render_pdf_with_pages

        def timed_render(html):
            t0 = time.perf_counter()
            try:
                return real_render(html)
            finally:
                inside.append(time.perf_counter() - t0)

        rendering.render_pdf_with_pages = timed_render

        # Warm up both paths (fonts, templates, the first connection).
        doc = new_document()
        document_render(document_id=doc.pk)
        doc.refresh_from_db()
        bare(render_html(doc, created=doc.created_at))
        inside.clear()

        print(f"PDF timings, {args.runs} interleaved pairs (order alternating), {load()}")
        task_times, bare_times, same = [], [], True
        for i in range(args.runs):
            doc = new_document()
            doc = AgreementDocument.objects.select_related("agreement").get(pk=doc.pk)
            html = render_html(doc, created=doc.created_at)  # what the task will render (untimed here)

            def task(doc=doc):
                t0 = time.perf_counter()
                document_render(document_id=doc.pk)
                task_times.append(time.perf_counter() - t0)

            def bare_run(html=html):
                t0 = time.perf_counter()
                data = bare(html)
                bare_times.append(time.perf_counter() - t0)
                return data

            if i % 2:
                data = bare_run()
                task()
            else:
                task()
                data = bare_run()
            doc.refresh_from_db()
            with doc.file.open("rb") as handle:
                stored = handle.read()
            same = same and pdf_text(stored) == pdf_text(data) and doc.pages == pdf_text(data)[0]
        rendering.render_pdf_with_pages = real_render
        task_median, bare_median = statistics.median(task_times), statistics.median(bare_times)
        around = statistics.median(t - w for t, w in zip(task_times, inside, strict=True))
        print(f"Agreement: {agreement.clauses.count()} actions, {doc.pages} pages, {variant}, tagged")
        print(f"  task and bare PDF of the same HTML: same pages and text: {'yes' if same else 'NO'}")
        label = f"whole PDF task (load, template, WeasyPrint {variant}, store)"
        print(f"  {label:64} median {task_median * 1000:7.1f} ms")
        print(f"  {'bare WeasyPrint write_pdf, same HTML and options':64} median {bare_median * 1000:7.1f} ms")
        print(f"  {'  of the task: inside WeasyPrint':64} median {statistics.median(inside) * 1000:7.1f} ms")
        print(f"  {'  of the task: around WeasyPrint (task - inside, per run)':64} median {around * 1000:7.1f} ms")
        ratio = task_median / bare_median
        print(f"  ratio task / bare: {ratio:.3f}x  (target <= 1.10x)  {'OK' if ratio <= 1.1 else 'ABOVE TARGET'}")
        # Less noisy on a loaded machine: each pair's own ratio (run back to back), and the
        # bare render plus what the task adds around WeasyPrint.
        pairs = statistics.median(t / b for t, b in zip(task_times, bare_times, strict=True))
        print(f"  median of the pairs' ratios {pairs:.3f}x; (bare + around) / bare {1 + around / bare_median:.3f}x")
        print(f"  ({load()})")
        if args.agreements <= 0:
            return 0
        return throughput(args, env, var_dir, agreement)


def throughput(args, env, var_dir, agreement) -> int:
    """N versions through a real worker; its RSS every 100 PDFs and at the end."""
    from django.db import models

    from agreements.models import AgreementDocument, DocumentState
    from agreements.tasks import render_agreement_document
    from wmfr_partners.celery import app

    AgreementDocument.objects.filter(agreement=agreement).delete()
    log = open(var_dir / "worker.log", "w")  # noqa: SIM115
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "wmfr_partners",
            "worker",
            f"--concurrency={args.concurrency}",
            "--without-gossip",
            "--without-mingle",
            "--loglevel=WARNING",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )

    def rss_line() -> str:
        pool = children(worker.pid)
        sizes = ", ".join(f"{rss_mb(pid):.1f}" for pid in pool)
        return f"main {rss_mb(worker.pid):.1f} MB, pool [{sizes}] MB"

    try:
        # Ready when the worker answers a ping with its pool forked (importing Django and
        # WeasyPrint takes seconds, more under load).
        started = time.perf_counter()
        while not app.control.ping(timeout=1.0) or len(children(worker.pid)) < args.concurrency:
            if worker.poll() is not None or time.perf_counter() - started > 300:
                print("worker did not start; see its log:", (var_dir / "worker.log").read_text()[-2000:])
                return 1
        print(f"Worker up in {time.perf_counter() - started:.1f} s: {rss_line()}  ({load()})")
        ids = [
            AgreementDocument.objects.create(agreement=agreement, version=i + 1, language="fr").pk
            for i in range(args.agreements)
        ]
        cpu0 = sum(cpu_seconds(pid) for pid in children(worker.pid))
        t0 = last_progress = time.perf_counter()
        for pk in ids:
            render_agreement_document.delay(pk)
        done = ready = failed = 0
        mark = 100
        # No fixed deadline: the run stops only when nothing has finished for --stall seconds
        # (a fixed 600 s stopped a 500-PDF run at 153 under a load of 12 to 18).
        while done < len(ids) and time.perf_counter() - last_progress < args.stall:
            time.sleep(0.5)
            counts = dict(
                AgreementDocument.objects.filter(pk__in=ids)
                .exclude(state=DocumentState.PENDING)
                .values_list("state")
                .annotate(n=models.Count("pk"))
            )
            ready, failed = counts.get(DocumentState.READY, 0), counts.get(DocumentState.FAILED, 0)
            if ready + failed > done:
                done, last_progress = ready + failed, time.perf_counter()
            while done >= mark:
                print(f"  {mark:4} done at {time.perf_counter() - t0:6.1f} s: {rss_line()}  ({load()})")
                mark += 100
        elapsed = time.perf_counter() - t0
        cpu = sum(cpu_seconds(pid) for pid in children(worker.pid)) - cpu0
        ok_rss = all(rss_mb(pid) < 300 for pid in [worker.pid, *children(worker.pid)])
        print(
            f"Celery worker RSS after {done} PDFs: {rss_line()} (target < 300 MB each)  "
            f"{'OK' if ok_rss else 'ABOVE TARGET'}"
        )
        print(
            f"{args.agreements} agreements through a worker with {args.concurrency} processes: "
            f"{elapsed:.1f} s ({ready} ready, {failed} failed; {done / elapsed:.2f} PDF/s; "
            f"pool CPU {cpu:.1f} s, {cpu / max(done, 1) * 1000:.0f} ms a PDF) "
            f"(target <= {args.agreements * 0.4:.0f} s, i.e. 200 in 80 s)  "
            f"{'OK' if elapsed <= args.agreements * 0.4 and ready == len(ids) else 'ABOVE TARGET'}  ({load()})"
        )
        return 0 if ready == len(ids) else 1
    finally:
        worker.terminate()
        worker.wait(timeout=60)
        log.close()


if __name__ == "__main__":
    sys.exit(main())
