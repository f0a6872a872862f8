"""How the history panels tell this app's audit entries (see core.audit)."""

from django.utils.translation import gettext_lazy as _

from core.audit import AuditSentence

from .models import ApplicationStatus

_MOVE = {"states": ApplicationStatus}

SENTENCES = {
    "grant_invitation.created": AuditSentence(_("%(actor)s invited the organisation to apply")),
    "grant_invitation.revoked": AuditSentence(_("%(actor)s revoked the invitation to apply")),
    "application.started": AuditSentence(_("%(actor)s started the application")),
    "application.submitted": AuditSentence(_("%(actor)s submitted version %(version)s of the application"), **_MOVE),
    "application.withdrawn": AuditSentence(_("%(actor)s withdrew the application"), **_MOVE),
    "attachment.added": AuditSentence(_("%(actor)s attached “%(name)s”")),
    "eligibility.started": AuditSentence(_("%(actor)s started the eligibility check"), **_MOVE),
    "eligibility.passed": AuditSentence(_("%(actor)s found the application eligible"), **_MOVE),
    "eligibility.failed": AuditSentence(_("%(actor)s found the application incomplete"), **_MOVE),
    "translation.attached": AuditSentence(_("%(actor)s attached a translation (%(language)s)")),
    "conflict.declared": AuditSentence(_("%(actor)s declared a conflict of interest")),
    "review.saved": AuditSentence(_("%(actor)s saved a review")),
    "feedback.sent": AuditSentence(_("%(actor)s sent the committee’s feedback"), **_MOVE),
    "feedback.replied": AuditSentence(_("%(actor)s answered the feedback with version %(version)s"), **_MOVE),
    "application.approved": AuditSentence(_("%(actor)s recorded the approval of %(amount)s"), **_MOVE),
    "application.not_funded": AuditSentence(_("%(actor)s recorded that the application is not funded"), **_MOVE),
    "agreement.signed": AuditSentence(_("%(actor)s recorded the grant agreement signed on %(signed_on)s")),
    "payment.planned": AuditSentence(_("%(actor)s planned a payment of %(amount)s")),
    "payment.sent": AuditSentence(_("%(actor)s recorded a payment of %(amount)s as sent")),
    "final_report.submitted": AuditSentence(_("%(actor)s submitted the final learning report")),
    "final_report.published": AuditSentence(_("%(actor)s published the final learning report")),
    "renewal.recommended": AuditSentence(_("%(actor)s recorded the committee’s recommendation to renew")),
    "renewal.not_recommended": AuditSentence(_("%(actor)s recorded that the committee does not recommend renewal")),
}
