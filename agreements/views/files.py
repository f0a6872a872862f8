"""Helpers shared by the staff and portal agreement views: scan upload and PDF responses."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.utils.translation import gettext as _

from core.converters import MAX_ID

from .. import services
from ..forms import ScanForm


def upload_scan(request, agreement) -> bool:
    """Shared by the staff and portal views: validate, store, tell the user."""
    form = ScanForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return False
    amendment = None
    amendment_pk = request.POST.get("amendment", "")
    if amendment_pk.isdigit() and int(amendment_pk) <= MAX_ID:
        amendment = agreement.amendments.filter(pk=amendment_pk).first()
    try:
        services.scan_upload(
            agreement=agreement, uploaded=form.cleaned_data["file"], by=request.user, amendment=amendment
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return False
    messages.success(request, _("Signed scan received."))
    return True


def pdf_response(file_field, filename: str) -> FileResponse:
    response = FileResponse(
        file_field.open("rb"), content_type="application/pdf", as_attachment=True, filename=filename
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
