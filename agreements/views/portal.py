"""Portal: the partner's agreements, their PDFs, and the signed-scan upload.

Everything starts from ``request.partner``; another partner's agreement is a 404.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View

from core.access import PortalRequiredMixin

from .. import selectors
from ..forms import ScanForm
from ..models import AgreementDocument, AgreementStatus, DocumentState
from .files import pdf_response, upload_scan

# Drafts stay internal; the partner sees an agreement from its review onwards.
VISIBLE = [s for s in AgreementStatus.values if s != AgreementStatus.DRAFT]
SCAN_ALLOWED = {AgreementStatus.SENT, AgreementStatus.SIGNED, AgreementStatus.ACTIVE}


def _agreements(request):
    return request.partner.agreements.filter(status__in=VISIBLE)


class PortalAgreementListView(PortalRequiredMixin, View):
    def get(self, request):
        agreements = list(_agreements(request).select_related("partnership").order_by("-created_at"))
        return render(
            request, "agreements/portal/agreement_list.html", {"agreements": agreements, "partner": request.partner}
        )


class PortalAgreementDetailView(PortalRequiredMixin, View):
    def get(self, request, pk: int):
        agreement = get_object_or_404(_agreements(request), pk=pk)
        agreement = selectors.agreement_detail(_agreements(request), agreement.pk)
        return render(
            request,
            "agreements/portal/agreement_detail.html",
            {
                "agreement": agreement,
                "partner": request.partner,
                "clauses": list(agreement.clauses.all()),
                "documents": [d for d in agreement.documents.all() if d.state == DocumentState.READY],
                "scans": list(agreement.scans.all()),
                "can_upload": request.partner_member.is_admin and agreement.status in SCAN_ALLOWED,
                "scan_form": ScanForm(),
            },
        )


class PortalDocumentDownloadView(PortalRequiredMixin, View):
    def get(self, request, pk: int):
        document = get_object_or_404(
            AgreementDocument.objects.filter(
                agreement__partner=request.partner, agreement__status__in=VISIBLE, state=DocumentState.READY
            ).select_related("agreement", "amendment"),
            pk=pk,
        )
        return pdf_response(document.file, document.filename)


class PortalScanUploadView(PortalRequiredMixin, View):
    admin_only = True

    def post(self, request, pk: int):
        agreement = get_object_or_404(_agreements(request), pk=pk)
        if agreement.status not in SCAN_ALLOWED:
            raise PermissionDenied(_("The signed scan can be sent once the agreement is sent for signature."))
        upload_scan(request, agreement)
        return redirect("portal:agreement_detail", pk=agreement.pk)
