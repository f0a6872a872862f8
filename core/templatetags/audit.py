from django import template

from core.audit import audit_sentence as _audit_sentence
from core.models import AuditEntry

register = template.Library()


@register.filter
def audit_sentence(entry: AuditEntry) -> str:
    """``{{ entry|audit_sentence }}``: "Claire Dubois accepted the guiding principles"."""
    return _audit_sentence(entry)
