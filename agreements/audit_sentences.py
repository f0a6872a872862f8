"""How the history panels tell this app's audit entries (see core.audit)."""

from django.utils.translation import gettext_lazy as _

from core.audit import AuditSentence

from .models import AgreementStatus

SENTENCES = {
    "agreement.drafted": AuditSentence(_("%(actor)s drafted the agreement")),
    "agreement.updated": AuditSentence(_("%(actor)s edited the agreement")),
    "agreement.clause_added": AuditSentence(_("%(actor)s added an action to the agreement")),
    "agreement.clause_updated": AuditSentence(_("%(actor)s edited an action of the agreement")),
    "agreement.amended": AuditSentence(_("%(actor)s added an action through amendment no. %(amendment)s")),
    "agreement.document_requested": AuditSentence(_("%(actor)s generated version %(version)s of the document")),
    "agreement.new_version": AuditSentence(
        _("%(actor)s started draft version %(version)s; the sent version %(sent_version)s stays as it was sent")
    ),
    "agreement.status": AuditSentence(
        _("%(actor)s moved the agreement from “%(from)s” to “%(to)s”"),
        text_without_from=_("%(actor)s set the agreement to “%(to)s”"),
        states=AgreementStatus,
    ),
    "agreement.scan_uploaded": AuditSentence(_("%(actor)s uploaded the signed copy")),
    "amendment.sent": AuditSentence(_("%(actor)s sent amendment no. %(number)s for signature")),
    "amendment.signed": AuditSentence(_("%(actor)s recorded the signature of amendment no. %(number)s")),
}
