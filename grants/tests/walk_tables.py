"""The grants app's tables for the URL × role walk (``tests/walk.py``, read through
``app_walk_tables()``): parameters of its URLs, the answers that are not 200, and the
committee members of two regions as roles of their own.

Partner A's application in the cast is an SSA draft: no committee member sees a draft (404),
the officer's actions on it are refused with a message (400: a draft is not checked)."""

from __future__ import annotations

from accounts.roles import GRANTS_COMMITTEE, role_permissions

try:  # the walk engine (tests/walk.py); absent from older checkouts
    from tests.walk import PUBLIC, Role, portal, staff
except ImportError:  # pragma: no cover
    Role = None  # type: ignore[assignment,misc]

APP = "grant_application"

# The reviewed access of each view (tests/walk.py): the walk answers against it.
ACCESS = (
    {
        "staff:grants_programmes": staff("grants.view_application"),
        "staff:grants_invite": staff("grants.view_application", "grants.add_grantinvitation"),
        "staff:grants_pipeline": staff("grants.view_application"),
        "staff:grants_export": staff("grants.view_application", "grants.change_application"),
        "staff:grants_application": staff("grants.view_application"),
        "staff:grants_application_pdf": staff("grants.view_application"),
        "staff:grants_review": staff("grants.view_application", "grants.add_review"),
        "staff:grants_action": staff("grants.view_application", "grants.change_application"),
        "portal:grants_home": portal(),
        "portal:grants_start": portal(),
        "portal:grants_application": portal(),
        "portal:grants_autosave": portal(),
        "portal:grants_submit": portal(admin_only=True),
        "portal:grants_withdraw": portal(admin_only=True),
        "portal:grants_reply": portal(),
        "portal:grants_report": portal(),
        "portal:grants_attach": portal(),
        "grants:fiscal_year": PUBLIC,
    }
    if Role is not None
    else {}
)


def _app(cast):
    return {"pk": cast[APP]}


PARAMS = {
    "staff:grants_pipeline": lambda o: {"pk": o["fiscal_year"]},
    "staff:grants_export": lambda o: {"pk": o["fiscal_year"], "fmt": "xlsx"},
    "staff:grants_application": _app,
    "staff:grants_application_pdf": _app,
    "staff:grants_review": _app,
    "staff:grants_action": lambda o: {"pk": o[APP], "action": "start_check"},
    "portal:grants_start": lambda o: {"pk": o["grant_invitation"]},
    "portal:grants_application": _app,
    "portal:grants_autosave": _app,
    "portal:grants_submit": _app,
    "portal:grants_withdraw": _app,
    "portal:grants_reply": _app,
    "portal:grants_report": _app,
    "portal:grants_attach": _app,
    "grants:fiscal_year": lambda o: {"code": "wikimedia-alliances-fund", "fy": o["fiscal_year"].code},
}

COMMITTEE = ("staff[Grants committee member]", "committee_member_ssa", "committee_member_eseap")
HIDDEN_DRAFT = dict.fromkeys(COMMITTEE, 404)

# The admin opens each model's first row: for Application, partner A's draft, hidden from the
# committee there as in the back-office (the admin's queryset is grants.selectors'
# visible_applications), so they get the admin's "no such object" redirect.
ADMIN_SUCCESSES = {
    ("grants.Application", "change"): {"*": 200, **dict.fromkeys(COMMITTEE, 302)},
    ("grants.Application", "history"): {"*": 200, **dict.fromkeys(COMMITTEE, 302)},
}

SUCCESSES = {
    ("staff:grants_application", "get"): {"*": 200, **HIDDEN_DRAFT},
    ("staff:grants_application_pdf", "get"): {"*": 200, **HIDDEN_DRAFT},
    ("staff:grants_review", "post"): {"*": 400, **HIDDEN_DRAFT},  # an empty score sheet
    ("staff:grants_action", "post"): 400,  # a draft's eligibility check cannot start
    ("portal:grants_start", "post"): 302,  # to the draft it opens
    ("portal:grants_application", "post"): 400,  # form errors, nothing saved
    ("portal:grants_submit", "post"): 400,  # the seed's rules refuse an empty draft
    ("portal:grants_withdraw", "post"): 302,
    ("portal:grants_reply", "post"): 400,  # no feedback awaits a reply
    ("portal:grants_report", "post"): 400,  # no report before the grant
    ("portal:grants_attach", "post"): 400,  # no file
}


def _cast_user(name: str):
    return lambda cast: cast["users"][name]


# The programme officer is walked as "staff[Programme officer]" (a registered role); the
# committee members below sit on a region's committee (CommitteeMember rows of the cast).
ROLES = (
    [
        Role(
            f"committee_member_{code}",
            _cast_user(f"committee_member_{code}"),
            staff=True,
            permissions=frozenset(role_permissions()[GRANTS_COMMITTEE]),
            sees_a=True,  # they read the partner directory (partnerships.view_partner), as every staff role
        )
        for code in ("ssa", "eseap")
    ]
    if Role is not None
    else []
)


def extend_cast(cast: dict) -> None:
    """One row of each grants model the admin lists and the cast lacks, on a draft of partner C
    (partner A's own application keeps the state its pages are walked in). The admin only reads
    them, so they are written as rows, not walked through the services' states."""
    import datetime
    from decimal import Decimal

    from grants import services
    from grants.models import (
        Attachment,
        ConflictOfInterest,
        Conversation,
        Criterion,
        EligibilityResult,
        Feedback,
        FinalReport,
        Payment,
        Review,
        RoundRegion,
        Translation,
    )

    rr = RoundRegion.objects.get(round__fiscal_year__code="2023-24", region__code="eseap")
    officer, member = cast["users"]["programme_officer"], cast["users"]["committee_member_eseap"]
    invitation = services.invitation_create(round_region=rr, partner=cast["partner_c"], by=officer)
    application = services.application_start(invitation=invitation, by=officer)
    Review.objects.create(application=application, reviewer=member)
    EligibilityResult.objects.create(application=application, criterion=Criterion.objects.first(), outcome="pass")
    Translation.objects.create(application=application, language="en", text="Translated proposal.")
    ConflictOfInterest.objects.create(application=application, member=member)
    Feedback.objects.create(application=application, text="Précisez le calendrier.")
    Conversation.objects.create(application=application, kind="midpoint", held_on=datetime.date(2024, 9, 1))
    FinalReport.objects.create(application=application, text="Ce que nous avons appris.")
    Attachment.objects.create(
        application=application, file="grants/walk.pdf", name="walk.pdf", content_type="application/pdf", size=10
    )
    Payment.objects.create(application=application, amount=Decimal("1000.00"), planned_on=datetime.date(2024, 7, 1))
