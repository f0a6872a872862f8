"""Every list and detail page runs an exact number of queries, the same whatever the data size.

Each page is measured over ``build_world(2)`` then over ``build_world(50)`` (tests/query_world.py):
what the page lists (partners, contacts, partnerships, actions, clauses, versions, scans,
invitations, proposals, indicators...) grows from 2 to 50 rows. The count must be the same at
both sizes and equal to the queries written below, one entry per query (``Q(table, why)``,
checked against the SQL: see tests/query_counts.py). A different count at 50 rows is an N+1:
fix the view or selector (select_related, prefetch_related, an annotation), never the number.

``test_every_page_has_a_query_count`` fails when a named page of the URLconf (staff, portal,
catalogue, grants, evaluations) is measured by no query-count module and is not in ``EXEMPT``, so a new
page is covered by construction.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.apps import apps
from django.urls import reverse

from tests.query_counts import BADGE, PORTAL, STAFF, Q, capture, check
from tests.query_world import CALENDAR_DAY, CALENDAR_MONTH, World, build_world
from tests.walk import all_routes, class_methods

SIZES = (2, 50)


@dataclass(frozen=True)
class Page:
    url: Callable[[World], str]
    queries: tuple[Q, ...]
    user: str = "staff"  # an attribute of World ("staff", "portal_admin"), or "anonymous"
    # Text the page shows at the large size only if it lists what grew (so a page that lists
    # nothing cannot pass for constant).
    shows: Callable[[World], str] | None = None


# The deadlines of one partner, as the portal reads them (core.deadlines.overdue_and_upcoming):
# one query per portal kind, the kinds with overdue reminders over the past year to the end of
# the period, split at today. The world has no grant round or programme, so the grants kinds
# stop after their first query.
PORTAL_DEADLINES = (
    Q("agreements_agreement", "agreements ending or up for renewal"),
    Q("agreements_agreement", "overdue and upcoming: agreements waiting for its signature"),
    Q("partnerships_membership", "overdue and upcoming: memberships ending on 31 December (if in range)"),
    Q("activities_activity", "its actions starting, their partners joined"),
    Q("grants_timelinestep", "submission deadlines (none)"),
    Q("activities_activity", "its actions ending, their partners joined"),
    Q("grants_timelinestep", "overdue and upcoming: feedback steps (none)"),
    Q("grants_timelinestep", "midpoint conversations (none)"),
    Q("grants_programme", "overdue and upcoming: the programmes' final-report delays (none)"),
    Q("evaluations_evaluation", "overdue and upcoming: evaluations waiting for its answers"),
    Q("evaluations_questionnaire", "its satisfaction questionnaires closing"),
)

# Every kind's deadlines, as the staff deadlines page reads them
# (core.deadlines.overdue_and_upcoming_lists): each list counts its kinds first, a paged kind
# by one COUNT capped at LISTED_UP_TO + 1, a kind small by nature by reading it whole (the
# pending ones once for both lists, over the past year to the end of the period: the period's
# list then reads them no more); then each list reads its page: a paged kind that counted some
# reads its first rows (one query), one that counted none reads nothing (here every paged kind
# but the agreements waiting for a signature and the memberships; nothing is overdue). The
# staff-only kinds (the committee's decisions, the payments) are in the portal's order's place.
STAFF_DEADLINES = (
    Q("agreements_agreement", "overdue: COUNT of agreements waiting for the partner's signature, capped"),
    Q("partnerships_membership", "overdue: COUNT of memberships of last year not renewed, capped"),
    Q("grants_timelinestep", "overdue and the period: the feedback steps (none)"),
    Q("activities_metricssnapshot", "overdue and the period: impact figures failing three times in a row"),
    Q("grants_timelinestep", "overdue and the period: the decision steps (none)"),
    Q("grants_payment", "overdue and the period: payments planned and not sent (none)"),
    Q("grants_programme", "overdue and the period: the programmes' final-report delays (none)"),
    Q("activities_activity", "overdue: COUNT of actions ended whose evaluation is not opened, capped"),
    Q("evaluations_evaluation", "overdue and the period: evaluations waiting for Wikimédia France's side"),
    Q("evaluations_evaluation", "overdue and the period: evaluations waiting for the partner's side"),
    Q("agreements_agreement", "in the period: COUNT of agreements ending or up for renewal, capped"),
    Q("agreements_agreement", "in the period: COUNT of agreements waiting for the partner's signature, capped"),
    Q("partnerships_membership", "in the period: COUNT of memberships ending on 31 December, capped"),
    Q("activities_activity", "in the period: COUNT of actions starting, capped"),
    Q("grants_timelinestep", "in the period: submission deadlines (none)"),
    Q("activities_activity", "in the period: COUNT of actions ending, capped"),
    Q("grants_timelinestep", "in the period: midpoint conversations (none)"),
    Q("activities_activity", "in the period: COUNT of actions ending, their evaluation due, capped"),
    Q("evaluations_questionnaire", "in the period: COUNT of satisfaction questionnaires closing, capped"),
    Q("agreements_agreement", "the page: the first agreements waiting for a signature (LIMIT)"),
    Q("partnerships_membership", "the page: the first memberships ending (LIMIT)"),
)

PAGES: dict[str, Page] = {
    # --- Back-office ---------------------------------------------------------------------
    "staff:dashboard": Page(
        lambda w: reverse("staff:dashboard"),
        (
            *STAFF,
            # The figures' summary (core/summaries.py), read by the view: computed here at 2 rows
            # (nothing stored yet), refreshed here at 50 (stale after the writes; tasks are eager
            # in tests). With a worker the page runs none of the four: DASHBOARD_COLD in
            # tests/test_summaries.py.
            Q("partnerships_partner", "summary: partners without a recent action, their last action, the total"),
            Q("partnerships_partner", "summary: partners counted by status, type and region (one aggregate)"),
            Q("partnerships_partnership_partners", "summary: partners counted per priority of the current plan"),
            Q("partnerships_priority", "summary: the current plan's priorities"),
            BADGE,  # the "to do" reads it again from the cache
            # The "to do" panel, outside the cached block (core/todo.py reads each count once per
            # data version).
            Q("agreements_agreement", "to do: COUNT of agreements in review"),
            Q("agreements_agreement", "to do: COUNT of agreements sent for signature"),
            Q("partnerships_invitation", "to do: COUNT of pending invitations expiring, and when that changes"),
            # The rest in the page's cached block (core/dataversion.py).
            Q("partnerships_partnership", "the newest partnerships"),
            Q("partnerships_partner", "their partners (prefetch)"),
        ),
        shows=lambda w: f"P{w.size}-{w.size - 1}",
    ),
    "staff:deadlines": Page(
        lambda w: reverse("staff:deadlines"),
        (
            *STAFF,
            BADGE,
            # The rest in the page's cached block (core/dataversion.py), in the template's order
            # (the partner filter is a text box: no query unless it names one).
            Q("accounts_user", "the staff lead filter's choices"),
            Q("grants_fundingregion", "the region filter's choices: the funding regions"),
            *STAFF_DEADLINES,
        ),
        shows=lambda w: f"P{w.size}-{w.size - 1}",
    ),
    "staff:partner_list": Page(
        lambda w: reverse("staff:partner_list"),
        (
            *STAFF,
            BADGE,
            # The rest in the page's cached block (core/dataversion.py), in the template's order.
            Q("partnerships_partner", "COUNT of the partners, capped (core.pagination)"),
            Q("partnerships_priority", "the priority filter's choices"),
            Q("taggit_tag", "the tag filter's choices"),
            Q("accounts_user", "the owner filter's choices (staff)"),
            Q("partnerships_partner", "the page of partners, their owner joined"),
            Q("partnerships_membership", "this year's memberships of the page's partners"),
        ),
        shows=lambda w: f"Partenaire {w.size}-0000",
    ),
    "staff:partner_list (filtered)": Page(
        lambda w: (
            reverse("staff:partner_list") + "?relationship_status=active"
            "&partner_type=cultural_institutions&membership=current&q=Part&ordering=name"
        ),
        (
            *STAFF,
            BADGE,
            # The rest in the page's cached block (core/dataversion.py), in the template's order.
            Q("partnerships_partner", "COUNT of the filtered partners, capped (core.pagination)"),
            Q("partnerships_priority", "the priority filter's choices"),
            Q("taggit_tag", "the tag filter's choices"),
            Q("accounts_user", "the owner filter's choices (staff)"),
            Q("partnerships_partner", "the page of filtered partners, their owner joined"),
            Q("partnerships_membership", "this year's memberships of the page's partners"),
        ),
        shows=lambda w: f"Partenaire {w.size}-0000",
    ),
    "staff:partner_detail": Page(
        lambda w: reverse("staff:partner_detail", args=[w.partner.pk]),
        (
            *STAFF,
            Q("partnerships_partner", "the partner"),
            Q("taggit_tag", "its tags (prefetch)"),
            Q("partnerships_contact", "its contacts (prefetch)"),
            Q("partnerships_membership", "its memberships (prefetch)"),
            Q("partnerships_principleacceptance", "its acceptances of the principles (prefetch)"),
            Q("partnerships_partnership", "its partnerships, with their counts annotated (prefetch)"),
            Q("partnerships_partnermember", "its portal users, with the user joined"),
            Q("partnerships_invitation", "its latest invitations"),
            BADGE,
            Q("core_auditentry", "its audit entries"),
            Q("partnerships_historicalpartner", "its change history"),
        ),
        shows=lambda w: f"a{w.size}-{w.size - 1}@example.org",
    ),
    "staff:invitation_list": Page(
        lambda w: reverse("staff:invitation_list"),
        (
            *STAFF,
            BADGE,
            # The block's key: when the states shown next change with no write (the soonest expiry
            # of a pending invitation), read once per data version (partnerships/selectors.py).
            Q("partnerships_invitation", "the soonest expiry of a pending invitation"),
            # The rest in the page's cached block (core/dataversion.py), in the template's order.
            Q("partnerships_invitation", "COUNT of the invitations (paginator)"),
            Q("partnerships_invitation", "the page of invitations, with partner and inviter joined"),
        ),
        shows=lambda w: f"i{w.size}-{w.size - 1}@example.org",
    ),
    "staff:partnership_list": Page(
        lambda w: reverse("staff:partnership_list"),
        (
            *STAFF,
            BADGE,
            # The rest in the page's cached block (core/dataversion.py), in the template's order.
            Q("partnerships_partnership", "COUNT of the partnerships, capped (core.pagination)"),
            Q("partnerships_priority", "the priority filter's choices"),
            Q("partnerships_partnership", "the page of partnerships, lead joined, actions counted per row (subquery)"),
            Q("partnerships_partner", "their partners (prefetch)"),
        ),
        shows=lambda w: f"P{w.size}-{w.size - 1}",
    ),
    "staff:partnership_detail": Page(
        lambda w: reverse("staff:partnership_detail", args=[w.partnership.pk]),
        (
            *STAFF,
            Q("partnerships_partnership", "the partnership"),
            Q("partnerships_partner", "its partners (prefetch)"),
            Q("partnerships_subpriority", "its sub-priorities, with plan joined (prefetch)"),
            Q("partnerships_priority", "their priorities (prefetch)"),
            Q("activities_activity", "its actions (prefetch)"),
            Q("activities_activitytype", "their types (prefetch)"),
            BADGE,
            Q("agreements_agreement", "its agreements"),
            Q("partnerships_partner", "the partner the 'draft an agreement' button names"),
            Q("core_auditentry", "its audit entries"),
        ),
        shows=lambda w: f"Action {w.size}-{w.size - 1}",
    ),
    "staff:proposal_list": Page(
        lambda w: reverse("staff:proposal_list"),
        (
            *STAFF,
            BADGE,
            # The rest in the page's cached block (core/dataversion.py), in the template's order.
            Q("activities_actionproposal", "COUNT of the open proposals (paginator)"),
            Q("activities_actionproposal", "the page of open proposals, with partner, type and submitter joined"),
        ),
        shows=lambda w: f"Idée {w.size - 1}",
    ),
    "staff:proposal_detail": Page(
        lambda w: reverse("staff:proposal_detail", args=[w.proposal.pk]),
        (
            *STAFF,
            Q("activities_actionproposal", "the proposal, with partner, type, submitter, reviewer joined"),
            BADGE,
        ),
    ),
    "staff:activity_list": Page(
        lambda w: reverse("staff:activity_list"),
        (
            *STAFF,
            BADGE,
            # The rest in the page's cached block (core/dataversion.py), in the template's order.
            Q("activities_activity", "COUNT of the actions (paginator)"),
            Q("activities_activitytype", "the type filter's choices"),
            Q("partnerships_priority", "the priority filter's choices"),
            Q("activities_activity", "the page of actions, with type and partnership joined"),
            Q("partnerships_partner", "their partners (prefetch)"),
        ),
        shows=lambda w: f"Action {w.size}-{w.size - 1}",
    ),
    "staff:activity_calendar": Page(
        lambda w: reverse("staff:activity_calendar") + f"?month={CALENDAR_MONTH}",
        (
            *STAFF,
            BADGE,
            # The rest in the page's cached block (core/dataversion.py).
            Q("activities_activity", "the day counts: the month's spans clipped to the grid, grouped"),
            Q("activities_activity", "the actions shown: four at most by last day in the grid, four running on"),
        ),
        shows=lambda w: f"Action {w.size}-{w.size - 1}",
    ),
    "staff:activity_week": Page(
        lambda w: reverse("staff:activity_week") + f"?day={CALENDAR_DAY}",
        (
            *STAFF,
            Q("activities_activity", "the week's actions"),
            Q("partnerships_partner", "their partners (prefetch)"),
            BADGE,
        ),
        shows=lambda w: f"Action {w.size}-6",
    ),
    "staff:activity_detail": Page(
        lambda w: reverse("staff:activity_detail", args=[w.activity.pk]),
        (
            *STAFF,
            Q("activities_activity", "the action, with type, partnership and scope joined"),
            Q("partnerships_partner", "its partners (prefetch)"),
            Q("activities_indicator", "its indicators (prefetch)"),
            Q("activities_stakeholder", "its stakeholders (prefetch)"),
            Q("activities_cost", "its costs (prefetch)"),
            Q("activities_partnercontribution", "its partners' contributions (prefetch)"),
            Q("activities_metricssnapshot", "its latest snapshots (windowed prefetch)"),
            Q("agreements_clause", "the clauses that carry it, with their agreement"),
            BADGE,
        ),
        shows=lambda w: f"S{w.size - 1}",
    ),
    "staff:snapshot_progress": Page(
        lambda w: reverse("staff:snapshot_progress", args=[w.activity.pk, w.snapshot.pk]),
        (*STAFF, Q("activities_metricssnapshot", "the snapshot, with its action joined")),
    ),
    "staff:agreement_list": Page(
        lambda w: reverse("staff:agreement_list"),
        (
            *STAFF,
            BADGE,
            # The rest in the page's cached block (core/dataversion.py), in the template's order.
            Q("agreements_agreement", "COUNT of the agreements (paginator)"),
            Q("agreements_agreement", "the page of agreements, with partner and partnership joined"),
        ),
        shows=lambda w: f"Ancre {w.size}",
    ),
    "staff:agreement_create": Page(
        lambda w: reverse("staff:agreement_create") + f"?partnership={w.partnership.pk}",
        (
            *STAFF,
            Q("partnerships_partnership", "the partnership named in the address (the form's initial value)"),
            Q("activities_activitytype", "the catalogue's actions to pick from"),
            BADGE,
            Q("partnerships_partnership", "the partnership choices"),
            Q("partnerships_partner", "its partners, to pick the signing one"),
        ),
    ),
    "staff:agreement_detail": Page(
        lambda w: reverse("staff:agreement_detail", args=[w.agreement.pk]),
        (
            *STAFF,
            Q("agreements_agreement", "the agreement, with partner, partnership and signatory joined"),
            Q("agreements_clause", "its clauses (prefetch)"),
            Q("agreements_agreementdocument", "its versions (prefetch)"),
            Q("agreements_amendment", "its amendments (prefetch)"),
            Q("agreements_signedscan", "its signed scans (prefetch)"),
            Q("partnerships_contact", "its partner signatories (prefetch)"),
            BADGE,
            Q("core_auditentry", "its audit entries"),
        ),
        shows=lambda w: f"scan-{w.size - 1}.pdf",
    ),
    "staff:agreement_documents": Page(
        lambda w: reverse("staff:agreement_documents", args=[w.agreement.pk]),
        (
            *STAFF,
            Q("agreements_agreement", "the agreement"),
            Q("agreements_agreementdocument", "its versions"),
        ),
    ),
    "staff:evaluation_list": Page(
        lambda w: reverse("staff:evaluation_list"),
        (
            *STAFF,
            BADGE,
            # The rest in the page's cached block (core/dataversion.py), in the template's order.
            Q("evaluations_evaluation", "COUNT of the evaluations (paginator)"),
            Q("activities_activitytype", "the type filter's choices"),
            Q("evaluations_evaluation", "the page of evaluations, with partnership, action and type joined"),
            Q("partnerships_partner", "their partnerships' partners (prefetch)"),
        ),
        shows=lambda w: f"Action {w.size}-{w.size - 1}",
    ),
    # --- Portal (a partner admin of the anchor partner) --------------------------------------
    "portal:home": Page(
        lambda w: reverse("portal:home"),
        (
            *PORTAL,
            # The rest in the page's cached block (core/dataversion.py), in the template's order.
            Q("partnerships_invitation", "its pending invitations (the block's key: once per data version)"),
            Q("partnerships_contact", "the partner's contacts"),
            Q("partnerships_principleacceptance", "its latest acceptance of the principles"),
            Q("partnerships_partnermember", "its colleagues, with the user joined"),
            Q("partnerships_partnership", "the partner's partnerships"),
            Q("partnerships_partnership_partners", "their co-partners (one query for all)"),
            # Its deadlines (core.deadlines), overdue and the next 90 days.
            *PORTAL_DEADLINES,
            Q("activities_actionproposal", "its latest proposals"),
        ),
        user="portal_admin",
        shows=lambda w: f"i{w.size}-{w.size - 1}@example.org",
    ),
    "portal:deadlines": Page(
        lambda w: reverse("portal:deadlines"),
        (
            *PORTAL,
            Q("partnerships_partnercalendarfeed", "its calendar address (shown to its admins)"),
            *PORTAL_DEADLINES,
        ),
        user="portal_admin",
        shows=lambda w: f"P{w.size}-{w.size - 1}",
    ),
    "portal:notifications": Page(
        lambda w: reverse("portal:notifications"),
        (*PORTAL, Q("core_notification", "the user's newest notifications")),
        user="portal_admin",
        shows=lambda w: f"Note {w.size}-{w.size - 1}",
    ),
    "portal:principles": Page(
        lambda w: reverse("portal:principles"),
        (*PORTAL, Q("partnerships_principleacceptance", "the partner's acceptances")),
        user="portal_admin",
    ),
    "portal:partnership_detail": Page(
        lambda w: reverse("portal:partnership_detail", args=[w.partnership.pk]),
        (
            *PORTAL,
            Q("partnerships_partnership", "the partnership, among the partner's own"),
            Q("activities_activity", "its actions (prefetch)"),
            Q("activities_activitytype", "their types (prefetch)"),
            Q("partnerships_subpriority", "its sub-priorities (prefetch)"),
            Q("partnerships_priority", "their priorities (prefetch)"),
            Q("partnerships_partnership_partners", "its co-partners (one query)"),
        ),
        user="portal_admin",
        shows=lambda w: f"Action {w.size}-{w.size - 1}",
    ),
    "portal:proposal_detail": Page(
        lambda w: reverse("portal:proposal_detail", args=[w.proposal.pk]),
        (*PORTAL, Q("activities_actionproposal", "the proposal, among the partner's own, with its type")),
        user="portal_admin",
    ),
    "portal:activity_list": Page(
        lambda w: reverse("portal:activity_list"),
        (*PORTAL, Q("activities_activity", "the partner's actions, with type and partnership joined")),
        user="portal_admin",
        shows=lambda w: f"Action {w.size}-{w.size - 1}",
    ),
    "portal:activity_detail": Page(
        lambda w: reverse("portal:activity_detail", args=[w.activity.pk]),
        (
            *PORTAL,
            Q("activities_activity", "the action, among the partner's own"),
            Q("partnerships_partner", "its partners (prefetch)"),
            Q("activities_indicator", "its indicators (prefetch)"),
            Q("activities_stakeholder", "its stakeholders (prefetch)"),
            Q("activities_cost", "its costs (prefetch)"),
            Q("activities_partnercontribution", "its partners' contributions (prefetch)"),
            Q("activities_metricssnapshot", "its latest snapshots (windowed prefetch)"),
        ),
        user="portal_admin",  # lists indicators and figures, no name that grows
    ),
    "portal:agreement_list": Page(
        lambda w: reverse("portal:agreement_list"),
        (*PORTAL, Q("agreements_agreement", "the partner's agreements, with partnership joined")),
        user="portal_admin",
        shows=lambda w: w.agreement.reference,
    ),
    "portal:agreement_detail": Page(
        lambda w: reverse("portal:agreement_detail", args=[w.agreement.pk]),
        (
            *PORTAL,
            Q("agreements_agreement", "the agreement, among the partner's own"),
            Q("agreements_clause", "its clauses, amendments' ones once sent (prefetch)"),
            Q("agreements_agreementdocument", "its ready versions (prefetch)"),
            Q("agreements_amendment", "its sent amendments (prefetch)"),
            Q("agreements_signedscan", "its signed scans (prefetch)"),
            Q("partnerships_contact", "its partner signatories (prefetch)"),
        ),
        user="portal_admin",
        shows=lambda w: f"scan-{w.size - 1}.pdf",
    ),
    "portal:evaluation_list": Page(
        lambda w: reverse("portal:evaluation_list"),
        (
            *PORTAL,
            Q("evaluations_evaluation", "the partner's evaluations, with partnership, action and type joined"),
            Q("partnerships_partner", "their partnerships' partners (prefetch)"),
        ),
        user="portal_admin",
        shows=lambda w: f"Action {w.size}-{w.size - 1}",
    ),
    # --- Public ---------------------------------------------------------------------------
    "catalogue:list": Page(
        lambda w: reverse("catalogue:list"),
        (
            # In the page's cached block (core/dataversion.py).
            Q("activities_activitytype", "the catalogue's actions"),
        ),
        user="anonymous",
    ),
    "catalogue:detail": Page(
        lambda w: reverse("catalogue:detail", args=[w.activity_type.code]),
        (Q("activities_activitytype", "the action"),),
        user="anonymous",
    ),
}

COVERED_URL_NAMES = {name.split(" ")[0] for name in PAGES}

# Named GET pages that list or show no rows, so no query count (POST-only views need no entry:
# they are skipped by construction, see routes_needing_a_count()).
EXEMPT = {
    # Forms: they show one object or none, and their choices come from small fixed tables.
    "staff:partner_create": "form",
    "staff:partner_update": "form",
    "staff:partner_invite": "form",
    "staff:partnership_create": "form",
    "staff:partnership_update": "form",
    "staff:activity_create": "form",
    "staff:activity_update": "form",
    "staff:activity_plan": "form",
    "staff:activity_scope": "form",
    "staff:agreement_update": "form (redirects once the agreement is sent)",
    "staff:clause_update": "form",
    "staff:grants_invite": "form",
    "portal:organisation_edit": "form",
    "portal:preferences": "form (the user's own reminder settings and calendar address)",
    "portal:invite_colleague": "form",
    "portal:proposal_create": "form",
    "staff:questionnaire_create": "form",
    "staff:questionnaire_for_activity": "redirect (to the action's questionnaire or the form)",
    # Downloads: one file, no page.
    "staff:partner_export": "download (CSV/XLSX; tests/test_list_filters.py)",
    "staff:activity_export": "download (CSV/XLSX)",
    "staff:document_download": "download (PDF)",
    "staff:scan_download": "download (PDF)",
    "staff:grants_export": "download (CSV/XLSX)",
    "staff:grants_application_pdf": "download (PDF)",
    "portal:document_download": "download (PDF)",
    "staff:questionnaire_export": "download (CSV; evaluations/tests/test_questionnaire_pages.py)",
    # Network: the Wikidata card asks Wikidata (recorded in core/recordings), not the database.
    "staff:partner_wikidata": "Wikidata card (network; partnerships/tests/test_wikidata_card.py)",
}

NAMESPACES = ("staff", "portal", "catalogue", "grants", "evaluations")


def _client_for(client, world: World, user: str):
    client.logout()
    if user != "anonymous":
        client.force_login(getattr(world, user))
    return client


@pytest.mark.parametrize("name", PAGES)
def test_query_count(name, client, catalogue):
    page = PAGES[name]
    runs = []
    for size in SIZES:
        world = build_world(size)  # scopes disabled while it builds; the request below runs without
        runs.append(capture(_client_for(client, world, page.user), page.url(world)))
    (small, _), (large, text) = runs
    check(name, SIZES, small, large, page.queries)
    if page.shows is not None:
        assert page.shows(world) in text, f"{name} does not show {page.shows(world)!r}: it does not list what grew"


def routes_needing_a_count() -> set[str]:
    """Named GET pages of the staff, portal, catalogue, grants and evaluations (public) namespaces."""
    names = set()
    for route in all_routes():
        if route.name is None or route.namespace not in NAMESPACES:
            continue
        methods = class_methods(route)
        if methods is not None and "get" not in methods:
            continue  # POST-only: no page to count
        names.add(route.name)
    return names


def covered_url_names() -> set[str]:
    """The pages measured by this module and by every app's ``tests/test_query_counts.py``."""
    covered = set(COVERED_URL_NAMES)
    for config in apps.get_app_configs():
        try:
            module = importlib.import_module(f"{config.name}.tests.test_query_counts")
        except ModuleNotFoundError as exc:
            if exc.name not in (f"{config.name}.tests", f"{config.name}.tests.test_query_counts"):
                raise
            continue
        covered |= set(module.COVERED_URL_NAMES)
    return covered


def test_every_page_has_a_query_count():
    needed = routes_needing_a_count()
    covered = covered_url_names()
    missing = sorted(needed - covered - set(EXEMPT))
    assert not missing, (
        f"pages without a query count: {missing}. Add them to PAGES (tests/test_query_counts.py) or to the "
        "app's tests/test_query_counts.py (COVERED_URL_NAMES), or to EXEMPT with the reason"
    )
    stale = sorted((covered | set(EXEMPT)) - needed)
    assert not stale, f"query-count entries for pages the URLconf no longer has (or POST-only): {stale}"
    both = sorted(covered & set(EXEMPT))
    assert not both, f"measured and exempt at once: {both}"
