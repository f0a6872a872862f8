"""Celery tasks: thin adapters over agreements.rendering."""

import logging

from celery import shared_task
from django.conf import settings

from .rendering import document_mark_failed, document_render, documents_stale

logger = logging.getLogger(__name__)
MAX_RETRIES = 4


@shared_task(
    name="agreements.render_agreement_document",
    bind=True,
    acks_late=True,
    max_retries=MAX_RETRIES,
    ignore_result=True,
    soft_time_limit=settings.RENDER_SOFT_TIME_LIMIT,
    time_limit=settings.RENDER_TIME_LIMIT,
)
def render_agreement_document(self, document_id: int) -> None:
    """Render one agreement version. Idempotent (a ready version is left alone); retried
    with exponential backoff up to a ceiling; after the last try the version is marked
    failed with the error, and the agreement itself is untouched."""
    try:
        document_render(document_id=document_id)
    except Exception as exc:
        if self.request.retries >= MAX_RETRIES:
            logger.exception("agreement document %s failed for good", document_id)
            document_mark_failed(document_id=document_id, error=f"{type(exc).__name__}: {exc}")
            return
        logger.warning("agreement document %s failed (try %s): %s", document_id, self.request.retries + 1, exc)
        raise self.retry(exc=exc, countdown=min(5 * 2**self.request.retries, 300)) from exc


@shared_task(name="agreements.requeue_stale_documents", ignore_result=True)
def requeue_stale_documents() -> int:
    """Beat, every minute: re-enqueue the versions still pending RENDER_STALE_AFTER seconds
    after they were requested (their worker was killed before acknowledging). Safe to repeat:
    the render leaves a ready version alone and locks the row before storing."""
    ids = documents_stale()
    for document_id in ids:
        render_agreement_document.delay(document_id)
    if ids:
        logger.warning("re-enqueued %s stale agreement documents: %s", len(ids), ids)
    return len(ids)
