"""How the history panels tell this app's audit entries (see core.audit)."""

from django.utils.translation import gettext_lazy as _

from core.audit import AuditSentence

from .models import PipelineStatus

SENTENCES = {
    "partner.created": AuditSentence(_("%(actor)s added the partner to the directory")),
    "partner.updated": AuditSentence(_("%(actor)s updated the partner’s details")),
    "partner.updated_in_portal": AuditSentence(_("%(actor)s updated the organisation’s details in the partner space")),
    "partner.wikidata_card": AuditSentence(_("%(actor)s completed the partner’s details from Wikidata (%(item)s)")),
    "partner.principles_accepted": AuditSentence(_("%(actor)s accepted the guiding principles (signed “%(name)s”)")),
    "partnership.created": AuditSentence(_("%(actor)s created the partnership")),
    "partnership.updated": AuditSentence(_("%(actor)s updated the partnership")),
    "partnership.status": AuditSentence(
        _("%(actor)s moved the partnership from “%(from)s” to “%(to)s”"),
        text_without_from=_("%(actor)s set the partnership to “%(to)s”"),
        states=PipelineStatus,
    ),
    "partner.calendar_created": AuditSentence(_("%(actor)s created the organisation’s calendar address")),
    "partner.calendar_renewed": AuditSentence(_("%(actor)s replaced the organisation’s calendar address")),
    "partner.calendar_revoked": AuditSentence(_("%(actor)s turned the organisation’s calendar address off")),
    "invitation.created": AuditSentence(_("%(actor)s invited %(email)s to the partner space")),
    "invitation.accepted": AuditSentence(_("%(actor)s accepted the invitation and joined the partner space")),
    "invitation.revoked": AuditSentence(_("%(actor)s revoked the invitation sent to %(email)s")),
}
