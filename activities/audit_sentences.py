"""How the history panels tell this app's audit entries (see core.audit)."""

from django.utils.translation import gettext_lazy as _

from core.audit import AuditSentence

from .models import ActivityStatus, ProposalStatus

SENTENCES = {
    "proposal.submitted": AuditSentence(_("%(actor)s proposed this action"), states=ProposalStatus),
    "proposal.accepted": AuditSentence(_("%(actor)s turned the proposal into a partnership"), states=ProposalStatus),
    "proposal.declined": AuditSentence(_("%(actor)s declined the proposal"), states=ProposalStatus),
    "activity.updated": AuditSentence(_("%(actor)s updated the action")),
    "activity.status": AuditSentence(
        _("%(actor)s moved the action from “%(from)s” to “%(to)s”"),
        text_without_from=_("%(actor)s set the action to “%(to)s”"),
        states=ActivityStatus,
    ),
    "activity.plan_saved": AuditSentence(_("%(actor)s saved the targets, stakeholders and costs of the action")),
    "activity.scope_saved": AuditSentence(_("%(actor)s set what is measured on %(wiki)s")),
    "activity.participants_added": AuditSentence(_("%(actor)s added participants to the measurement")),
    "activity.snapshot_requested": AuditSentence(_("%(actor)s asked for new Wikimedia figures")),
    "activity.snapshot_taken": AuditSentence(_("Wikimedia figures collected (%(requests)s requests)")),
    # Written on the partnership by activity_create.
    "partnership.activity_added": AuditSentence(_("%(actor)s added the action “%(title)s”")),
}
