"""Celery tasks: thin adapters over activities.metrics."""

import logging

from celery import shared_task

from .metrics import snapshot_collect, snapshot_mark_failed, snapshots_refresh_recent

logger = logging.getLogger(__name__)
MAX_RETRIES = 4


@shared_task(
    name="activities.collect_activity_metrics", bind=True, acks_late=True, max_retries=MAX_RETRIES, ignore_result=True
)
def collect_activity_metrics(self, snapshot_id: int) -> None:
    """Collect one queued snapshot. Idempotent (a snapshot is collected once); retried with
    exponential backoff up to a ceiling, then marked failed (Wikimedia failures of a part are
    not errors here: the snapshot records them)."""
    try:
        snapshot_collect(snapshot_id=snapshot_id)
    except Exception as exc:
        if self.request.retries >= MAX_RETRIES:
            logger.exception("metrics snapshot %s failed for good", snapshot_id)
            snapshot_mark_failed(snapshot_id=snapshot_id, error=f"{type(exc).__name__}: {exc}")
            return
        logger.warning("metrics snapshot %s failed (try %s): %s", snapshot_id, self.request.retries + 1, exc)
        raise self.retry(exc=exc, countdown=min(10 * 2**self.request.retries, 600)) from exc


@shared_task(name="activities.refresh_recent_metrics", ignore_result=True)
def refresh_recent_metrics() -> int:
    """Nightly (beat): a new snapshot for every activity of the last 90 days."""
    return snapshots_refresh_recent()
