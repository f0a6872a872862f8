"""Back-office views for partners and partnerships. Thin: selectors read, services write."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View

from core import exports
from core.access import StaffRequiredMixin
from core.confirm import confirmation_page, is_confirmed
from core.forms import add_service_errors
from core.models import AuditEntry
from core.pagination import lazy_filtered_page, page_of

from .. import selectors, services
from ..filters import InvitationFilter, PartnerFilter, PartnershipFilter
from ..forms import (
    ContactFormSet,
    PartnerForm,
    PartnershipForm,
    PartnershipStatusForm,
    StaffInvitationForm,
    contacts_from_formset,
    partner_fields,
)
from ..models import Invitation, InvitationState, Partner, Partnership

PAGE_SIZE = 50


def _querystring_without_page(request) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


class PartnerListView(StaffRequiredMixin, View):
    permission_required = ("partnerships.view_partner",)

    def get(self, request):
        partner_filter, page = lazy_filtered_page(
            request,
            lambda: PartnerFilter(request.GET, queryset=selectors.partner_directory_queryset()),
            ("sort_name", "pk"),
            PAGE_SIZE,
        )
        return render(
            request,
            "partnerships/staff/partner_list.html",
            {
                "nav": "partners",
                "filter": partner_filter,
                "page": page,
                "partners": SimpleLazyObject(lambda: selectors.partner_rows_labelled(list(page.object_list))),
                "querystring": _querystring_without_page(request),
            },
        )


EXPORT_FIELDS = [
    "id",
    "name",
    "legal_name",
    "partner_type",
    "sector",
    "legal_status",
    "relationship_status",
    "street_address",
    "postal_code",
    "city",
    "region",
    "country",
    "website",
    "wikidata_id",
    "owner",
    "tags",
    "created_at",
]


def _export_headers() -> list[str]:
    """The fields' own (translated) labels: "Nom", "Raison sociale"..."""
    return [_("Identifier") if f == "id" else str(Partner._meta.get_field(f).verbose_name) for f in EXPORT_FIELDS]


class PartnerExportView(StaffRequiredMixin, View):
    """CSV or XLSX of exactly the rows the directory's filters select (all pages)."""

    permission_required = ("partnerships.view_partner",)

    def get(self, request, fmt: str):
        if fmt not in exports.FORMATS:
            raise Http404
        partner_filter = PartnerFilter(request.GET, queryset=Partner.objects.all())
        qs = selectors.partner_export_queryset(partner_filter.qs)
        if not request.GET.get("ordering"):
            qs = qs.order_by("sort_name", "pk")
        rows = (
            [
                p.pk,
                p.name,
                p.legal_name,
                p.get_partner_type_display(),
                p.get_sector_display(),
                p.get_legal_status_display(),
                p.get_relationship_status_display(),
                p.street_address,
                p.postal_code,
                p.city,
                p.get_region_display(),
                p.country.code,
                p.website,
                p.wikidata_id,
                str(p.owner) if p.owner else "",
                ", ".join(sorted(t.name for t in p.tags.all())),
                p.created_at,
            ]
            for p in qs
        )
        return exports.export_response(
            fmt=fmt, headers=_export_headers(), rows=rows, filename_stem="wmfr-partners", title=_("Partners")
        )


class PartnerDetailView(StaffRequiredMixin, View):
    permission_required = ("partnerships.view_partner",)

    def get(self, request, pk: int):
        try:
            partner = selectors.partner_detail(pk=pk)
        except Partner.DoesNotExist:
            raise Http404 from None
        this_year = timezone.localdate().year
        return render(
            request,
            "partnerships/staff/partner_detail.html",
            {
                "nav": "partners",
                "partner": partner,
                "current_membership": next((m for m in partner.memberships.all() if m.year == this_year), None),
                "members": list(partner.members.select_related("user")),
                "invitations": list(partner.invitations.select_related("invited_by")[:10]),
                "history": selectors.partner_history(partner=partner),
                "audit": AuditEntry.objects.filter(
                    content_type__app_label="partnerships", content_type__model="partner", object_id=str(partner.pk)
                ).select_related("actor")[:20],
                "this_year": this_year,
            },
        )


