#!/usr/bin/env python
"""Benchmark the agreement PDF pipeline. Prints figures; not a test.

1. Median time of the whole PDF task for a typical ~5-page agreement (load from the
   database, template, WeasyPrint, store the file and checksum), next to a bare WeasyPrint
   ``HTML(string=...).write_pdf()`` of the same HTML in the same process (target ≤ 1.1×).
2. Throughput of N agreements (default 200) through a real Celery worker with 2 processes
   (target ≤ 80 s).

Runs on a fresh PostgreSQL database and Redis (as in production):
    .venv/bin/python bench/bench_pdf.py [--runs 15] [--agreements 200] [--concurrency 2]
"""

import argparse
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


def run(args, env, var_dir) -> int:
    import io

    from django.conf import settings
    from django.template.loader import render_to_string
    from django.utils import translation
    from django_scopes import scopes_disabled
    from pypdf import PdfReader
    from weasyprint import HTML

    from agreements.models import AgreementDocument, DocumentState
    from agreements.rendering import document_render, pdf_context
    from core.pdf import ASSET_BASE_URL, FETCHER, FONT_CONFIG

    with scopes_disabled():
        user, agreement = make_agreement()

        def new_document():
            version = (agreement.documents.order_by("-version").values_list("version", flat=True).first() or 0) + 1
            return AgreementDocument.objects.create(
                agreement=agreement, version=version, language="fr", created_by=user
            )

        # Warm up both paths (fonts, templates, the first connection).
        doc = new_document()
        document_render(document_id=doc.pk)
        doc.refresh_from_db()
        pages = doc.pages
        with translation.override("fr"):
            html = render_to_string(
                "agreements/pdf/partnership_agreement.html", {**pdf_context(doc), "created": doc.created_at}
            )

        def bare():
            # WeasyPrint alone, same HTML and options (PDF/A-3a, tagged); our bundled assets and
            # fonts still need our fetcher to resolve.
            return HTML(string=html, base_url=ASSET_BASE_URL, url_fetcher=FETCHER).write_pdf(
                pdf_variant=settings.PDF_VARIANT or None, pdf_tags=True, font_config=FONT_CONFIG
            )

        bare()
        task_times, bare_times = [], []
        for _ in range(args.runs):
            doc = new_document()
            t0 = time.perf_counter()
            document_render(document_id=doc.pk)
            task_times.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            data = bare()
            bare_times.append(time.perf_counter() - t0)
        bare_pages = len(PdfReader(io.BytesIO(data)).pages)
        task_median, bare_median = statistics.median(task_times), statistics.median(bare_times)
        print(f"Agreement: {agreement.clauses.count()} actions, {pages} pages (bare render: {bare_pages} pages)")
        print(f"{'whole PDF task (load, template, WeasyPrint PDF/A-3a, store)':58} median {task_median * 1000:7.1f} ms")
        print(f"{'bare WeasyPrint write_pdf, same HTML and options':58} median {bare_median * 1000:7.1f} ms")
        ratio = task_median / bare_median
        print(f"ratio task / bare: {ratio:.2f}x  (target <= 1.10x)  {'OK' if ratio <= 1.1 else 'ABOVE TARGET'}")

        # Throughput: N versions through a real worker with 2 processes.
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
        try:
            from agreements.tasks import render_agreement_document

            time.sleep(4)  # the worker imports WeasyPrint and forks its processes
            ids = [
                AgreementDocument.objects.create(agreement=agreement, version=i + 1, language="fr").pk
                for i in range(args.agreements)
            ]
            t0 = time.perf_counter()
            for pk in ids:
                render_agreement_document.delay(pk)
            deadline = t0 + 600
            while time.perf_counter() < deadline:
                ready = AgreementDocument.objects.filter(pk__in=ids, state=DocumentState.READY).count()
                if ready == len(ids):
                    break
                time.sleep(0.2)
            elapsed = time.perf_counter() - t0
            failed = AgreementDocument.objects.filter(pk__in=ids, state=DocumentState.FAILED).count()
            # Resident memory of the worker's processes (the pool's children of the main one).
            rss = subprocess.run(["ps", "-o", "rss=", "--ppid", str(worker.pid)], capture_output=True, text=True)
            sizes = [int(x) / 1024 for x in rss.stdout.split()]
            main = subprocess.run(["ps", "-o", "rss=", "-p", str(worker.pid)], capture_output=True, text=True)
            main_mb = int(main.stdout or 0) / 1024
            print(
                f"Celery worker RSS after {args.agreements} PDFs: main process {main_mb:.1f} MB, "
                f"pool processes {', '.join(f'{x:.1f} MB' for x in sizes)} (target < 300 MB each)  "
                f"{'OK' if sizes and max(sizes) < 300 else 'ABOVE TARGET'}"
            )
            print(
                f"{args.agreements} agreements through a worker with {args.concurrency} processes: "
                f"{elapsed:.1f} s ({ready} ready, {failed} failed; {args.agreements / elapsed:.1f} PDF/s) "
                f"(target <= 80 s)  {'OK' if elapsed <= 80 and ready == len(ids) else 'ABOVE TARGET'}"
            )
        finally:
            worker.terminate()
            worker.wait(timeout=30)
            log.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
