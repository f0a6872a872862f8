"""Celery tasks of the reports wing: thin adapters over ``evaluations.reports``.

Imported by ``EvaluationsConfig.ready()`` so that the worker knows them (the app's
``tasks.py`` belongs to the other wings)."""

import logging

from celery import shared_task
from django.conf import settings

from .reports import report_mark_failed, report_render, reports_stale

logger = logging.getLogger(__name__)
MAX_RETRIES = 4


@shared_task(
    name="evaluations.render_report_document",
    bind=True,
    acks_late=True,
    max_retries=MAX_RETRIES,
    ignore_result=True,
    soft_time_limit=settings.RENDER_SOFT_TIME_LIMIT,
    time_limit=settings.RENDER_TIME_LIMIT,
)
def render_report_document(self, document_id: int) -> None:
    """Render one report PDF. Idempotent (a ready report is left alone); retried with
    exponential backoff up to a ceiling, then marked failed with the error."""
    try:
        report_render(document_id=document_id)
    except Exception as exc:
        if self.request.retries >= MAX_RETRIES:
            logger.exception("report %s failed for good", document_id)
            report_mark_failed(document_id=document_id, error=f"{type(exc).__name__}: {exc}")
            return
        logger.warning("report %s failed (try %s): %s", document_id, self.request.retries + 1, exc)
        raise self.retry(exc=exc, countdown=min(5 * 2**self.request.retries, 300)) from exc


@shared_task(name="evaluations.requeue_stale_reports", ignore_result=True)
def requeue_stale_reports() -> int:
    """Beat, every minute: re-enqueue the reports still pending RENDER_STALE_AFTER seconds after
    they were requested. Safe to repeat: a ready report is never rendered again."""
    ids = reports_stale()
    for document_id in ids:
        render_report_document.delay(document_id)
    if ids:
        logger.warning("re-enqueued %s stale reports: %s", len(ids), ids)
    return len(ids)
