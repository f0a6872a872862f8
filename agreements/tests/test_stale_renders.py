"""A version whose worker died is re-enqueued by beat; the render stays single."""

import datetime

import pytest
from django.conf import settings
from django.utils import timezone
from django_scopes import scopes_disabled

from agreements.models import AgreementDocument, DocumentState
from agreements.tasks import render_agreement_document, requeue_stale_documents
from wmfr_partners.celery import app

pytestmark = pytest.mark.django_db


def test_beat_re_enqueues_versions_pending_too_long_and_renders_each_once(agreement_factory):
    agreement = agreement_factory()
    stale = AgreementDocument.objects.create(agreement=agreement, version=1, language="fr")
    fresh = AgreementDocument.objects.create(agreement=agreement, version=2, language="fr")
    old = timezone.now() - datetime.timedelta(seconds=settings.RENDER_STALE_AFTER + 5)
    with scopes_disabled():
        AgreementDocument.objects.filter(pk=stale.pk).update(created_at=old)

        assert requeue_stale_documents.apply().get() == 1  # eager in tests: renders at once
        stale.refresh_from_db()
        fresh.refresh_from_db()
        assert stale.state == DocumentState.READY and stale.attempts == 1
        assert fresh.state == DocumentState.PENDING  # still within its time: left to its worker
        first = (stale.sha256, stale.file.name, stale.rendered_at)

        # Beat runs again (and a late redelivery of the original task arrives): nothing re-rendered.
        assert requeue_stale_documents.apply().get() == 0
        render_agreement_document.apply(args=[stale.pk])
        stale.refresh_from_db()
    assert (stale.sha256, stale.file.name, stale.rendered_at) == first
    assert stale.attempts == 1


def test_time_limits_and_visibility_timeout():
    task = app.tasks["agreements.render_agreement_document"]
    assert task.soft_time_limit == settings.RENDER_SOFT_TIME_LIMIT < task.time_limit == settings.RENDER_TIME_LIMIT
    assert settings.CELERY_TASK_SOFT_TIME_LIMIT < settings.CELERY_TASK_TIME_LIMIT
    longest = max(settings.CELERY_TASK_TIME_LIMIT, settings.RENDER_TIME_LIMIT)
    assert settings.RENDER_STALE_AFTER > settings.RENDER_TIME_LIMIT
    schedule = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "agreements.requeue_stale_documents" in schedule
    # The Redis broker's visibility timeout, as the settings compute it with REDIS_URL set.
    import os
    import subprocess
    import sys

    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "wmfr_partners.settings", "REDIS_URL": "redis://127.0.0.1:6379/3"}
    code = "from django.conf import settings as s; print(s.CELERY_BROKER_TRANSPORT_OPTIONS['visibility_timeout'])"
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    timeout = int(result.stdout.strip().splitlines()[-1])
    assert longest < timeout <= longest + 120


def test_every_runtime_file_of_the_broker_is_under_var_dir():
    options = settings.CELERY_BROKER_TRANSPORT_OPTIONS
    if "control_folder" in options:  # the filesystem broker
        for key in ("data_folder_in", "data_folder_out", "processed_folder", "control_folder"):
            assert options[key].startswith(str(settings.VAR_DIR)), key


def test_a_version_another_worker_stored_first_keeps_its_file(agreement_factory, settings, tmp_path, monkeypatch):
    """Two workers render the same version (a redelivery while the first still runs): the one
    that stores second leaves the row as the first stored it and removes its own file."""
    from agreements import rendering

    settings.MEDIA_ROOT = tmp_path
    agreement = agreement_factory()
    with scopes_disabled():
        document = AgreementDocument.objects.create(agreement=agreement, version=99, language="fr")
    theirs = {"file": "agreements/theirs.pdf", "sha256": "f" * 64, "size": 1, "pages": 1}
    real = rendering.render_pdf_with_pages

    def the_other_worker_stores_meanwhile(html):
        rendered = real(html)
        with scopes_disabled():
            AgreementDocument.objects.filter(pk=document.pk).update(state=DocumentState.READY, **theirs)
        return rendered

    monkeypatch.setattr(rendering, "render_pdf_with_pages", the_other_worker_stores_meanwhile)
    result = rendering.document_render(document_id=document.pk)
    with scopes_disabled():
        document.refresh_from_db()
    for stored in (result, document):
        assert (stored.file.name, stored.sha256, stored.size, stored.pages) == tuple(theirs.values())
        assert stored.state == DocumentState.READY
    assert not list(tmp_path.rglob("*.pdf"))  # this worker's file is gone, not left behind
