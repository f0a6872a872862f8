"""How the history panels tell this app's audit entries (see core.audit)."""

from django.utils.translation import gettext_lazy as _

from core.audit import AuditSentence

from .lifecycle import EvaluationState

SENTENCES = {
    "evaluation.opened": AuditSentence(_("%(actor)s opened the joint evaluation"), states=EvaluationState),
    "evaluation.side_submitted": AuditSentence(_("%(actor)s submitted the answers of “%(side)s”")),
    "evaluation.state": AuditSentence(
        _("%(actor)s moved the evaluation from “%(from)s” to “%(to)s”"), states=EvaluationState
    ),
    "evaluation.lesson_added": AuditSentence(_("%(actor)s added a “%(kind)s”")),
    "evaluation.draft_saved": AuditSentence(_("%(actor)s saved a draft of the answers of “%(side)s”")),
    "evaluation.follow_up_proposed": AuditSentence(_("%(actor)s proposed the follow-up action “%(title)s”")),
    "evaluation.follow_up_planned": AuditSentence(_("%(actor)s planned the follow-up action “%(title)s”")),
    "partnership.press_mention_added": AuditSentence(_("%(actor)s recorded the press mention “%(title)s”")),
    "partnership.press_mention_changed": AuditSentence(_("%(actor)s changed the press mention “%(title)s”")),
    "partnership.press_mention_removed": AuditSentence(_("%(actor)s removed the press mention “%(title)s”")),
    # Satisfaction questionnaires
    "questionnaire.created": AuditSentence(
        _("%(actor)s created the questionnaire “%(template)s” (open from %(opens_on)s to %(closes_on)s)")
    ),
    "questionnaire.dates": AuditSentence(
        _("%(actor)s changed the questionnaire’s dates to %(new_opens_on)s – %(new_closes_on)s")
    ),
    "questionnaire.closed": AuditSentence(_("%(actor)s closed the questionnaire’s link")),
    "questionnaire.reopened": AuditSentence(_("%(actor)s reopened the questionnaire’s link")),
}
