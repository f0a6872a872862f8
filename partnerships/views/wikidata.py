"""Staff: propose a partner's card from its Wikidata item; staff accept it field by field."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View

from core.access import StaffRequiredMixin

from .. import wikidata
from ..models import Partner


class PartnerWikidataView(StaffRequiredMixin, View):
    """GET shows the proposal beside the current card; POST writes the ticked fields only."""

    permission_required = ("partnerships.view_partner", "partnerships.change_partner")
    template_name = "partnerships/staff/partner_wikidata.html"

    def _render(self, request, partner, *, item, card=None, fields=(), error="", status=200):
        return render(
            request,
            self.template_name,
            {"nav": "partners", "partner": partner, "item": item, "card": card, "fields": fields, "error": error},
            status=status,
        )

    def get(self, request, pk: int):
        partner = get_object_or_404(Partner, pk=pk)
        item = (request.GET.get("item") or partner.wikidata_id).strip()
        if not item:
            return self._render(request, partner, item="")
        try:
            card, fields = wikidata.card_proposal(partner=partner, item=item)
        except ValidationError as exc:
            return self._render(request, partner, item=item, error=" ".join(exc.messages), status=400)
        return self._render(request, partner, item=item, card=card, fields=fields)

    def post(self, request, pk: int):
        partner = get_object_or_404(Partner, pk=pk)
        item = request.POST.get("item", "").strip()
        accepted = request.POST.getlist("accept")
        try:
            # Asked again: the values written are Wikidata's, never ones posted by the browser.
            card, _fields = wikidata.card_proposal(partner=partner, item=item)
            if not accepted:
                raise ValidationError(_("Tick at least one field to copy from Wikidata."))
            wikidata.card_apply(partner=partner, card=card, accepted=accepted, by=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect(f"{request.path}?item={item}" if item else request.path)
        messages.success(request, _("Card updated from Wikidata: %(n)s field(s).") % {"n": len(accepted)})
        return redirect(partner)