class _PartnerFormView(StaffRequiredMixin, View):
    template_name = "partnerships/staff/partner_form.html"

    def get_instance(self, pk):
        return Partner() if pk is None else get_object_or_404(Partner, pk=pk)

    def get(self, request, pk: int | None = None):
        partner = self.get_instance(pk)
        return self.render(request, PartnerForm(instance=partner), ContactFormSet(instance=partner, prefix="contacts"))

    def post(self, request, pk: int | None = None):
        partner = self.get_instance(pk)
        form = PartnerForm(request.POST, instance=partner)
        formset = ContactFormSet(request.POST, instance=partner, prefix="contacts")
        if form.is_valid() and formset.is_valid():
            fields = partner_fields(form)
            contacts = contacts_from_formset(formset)
            tags = list(form.cleaned_data.get("tags") or [])
            try:
                if pk is None:
                    partner = services.partner_create(by=request.user, contacts=contacts, tags=tags, **fields)
                else:
                    partner = services.partner_update(
                        partner=partner, by=request.user, contacts=contacts, tags=tags, **fields
                    )
            except ValidationError as exc:
                add_service_errors(form, exc)
                if hasattr(exc, "error_dict") and "contacts" in exc.error_dict:
                    formset._non_form_errors = formset.error_class(exc.error_dict["contacts"])
            else:
                messages.success(request, _("Partner “%(name)s” saved.") % {"name": partner.name})
                return redirect(partner)
        messages.error(request, _("Please correct the errors below."))
        return self.render(request, form, formset, status=400)

    def render(self, request, form, formset, status=200):
        return render(
            request,
            self.template_name,
            {
                "nav": "partners",
                "form": form,
                "formset": formset,
                "partner": form.instance,
            },
            status=status,
        )


class PartnerCreateView(_PartnerFormView):
    permission_required = ("partnerships.add_partner",)


class PartnerUpdateView(_PartnerFormView):
    permission_required = ("partnerships.change_partner",)


class PartnershipListView(StaffRequiredMixin, View):
    permission_required = ("partnerships.view_partnership",)

    def get(self, request):
        pfilter, page = lazy_filtered_page(
            request,
            lambda: PartnershipFilter(request.GET, queryset=selectors.partnership_list_queryset()),
            ("-created_at", "-pk"),
            PAGE_SIZE,
        )
        return render(
            request,
            "partnerships/staff/partnership_list.html",
            {
                "nav": "partnerships",
                "filter": pfilter,
                "page": page,
                "partnerships": SimpleLazyObject(lambda: list(page.object_list)),
                "querystring": _querystring_without_page(request),
            },
        )


class PartnershipDetailView(StaffRequiredMixin, View):
    permission_required = ("partnerships.view_partnership",)

    def get(self, request, pk: int):
        try:
            partnership = selectors.partnership_detail(pk=pk)
        except Partnership.DoesNotExist:
            raise Http404 from None
        allowed = services.partnership_allowed_statuses(partnership)
        # The select starts on the current status, so pressing the button by mistake changes nothing.
        status_form = PartnershipStatusForm(initial={"status": partnership.status})
        current = (partnership.status, _("%(status)s (current)") % {"status": partnership.get_status_display()})
        status_form.fields["status"].choices = (
            [current] + [(value, label) for value, label in status_form.fields["status"].choices if value in allowed]
            if allowed
            else []
        )
        return render(
            request,
            "partnerships/staff/partnership_detail.html",
            {
                "nav": "partnerships",
                "partnership": partnership,
                "status_form": status_form,
                "audit": AuditEntry.objects.filter(
                    content_type__app_label="partnerships",
                    content_type__model="partnership",
                    object_id=str(partnership.pk),
                ).select_related("actor")[:20],
            },
        )


