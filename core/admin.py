from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from .audit import audit_sentence
from .models import AuditEntry, WorkerHeartbeat


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin[AuditEntry]):
    """Read-only: the audit trail is written by services only."""

    list_display = ("at", "sentence", "content_type", "object_id", "action")
    list_filter = ("action", "content_type")
    search_fields = ("object_id", "action", "actor__username")
    list_select_related = ("content_type", "actor")
    date_hierarchy = "at"

    @admin.display(description=_("What happened"))
    def sentence(self, entry: AuditEntry) -> str:
        return audit_sentence(entry)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


@admin.register(WorkerHeartbeat)
class WorkerHeartbeatAdmin(admin.ModelAdmin[WorkerHeartbeat]):
    list_display = ("name", "last_seen", "beats")
