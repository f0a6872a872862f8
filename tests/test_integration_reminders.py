"""The reminders end to end, as deployed: Celery beat and a worker as real processes on Redis,
the clock set (REMINDERS_TODAY) on a day a membership renewal is due, beat ticking every few
seconds (REMINDERS_SWEEP_EVERY) instead of at 08:00. The sweep runs in the worker, enqueues
the e-mails through Redis on commit, the worker sends them with the file-based backend into a
temporary directory, and the test reads them: each recipient's e-mail is there once, and the
ticks after the first send nothing more.

Needs a Redis server (REDIS_URL, else redis://127.0.0.1:6379); it takes a database number of
its own that is empty (13, 14 or 15) and leaves it empty."""

import datetime
import email
import email.policy
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.factories import MembershipFactory, PartnerFactory, StaffFactory, UserFactory
from tests.test_integration_worker import ROOT, _database_url, wait_for

DAY = datetime.date(2027, 12, 1)  # 30 days before the end of the 2027 memberships
TICK = 2.0  # seconds between beat's sweeps
SEPARATOR = "-" * 79 + "\n"  # Django's file-based backend writes it after each message


def _redis():
    redis = pytest.importorskip("redis")
    base = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
    base = base.rsplit("/", 1)[0] if re.search(r"/\d+$", base) else base.rstrip("/")
    for number in (13, 14, 15):
        client = redis.Redis.from_url(f"{base}/{number}")
        try:
            if client.dbsize() == 0:
                return client, f"{base}/{number}"
        except redis.exceptions.ConnectionError:
            pytest.skip("no Redis server")
    pytest.skip("no empty Redis database among 13-15")


@pytest.fixture
def beat_and_worker(transactional_db, tmp_path):
    client, url = _redis()
    outbox = tmp_path / "mail"
    outbox.mkdir()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "wmfr_partners.settings_test",
        "DATABASE_URL": _database_url(),
        "REDIS_URL": url,
        "REMINDERS_TODAY": DAY.isoformat(),
        "REMINDERS_SWEEP_EVERY": str(TICK),
        "TEST_EMAIL_FILE_PATH": str(outbox),
        "TEST_CELERY_EAGER": "0",
        "SITE_URL": "https://partenariats.example",
    }
    celery = [sys.executable, "-m", "celery", "-A", "wmfr_partners"]
    logs = {name: open(tmp_path / f"{name}.log", "w") for name in ("worker", "beat")}  # noqa: SIM115
    worker = subprocess.Popen(
        [*celery, "worker", "--pool=solo", "--without-gossip", "--without-mingle", "--without-heartbeat", "-l", "INFO"],
        cwd=ROOT,
        env=env,
        stdout=logs["worker"],
        stderr=subprocess.STDOUT,
    )
    beat = subprocess.Popen(
        [*celery, "beat", "-l", "INFO", "--schedule", str(tmp_path / "beat-schedule")],
        cwd=ROOT,
        env=env,
        stdout=logs["beat"],
        stderr=subprocess.STDOUT,
    )
    yield {"outbox": outbox, "log": tmp_path / "worker.log", "worker": worker}
    for proc in (beat, worker):
        proc.terminate()
    for proc in (beat, worker):
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
    for log in logs.values():
        log.close()
    client.flushdb()  # our own database number, found empty
    client.close()


def _messages(outbox: Path) -> list[email.message.Message]:
    texts = [part for f in sorted(outbox.iterdir()) for part in f.read_text().split(SEPARATOR) if part.strip()]
    return [email.message_from_string(t, policy=email.policy.default) for t in texts]


def _sweeps(log: Path) -> list[str]:
    """The summaries of the sweeps the worker ran (its 'succeeded' lines)."""
    return re.findall(r"core\.reminders_sweep\[[^\]]+\] succeeded in [\d.]+s: '([^']*)'", log.read_text())


@pytest.fixture
def due_membership(db):
    owner = StaffFactory(email="owner@wikimedia.fr", preferred_language="fr")
    partner = PartnerFactory(name="Musée A", owner=owner)
    admin = UserFactory(email="admin@musee.example", preferred_language="en")
    from partnerships.models import PartnerMember, PartnerRole

    PartnerMember.objects.create(partner=partner, user=admin, role=PartnerRole.ADMIN)
    MembershipFactory(partner=partner, year=2027)
    return {"owner": owner, "admin": admin}


@pytest.mark.integration
def test_beat_and_worker_on_redis_send_each_reminder_once(due_membership, beat_and_worker):
    from core.models import ReminderSent

    log = beat_and_worker["log"]
    # Three sweeps at least: the first decides and enqueues, the others find everything sent.
    ran = wait_for(lambda: len(_sweeps(log)) >= 3, timeout=90)
    assert ran, f"beat's sweeps did not reach the worker; worker log:\n{log.read_text()[-3000:]}"
    assert wait_for(
        lambda: (
            ReminderSent.objects.filter(sent_at=None).count() == 0 and len(_messages(beat_and_worker["outbox"])) >= 2
        )
    )
    assert beat_and_worker["worker"].poll() is None, "the worker died"
    sweeps = _sweeps(log)
    assert sweeps[0] == "2 reminders sent, 0 already sent, 0 skipped"
    assert set(sweeps[1:]) == {"0 reminders sent, 2 already sent, 0 skipped"}
    messages = _messages(beat_and_worker["outbox"])
    assert sorted((m["To"], m["Subject"].strip()) for m in messages) == [
        (
            "admin@musee.example",
            "Reminder: Your Wikimédia France membership (Musée A – 2027) ends on 31 December: "
            "renew the fee (100 € minimum).",
        ),
        (
            "owner@wikimedia.fr",
            "Rappel\u00a0: L’adhésion Musée A – 2027 prend fin le 31 décembre\u00a0: "
            "la cotisation est à renouveler pour l’année suivante.",
        ),
    ]
    assert ReminderSent.objects.count() == 2
    # The e-mails went through Redis: the worker received the sweep's two e-mail tasks.
    assert len(re.findall(r"Task core\.send_reminder_email\[[^\]]+\] received", log.read_text())) == 2
