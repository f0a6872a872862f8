"""How the history panels tell this app's audit entries (see core.audit)."""

from django.utils.translation import gettext_lazy as _

from core.audit import AuditSentence

from .models import ProposalStatus

SENTENCES = {
    "proposal.submitted": AuditSentence(_("%(actor)s proposed this action"), states=ProposalStatus),
    "proposal.accepted": AuditSentence(_("%(actor)s turned the proposal into a partnership"), states=ProposalStatus),
    "proposal.declined": AuditSentence(_("%(actor)s declined the proposal"), states=ProposalStatus),
    # Written on the partnership by activity_create.
    "partnership.activity_added": AuditSentence(_("%(actor)s added the action “%(title)s”")),
}
