"""The life of a grant application: the allowed transitions and the predicates read by
services, views, templates and the admin (one home for the lifecycle)."""

from .models import Application, ApplicationStatus

S = ApplicationStatus

TRANSITIONS: dict[str, set[str]] = {
    S.DRAFT: {S.SUBMITTED, S.WITHDRAWN},
    S.SUBMITTED: {S.ELIGIBILITY_CHECK, S.WITHDRAWN},
    S.ELIGIBILITY_CHECK: {S.UNDER_REVIEW, S.INCOMPLETE, S.WITHDRAWN},
    S.UNDER_REVIEW: {S.AWAITING_REPLY, S.APPROVED, S.NOT_FUNDED, S.WITHDRAWN},
    S.AWAITING_REPLY: {S.UNDER_REVIEW, S.WITHDRAWN},
    S.APPROVED: set(),
    S.NOT_FUNDED: set(),
    S.INCOMPLETE: set(),
    S.WITHDRAWN: set(),
}

# The applicant edits the proposal while drafting and while answering the committee's feedback.
EDITABLE = {S.DRAFT, S.AWAITING_REPLY}
# Shown to committees (a draft is the organisation's own business).
REVIEWABLE = {S.UNDER_REVIEW, S.AWAITING_REPLY}
DECIDED = {S.APPROVED, S.NOT_FUNDED}
CLOSED = {S.APPROVED, S.NOT_FUNDED, S.INCOMPLETE, S.WITHDRAWN}

# The seed's "Review applications" groups, in its order (drafts and applications not yet
# through the eligibility check are not public).
PUBLIC_GROUPS: list[tuple[str, tuple[str, ...]]] = [
    ("under_review", (S.UNDER_REVIEW,)),
    ("awaiting_reply", (S.AWAITING_REPLY,)),
    ("approved", (S.APPROVED,)),
    ("closed", (S.NOT_FUNDED, S.INCOMPLETE, S.WITHDRAWN)),
]


class TransitionError(Exception):
    """A status change the lifecycle does not allow."""


def can_transition(current: str, to: str) -> bool:
    return to in TRANSITIONS.get(current, set())


def check_transition(application: Application, to: str) -> None:
    if not can_transition(application.status, to):
        raise TransitionError(
            f"{application.get_status_display()} → {ApplicationStatus(to).label}: transition not allowed"
        )


def is_editable(application: Application) -> bool:
    return application.status in EDITABLE


def can_withdraw(application: Application) -> bool:
    return can_transition(application.status, S.WITHDRAWN)


def has_open_grant_status(application: Application) -> bool:
    """An approved grant stays open until its final learning report is in."""
    return application.status == S.APPROVED and not hasattr(application, "final_report")


def can_submit_report(application: Application) -> bool:
    return application.status == S.APPROVED and application.agreement_signed_on is not None
