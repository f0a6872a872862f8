"""A worker on Redis killed with SIGKILL mid-render, twice, and restarted: every version is
ready within minutes (the beat task re-enqueues the stranded ones; Redis alone would wait for
its visibility timeout), and no version is stored twice."""

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from celery import Celery
from django.conf import settings
from django_scopes import scopes_disabled

from agreements.models import AgreementDocument, DocumentState
from tests.test_integration_worker import ROOT, _database_url

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]
REDIS = os.environ.get("WORKER_KILL_REDIS_URL", "redis://127.0.0.1:6379/3")
VERSIONS = 12


def _children(pid: int) -> list[int]:
    kids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            kids.append(int(stat.parent.name))
    return kids


def _start_worker(log):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "wmfr_partners.settings_test",
        "DATABASE_URL": _database_url(),
        "REDIS_URL": REDIS,
        "RENDER_STALE_AFTER": "4",
    }
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "wmfr_partners",
            "worker",
            "--pool=prefork",
            "--concurrency=2",
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


def _kill(proc):
    kids = _children(proc.pid)
    os.kill(proc.pid, signal.SIGKILL)  # the main process: no warm shutdown, no acknowledgement
    proc.wait(timeout=10)
    for kid in kids:  # its pool processes notice and exit; make sure
        with contextlib.suppress(ProcessLookupError):
            os.kill(kid, signal.SIGKILL)


def _ready() -> int:
    return AgreementDocument.objects.filter(state=DocumentState.READY).count()


def test_worker_killed_mid_render_strands_nothing(agreement_factory, tmp_path):
    import redis

    redis.Redis.from_url(REDIS).flushdb()
    agreement = agreement_factory()
    with scopes_disabled():
        AgreementDocument.objects.filter(agreement=agreement).delete()
        folder = Path(settings.MEDIA_ROOT) / "agreements" / str(agreement.pk)
        shutil.rmtree(folder, ignore_errors=True)  # files of an earlier run with the same ids
        docs = [
            AgreementDocument.objects.create(agreement=agreement, version=n, language="fr")
            for n in range(1, VERSIONS + 1)
        ]
        # Not set as the current app: later tests publish through the project app and its broker.
        sender = Celery(broker=REDIS, set_as_current=False)
        for doc in docs:
            sender.send_task("agreements.render_agreement_document", args=[doc.pk])
        log = open(tmp_path / "worker.log", "w")  # noqa: SIM115
        proc = _start_worker(log)
        try:
            for kill_after in (2, 5):
                deadline = time.monotonic() + 90
                while _ready() < kill_after and time.monotonic() < deadline:
                    time.sleep(0.05)
                _kill(proc)
                proc = _start_worker(log)
            # Beat's job, every few seconds here (every minute in production).
            deadline = time.monotonic() + 180
            while _ready() < VERSIONS and time.monotonic() < deadline:
                sender.send_task("agreements.requeue_stale_documents")
                time.sleep(3)
            worker_log = (tmp_path / "worker.log").read_text()
            assert _ready() == VERSIONS, worker_log[-3000:]
            # The kills did strand renders, and beat's re-enqueue is what brought them back.
            assert "re-enqueued" in worker_log
        finally:
            _kill(proc)
            log.close()
            sender.close()
    stored = sorted(p.name for p in folder.iterdir())
    assert len(stored) == VERSIONS  # one file per version: none rendered and stored twice