class _PartnershipFormView(StaffRequiredMixin, View):
    template_name = "partnerships/staff/partnership_form.html"

    def get_instance(self, pk):
        return Partnership() if pk is None else get_object_or_404(Partnership, pk=pk)

    def get(self, request, pk: int | None = None):
        instance = self.get_instance(pk)
        initial = {}
        if pk is None and request.GET.get("partner", "").isdigit():
            initial["partners"] = Partner.objects.filter(pk=request.GET["partner"])
        return self.render(request, PartnershipForm(instance=instance, initial=initial))

    def post(self, request, pk: int | None = None):
        form = PartnershipForm(request.POST, instance=self.get_instance(pk))
        if form.is_valid():
            data = dict(form.cleaned_data)
            try:
                if pk is None:
                    partnership = services.partnership_create(by=request.user, **data)
                else:
                    partnership = services.partnership_update(partnership=form.instance, by=request.user, **data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Partnership “%(title)s” saved.") % {"title": partnership.title})
                return redirect(partnership)
        messages.error(request, _("Please correct the errors below."))
        return self.render(request, form, status=400)

    def render(self, request, form, status=200):
        return render(
            request,
            self.template_name,
            {"nav": "partnerships", "form": form, "partnership": form.instance},
            status=status,
        )


class PartnershipCreateView(_PartnershipFormView):
    permission_required = ("partnerships.add_partnership",)


class PartnershipUpdateView(_PartnershipFormView):
    permission_required = ("partnerships.change_partnership",)


class PartnershipStatusView(StaffRequiredMixin, View):
    permission_required = ("partnerships.change_partnership",)

    def post(self, request, pk: int):
        partnership = get_object_or_404(Partnership, pk=pk)
        form = PartnershipStatusForm(request.POST)
        if form.is_valid() and form.cleaned_data["status"] == partnership.status:
            messages.info(request, _("The status is unchanged."))
        elif form.is_valid():
            try:
                services.partnership_set_status(
                    partnership=partnership, status=form.cleaned_data["status"], by=request.user
                )
                messages.success(request, _("Status updated."))
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
        else:
            messages.error(request, _("Choose a valid status."))
        return redirect(partnership)


class PartnerInviteView(StaffRequiredMixin, View):
    """Invite a contact (or any e-mail) to the partner's portal."""

    permission_required = ("partnerships.add_invitation",)
    template_name = "partnerships/staff/partner_invite.html"

    def get(self, request, pk: int):
        partner = get_object_or_404(Partner, pk=pk)
        contact_id = request.GET.get("contact", "")
        initial = {"contact": contact_id} if contact_id.isdigit() else {}
        form = StaffInvitationForm(partner=partner, initial=initial)
        return render(request, self.template_name, {"nav": "partners", "partner": partner, "form": form})

    def post(self, request, pk: int):
        partner = get_object_or_404(Partner, pk=pk)
        form = StaffInvitationForm(request.POST, partner=partner)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.invitation_create(
                    partner=partner,
                    email=data["email"],
                    role=data["role"],
                    language=data["language"],
                    contact=data["contact"],
                    by=request.user,
                )
            except services.InvitationLimitError as exc:
                form.add_error(None, exc.message)
                context = {"nav": "partners", "partner": partner, "form": form}
                return render(request, self.template_name, context, status=429)
            messages.success(request, _("Invitation sent to %(email)s.") % {"email": data["email"]})
            return redirect(partner)
        return render(request, self.template_name, {"nav": "partners", "partner": partner, "form": form}, status=400)


class InvitationListView(StaffRequiredMixin, View):
    permission_required = ("partnerships.view_invitation",)

    def get(self, request):
        # Built only when the page's cached block is not ({% cache %}, core/dataversion.py).
        invitation_filter = SimpleLazyObject(
            lambda: InvitationFilter(
                request.GET,
                queryset=Invitation.objects.select_related("partner", "invited_by", "accepted_by").order_by(
                    "-created_at", "-pk"
                ),
            )
        )
        page = SimpleLazyObject(lambda: page_of(invitation_filter.qs, request.GET.get("page"), PAGE_SIZE))
        return render(
            request,
            "partnerships/staff/invitation_list.html",
            {
                "nav": "invitations",
                "page": page,
                "invitations": SimpleLazyObject(lambda: list(page.object_list)),
                "filter": invitation_filter,
                "states": InvitationState.choices,
                "state": SimpleLazyObject(
                    lambda: invitation_filter.form.cleaned_data.get("state", "") if invitation_filter.is_valid() else ""
                ),
                # The block's key: the states shown change by themselves when an invitation expires.
                "states_until": SimpleLazyObject(lambda: str(selectors.invitations_states_until())),
                "querystring": _querystring_without_page(request),
            },
        )


class InvitationRevokeView(StaffRequiredMixin, View):
    permission_required = ("partnerships.change_invitation",)

    def post(self, request, pk: int):
        invitation = get_object_or_404(Invitation.objects.select_related("partner"), pk=pk)
        if not is_confirmed(request):
            return confirmation_page(
                request,
                title=_("Revoke this invitation?"),
                message=_(
                    "The link sent to %(email)s for %(partner)s will stop working at once. "
                    "You can send a new invitation later."
                )
                % {"email": invitation.email, "partner": invitation.partner.name},
                confirm_label=_("Revoke the invitation"),
                cancel_url=reverse("staff:invitation_list"),
            )
        services.invitation_revoke(invitation=invitation, by=request.user)
        messages.success(request, _("The invitation is revoked."))
        # Only a path of this site: redirect() would take "abc" for a view name (a 500).
        next_url = request.POST.get("next", "")
        if next_url.startswith("/") and url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
            return HttpResponseRedirect(next_url)
        return redirect("staff:invitation_list")
