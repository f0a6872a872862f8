"""A real Celery worker process consumes a task from the configured broker and writes
to the test database: the filesystem broker by default, Redis when REDIS_URL is set."""

import datetime
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django_scopes import scopes_disabled

from core.models import WorkerHeartbeat
from core.tasks import heartbeat
from tests.files import stored_bytes
from wmfr_partners.celery import app as celery_app

ROOT = Path(__file__).resolve().parents[1]
#: The worker's output, under the same VAR_DIR as the rest of the run's files.
WORKER_LOG = Path(settings.VAR_DIR) / "test-worker.log"


def _database_url() -> str:
    s = connection.settings_dict
    if s["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{s['NAME']}"
    auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


@pytest.fixture
def worker(transactional_db):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "wmfr_partners.settings_test", "DATABASE_URL": _database_url()}
    log = open(WORKER_LOG, "w")  # noqa: SIM115
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "wmfr_partners",
            "worker",
            "--pool=solo",
            "--concurrency=1",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "--loglevel=INFO",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    yield proc
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()


def wait_for(predicate, timeout=60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


@pytest.mark.integration
def test_real_worker_consumes_task_and_writes_database(worker):
    name = f"integration-{uuid.uuid4().hex[:8]}"
    celery_app.conf.task_always_eager = False
    try:
        heartbeat.apply_async(args=[name])
    finally:
        celery_app.conf.task_always_eager = True
    done = wait_for(lambda: WorkerHeartbeat.objects.filter(name=name).exists())
    log = (WORKER_LOG).read_text()
    assert done, f"the worker did not run the task within 60 s; worker log:\n{log[-3000:]}"
    assert worker.poll() is None, "the worker died"
    assert WorkerHeartbeat.objects.get(name=name).beats == 1


@pytest.mark.integration
def test_real_worker_renders_an_agreement_pdf(worker, catalogue, staff_user):
    import io

    from pypdf import PdfReader

    from activities.models import ActivityType
    from agreements.models import AgreementDocument, DocumentState
    from agreements.services import ActionSpec, agreement_draft, document_request
    from tests.factories import PartnerFactory, PartnershipFactory

    partner = PartnerFactory(name="Archives départementales de la Gironde", city="Bordeaux")
    partnership = PartnershipFactory(partners=[partner], title="Archives et Wikisource")
    # The worker is another process: this one reads and writes as staff code does.
    with scopes_disabled():
        agreement = agreement_draft(
            partnership=partnership,
            partner=partner,
            kind="partnership_agreement",
            language="fr",
            by=staff_user,
            actions=[ActionSpec(activity_type=ActivityType.objects.get(code="content-upload"))],
        )
        celery_app.conf.task_always_eager = False
        try:
            document = document_request(agreement=agreement, by=staff_user)  # autocommit: sent at once
        finally:
            celery_app.conf.task_always_eager = True

        def ready():
            return AgreementDocument.objects.filter(pk=document.pk, state=DocumentState.READY).exists()

        done = wait_for(ready, timeout=90)
        log = (WORKER_LOG).read_text()
        assert done, f"no PDF within 90 s; state={AgreementDocument.objects.get(pk=document.pk).state}\n{log[-3000:]}"
        document.refresh_from_db()
        text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(stored_bytes(document.file))).pages)
        assert "Archives départementales de la Gironde" in text
        assert agreement.reference in text


@pytest.fixture
def wikimedia_replay(monkeypatch):
    """The replay server on a real socket; the worker process (started after) reaches it
    through WIKIMEDIA_MIRROR, as a deployment would reach the real APIs."""
    from activities.replay import replay_server

    with replay_server() as server:
        monkeypatch.setenv("WIKIMEDIA_MIRROR", server.url)
        yield server


@pytest.mark.integration
def test_real_worker_collects_a_metrics_snapshot_through_the_replay_server(
    wikimedia_replay, worker, catalogue, staff_user, settings
):
    from activities import metrics
    from activities.models import ActivityType, MetricsSnapshot, SnapshotStatus
    from activities.services import activity_create
    from tests.factories import PartnerFactory, PartnershipFactory

    settings.WIKIMEDIA_MIRROR = wikimedia_replay.url  # the scope check, in this process
    partnership = PartnershipFactory(partners=[PartnerFactory(name="Musée exemple de la soie")])
    # The worker is another process: this one reads and writes as staff code does.
    with scopes_disabled():
        activity = activity_create(
            partnership=partnership,
            activity_type=ActivityType.objects.get(code="edit-a-thon"),
            title="Edit-a-thon des canuts",
            start_date=datetime.date(2024, 3, 16),
            end_date=datetime.date(2024, 3, 16),
            by=staff_user,
        )
        metrics.scope_save(
            activity=activity,
            data=metrics.ScopeInput(
                usernames="Exemple Contributrice\nExemple Contributeur",
                commons_category="WMFR Partners sample of 50 files",
            ),
            by=staff_user,
        )
        checked = len(wikimedia_replay.seen)
        celery_app.conf.task_always_eager = False
        try:
            snapshot = metrics.snapshot_request(activity=activity, by=staff_user)  # autocommit: sent at once
        finally:
            celery_app.conf.task_always_eager = True

        def finished():
            return MetricsSnapshot.objects.filter(pk=snapshot.pk, status__in=["done", "partial", "failed"]).exists()

        done = wait_for(finished, timeout=90)
        log = (WORKER_LOG).read_text()
        assert done, f"no snapshot within 90 s; worker log:\n{log[-3000:]}"
        snapshot.refresh_from_db()
        assert snapshot.status == SnapshotStatus.DONE, snapshot.failures
        assert snapshot.figures["bytes_added"] == 10550
        assert snapshot.figures["files_in_use"] == 8
        assert snapshot.figures["page_views"] == 31 * (410 + 12 + 95)
        # The worker's 10 requests reached our server over its socket, and matched recordings.
        assert len(wikimedia_replay.seen) - checked == snapshot.request_count == 10
        assert wikimedia_replay.unmatched == []


@pytest.mark.integration
def test_real_worker_refreshes_a_stale_dashboard(worker, client, staff_user):
    """The page shows its stored figures after a write and sends their refresh; the worker
    recomputes them (core/summaries.py) and the next view shows the new ones."""
    import re

    from django.urls import reverse

    from core import dataversion, summaries
    from tests.factories import PartnerFactory

    def all_partners(page: str) -> int:
        return int(re.search(r'href="partners/">(\d+)</a>', page).group(1))

    client.force_login(staff_user)
    url = reverse("staff:dashboard")
    PartnerFactory(name="Musée de la soie")
    assert all_partners(client.get(url).content.decode()) == 1  # nothing stored: computed here
    PartnerFactory(name="Musée des tissus")  # autocommit: the summary is stale
    celery_app.conf.task_always_eager = False
    try:
        page = client.get(url).content.decode()  # sent to the broker at once (no transaction open)
    finally:
        celery_app.conf.task_always_eager = True
    assert all_partners(page) == 1 and "mise à jour en cours" in page

    def refreshed():
        stored = summaries._load("dashboard")
        return stored is not None and stored.version == dataversion.current()

    done = wait_for(refreshed)
    log = (WORKER_LOG).read_text()
    assert done, f"the worker did not refresh the summary within 60 s; worker log:\n{log[-3000:]}"
    assert "core.refresh_summary" in log
    page = client.get(url).content.decode()
    assert all_partners(page) == 2 and "mise à jour en cours" not in page
