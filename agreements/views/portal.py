"""Portal: the partner's agreements, their PDFs, and the signed-scan upload.

Everything starts from ``request.partner`` and reads through the selectors, which apply
the lifecycle's visibility rules; another partner's agreement is a 404.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views import View

from core.access import PortalRequiredMixin

from .. import lifecycle, selectors
from ..forms import ScanForm
from ..models import Agreement, AgreementDocument
from .files import pdf_response, upload_scan


def _agreement(request, pk: int) -> Agreement:
    try:
        return selectors.partner_agreement_detail(partner=request.partner, pk=pk)
    except Agreement.DoesNotExist:
        raise Http404 from None


class PortalAgreementListView(PortalRequiredMixin, View):
    def get(self, request):
        return render(
            request,
            "agreements/portal/agreement_list.html",
            {
                # Read only when the page's cached block is not ({% cache %}, core/dataversion.py).
                "agreements": SimpleLazyObject(lambda: selectors.partner_agreement_list(partner=request.partner)),
                "partner": request.partner,
            },
        )


class PortalAgreementDetailView(PortalRequiredMixin, View):
    def get(self, request, pk: int):
        agreement = _agreement(request, pk)
        return render(
            request,
            "agreements/portal/agreement_detail.html",
            {
                "agreement": agreement,
                "partner": request.partner,
                "clauses": list(agreement.clauses.all()),
                "documents": list(agreement.documents.all()),
                "scans": list(agreement.scans.all()),
                "can_upload": request.partner_member.is_admin and lifecycle.can_upload_scan(agreement),
                "scan_form": ScanForm(),
            },
        )


class PortalDocumentDownloadView(PortalRequiredMixin, View):
    def get(self, request, pk: int):
        try:
            document = selectors.partner_document(partner=request.partner, pk=pk)
        except AgreementDocument.DoesNotExist:
            raise Http404 from None
        return pdf_response(document.file, document.filename)


class PortalScanUploadView(PortalRequiredMixin, View):
    admin_only = True

    def post(self, request, pk: int):
        agreement = _agreement(request, pk)
        if not lifecycle.can_upload_scan(agreement):
            raise PermissionDenied(_("The signed scan can be sent once the agreement is sent for signature."))
        upload_scan(request, agreement)
        return redirect("portal:agreement_detail", pk=agreement.pk)
