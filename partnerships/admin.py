from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline
from simple_history.admin import SimpleHistoryAdmin
from taggit.models import Tag

from core.admin_services import ServiceAdminMixin, transition_actions

from . import services
from .models import (
    Contact,
    Invitation,
    Membership,
    Partner,
    PartnerMember,
    Partnership,
    PipelineStatus,
    PrincipleAcceptance,
    Priority,
    StrategicPlan,
    SubPriority,
)


class ContactInline(admin.TabularInline):
    model = Contact
    extra = 0
    fields = ("civility", "first_name", "last_name", "role", "email", "phone", "preferred_language", "is_signatory")


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0


class PrincipleAcceptanceInline(admin.TabularInline):
    model = PrincipleAcceptance
    extra = 0
    autocomplete_fields = ("accepted_by",)


class PartnerMemberInline(admin.TabularInline):
    model = PartnerMember
    extra = 0
    autocomplete_fields = ("user",)


@admin.register(Partner)
class PartnerAdmin(SimpleHistoryAdmin):
    list_display = ("name", "partner_type", "sector", "city", "region", "relationship_status", "owner")
    list_filter = ("relationship_status", "partner_type", "sector", "legal_status", "region")
    search_fields = ("name", "legal_name", "city", "wikidata_id")
    autocomplete_fields = ("owner",)
    list_select_related = ("owner",)
    inlines = (ContactInline, MembershipInline, PrincipleAcceptanceInline, PartnerMemberInline)


@admin.register(Contact)
class ContactAdmin(admin.ModelAdmin):
    list_display = ("__str__", "partner", "role", "email", "is_signatory", "preferred_language")
    list_filter = ("is_signatory", "preferred_language")
    search_fields = ("first_name", "last_name", "email", "partner__name")
    autocomplete_fields = ("partner",)
    list_select_related = ("partner",)


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("partner", "year", "amount", "paid_on")
    list_filter = ("year",)
    search_fields = ("partner__name",)
    autocomplete_fields = ("partner",)
    list_select_related = ("partner",)


@admin.register(PrincipleAcceptance)
class PrincipleAcceptanceAdmin(admin.ModelAdmin):
    list_display = ("partner", "accepted_by_name", "accepted_by", "accepted_at")
    search_fields = ("partner__name", "accepted_by_name")
    autocomplete_fields = ("partner", "accepted_by")
    list_select_related = ("partner", "accepted_by")


def _partnership_transition(partnership, to, user):
    return services.partnership_set_status(partnership=partnership, status=to, by=user)


PARTNERSHIP_FIELDS = ("title", "goal", "kind", "start_date", "end_date", "is_pilot", "lead")


@admin.register(Partnership)
class PartnershipAdmin(ServiceAdminMixin, SimpleHistoryAdmin):
    """The pipeline status moves only by the actions (``partnership_set_status``, audited);
    the other fields are saved through ``partnership_create`` / ``partnership_update``."""

    list_display = ("title", "kind", "status", "start_date", "end_date", "is_pilot", "lead")
    list_filter = ("status", "kind", "is_pilot")
    search_fields = ("title", "goal", "partners__name")
    autocomplete_fields = ("partners", "lead")
    filter_horizontal = ("sub_priorities",)
    list_select_related = ("lead",)
    date_hierarchy = "created_at"
    readonly_fields = ("status",)
    actions = transition_actions(statuses=PipelineStatus.choices, transition=_partnership_transition)

    def service_save(self, request, obj, form, change):
        data = {name: form.cleaned_data[name] for name in PARTNERSHIP_FIELDS if name in form.cleaned_data}
        partners = list(form.cleaned_data.get("partners") or [])
        sub_priorities = list(form.cleaned_data.get("sub_priorities") or [])
        if change:
            saved = services.partnership_update(
                partnership=obj, by=request.user, partners=partners, sub_priorities=sub_priorities, **data
            )
        else:
            saved = services.partnership_create(
                by=request.user, partners=partners, sub_priorities=sub_priorities, **data
            )
        obj.pk = saved.pk


class SubPriorityInline(TranslationTabularInline):
    model = SubPriority
    extra = 0


class PriorityInline(TranslationTabularInline):
    model = Priority
    extra = 0
    show_change_link = True


@admin.register(StrategicPlan)
class StrategicPlanAdmin(TabbedTranslationAdmin):
    list_display = ("name", "code", "start_year", "end_year", "is_current")
    search_fields = ("name", "code")
    inlines = (PriorityInline,)


@admin.register(Priority)
class PriorityAdmin(TabbedTranslationAdmin):
    list_display = ("__str__", "plan", "number")
    list_filter = ("plan",)
    search_fields = ("title",)
    inlines = (SubPriorityInline,)


@admin.register(SubPriority)
class SubPriorityAdmin(TabbedTranslationAdmin):
    list_display = ("__str__", "priority")
    list_filter = ("priority__plan", "priority")
    search_fields = ("title",)
    list_select_related = ("priority",)


# taggit's own TagAdmin adds a "merge tags" view that checks only is_staff, not the
# change permission: replace it with a plain admin.
admin.site.unregister(Tag)


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ("name", "slug")
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}


@admin.register(PartnerMember)
class PartnerMemberAdmin(admin.ModelAdmin):
    list_display = ("user", "partner", "role", "created_at")
    list_filter = ("role",)
    search_fields = ("user__username", "user__email", "partner__name")
    autocomplete_fields = ("user", "partner")
    list_select_related = ("user", "partner")


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    """Invitations are made and revoked through the back-office (services); read-only here."""

    list_display = ("email", "partner", "role", "created_at", "expires_at", "accepted_at", "revoked_at")
    list_filter = ("role", "language")
    search_fields = ("email", "partner__name")
    list_select_related = ("partner",)
    readonly_fields = [f.name for f in Invitation._meta.fields]

    def has_add_permission(self, request):
        return False
