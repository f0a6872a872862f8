"""Rendering an agreement version to PDF: the body of the Celery task.

Kept apart from services.py so that the task module can import it while services.py
imports the task (to enqueue it) without a cycle.
"""

import datetime

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_scopes import scopes_disabled

from core.pdf import render_pdf_with_pages, sha256_hex, store_rendered
from partnerships.principles import principles_in

from . import wording
from .models import Agreement, AgreementDocument, Amendment, DocumentState


def pdf_context(document: AgreementDocument) -> dict:
    agreement = document.agreement
    signatories = list(agreement.signatories.all())
    clauses = list(agreement.clauses.select_related("activity_type", "amendment").order_by("position"))
    if document.amendment_id:
        shown = [c for c in clauses if c.amendment_id == document.amendment_id]
    else:
        # The agreement itself: its original clauses (amendments have their own documents).
        shown = [c for c in clauses if c.amendment_id is None]
    membership_said = False
    for clause in shown:
        expects_fee = clause.activity_type.membership_fee_expected and not membership_said
        membership_said = membership_said or expects_fee
        clause.partner_lines = wording.partner_items(clause, agreement, with_membership=expects_fee)
        clause.timetable = wording.timetable(clause, agreement.language)
    return {
        **wording.document_context(agreement, signatories, frozen=document.frozen),
        "document": document,
        "agreement": agreement,
        "amendment": document.amendment,
        "partner": agreement.partner,
        "partnership": agreement.partnership,
        "clauses": shown,
        "signatories": signatories,
        "amendment_intro": wording.amendment_intro(agreement, document.amendment, shown) if document.amendment else "",
        "principles": principles_in(agreement.language),
        "wmfr": settings.WMFR_IDENTITY,
    }


def render_html(document: AgreementDocument, *, created=None) -> str:
    with translation.override(document.language):
        return render_to_string(
            f"agreements/pdf/{document.agreement.kind}.html", {**pdf_context(document), "created": created}
        )


def input_fingerprint(*, agreement: Agreement, amendment: Amendment | None, frozen: bool) -> str:
    """SHA-256 of what a new version would show, leaving out its version number and dates."""
    probe = AgreementDocument(
        agreement=agreement, amendment=amendment, version=0, frozen=frozen, language=agreement.language
    )
    return sha256_hex(render_html(probe).encode())


def documents_stale() -> list[int]:
    """Pending versions requested more than RENDER_STALE_AFTER seconds ago and not yet given up
    (the render's own retries mark a hopeless one failed)."""
    limit = timezone.now() - datetime.timedelta(seconds=settings.RENDER_STALE_AFTER)
    with scopes_disabled():
        return list(
            AgreementDocument.objects.filter(state=DocumentState.PENDING, created_at__lt=limit)
            .order_by("pk")
            .values_list("pk", flat=True)[:500]
        )


def document_render(*, document_id: int) -> AgreementDocument | None:
    """Render a version to PDF and store it with its SHA-256. Idempotent: a version that
    is ready is never rendered again (a frozen one is fixed for good)."""
    with scopes_disabled():
        document = (
            AgreementDocument.objects.select_related("agreement__partner", "agreement__partnership", "amendment")
            .filter(pk=document_id)
            .first()
        )
        if document is None or document.state == DocumentState.READY:
            return document
        AgreementDocument.objects.filter(pk=document_id).update(attempts=document.attempts + 1)
        html = render_html(document, created=document.created_at)
        pdf, pages = render_pdf_with_pages(html)
        # One conditional UPDATE; a version another worker finished first stands (core.pdf).
        return store_rendered(document, pdf, pages, ready=DocumentState.READY)


def document_mark_failed(*, document_id: int, error: str) -> None:
    with scopes_disabled():
        AgreementDocument.objects.filter(pk=document_id).exclude(state=DocumentState.READY).update(
            state=DocumentState.FAILED, error=error[:2000]
        )
