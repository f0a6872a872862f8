"""Reads for the back-office: each selector states its query plan explicitly.

Query counts are locked by tests (tests/test_query_counts.py) at two data sizes.
"""

import datetime
from collections import defaultdict
from typing import Any

from django.core.cache import cache
from django.db.models import Count, Min, Model, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone
from django_scopes import scopes_disabled

from core import dataversion
from core.converters import MAX_ID
from core.text import fold

from .models import (
    Contact,
    Invitation,
    Membership,
    Partner,
    PartnerMember,
    Partnership,
    PartnerType,
    PrincipleAcceptance,
    Priority,
    Region,
    RelationshipStatus,
)


def partner_directory_queryset() -> QuerySet[Partner]:
    """Base queryset of the directory: one row per partner with what the table shows
    (``partner_rows_labelled`` adds this year's membership for the page's rows)."""
    return Partner.objects.select_related("owner").only(
        "pk",
        "name",
        "partner_type",
        "sector",
        "city",
        "region",
        "country",
        "relationship_status",
        "owner__first_name",
        "owner__last_name",
        "owner__username",
    )


def partner_rows_labelled(partners: list[Partner]) -> list[Partner]:
    """Attach display labels, and this year's membership, to the page's directory rows.

    ``get_FOO_display`` rebuilds and translates the choices on every call (about 5 ms for
    a 50-row page, three columns); translating each label once per request is enough.
    The membership is one query over the page's ids: annotated with ``Exists`` on the
    directory queryset, PostgreSQL hashed every membership of the year before the LIMIT
    (13 ms at 100,000 partners, 0.5 ms at 10,000).
    """
    members = set(
        Membership.objects.filter(partner_id__in=[p.pk for p in partners], year=timezone.localdate().year)
        .values_list("partner_id", flat=True)
        .order_by()
    )
    types = {value: str(label) for value, label in PartnerType.choices}
    regions = {value: str(label) for value, label in Region.choices}
    statuses = {value: str(label) for value, label in RelationshipStatus.choices}
    for p in partners:
        p.type_label = types.get(p.partner_type, p.partner_type)
        p.region_label = regions.get(p.region, "")
        p.status_label = statuses.get(p.relationship_status, p.relationship_status)
        p.is_member = p.pk in members
    return partners


def partners_named(value: str, limit: int = 2) -> list[Partner]:
    """The partners a filter's text box names: its id, or part of its name folded as the
    directory searches it; at most ``limit`` (enough to tell one from several)."""
    value = value.strip()
    if value.isascii() and value.isdigit():
        return list(Partner.objects.filter(pk=int(value))[:1]) if int(value) <= MAX_ID else []
    folded = fold(value)
    if not folded:
        return []
    return list(
        Partner.objects.filter(search_text__contains=folded).only("pk", "name").order_by("sort_name", "pk")[:limit]
    )


def partnerships_of_partner_matching(value: str) -> QuerySet[Partnership, Any]:
    """The partnerships of the partner a list filter names: its id (links from a partner's
    page) or part of its name, folded as the directory searches it (``partnerships.search``).

    The back-office lists filter by partner with a text box, not a select of every partner
    (10,000 options cost more than the rest of the page and grow with the directory)."""
    value = value.strip()
    if value.isascii() and value.isdigit():
        partners = Partner.objects.filter(pk=int(value)) if int(value) <= MAX_ID else Partner.objects.none()
    else:
        folded = fold(value)
        partners = Partner.objects.filter(search_text__contains=folded) if folded else Partner.objects.none()
    return Partnership.objects.filter(partners__in=partners.values("pk")).values("pk")


def partner_export_queryset(qs: QuerySet[Partner]) -> QuerySet[Partner]:
    return qs.select_related("owner").prefetch_related("tags").defer(None)  # type: ignore[misc]  # taggit has no stubs: TaggableManager is not seen as a relation


def partner_detail(*, pk: int) -> Partner:
    """A partner with everything its detail page shows, in a fixed number of queries."""
    return (
        Partner.objects.select_related("owner")
        .prefetch_related(  # type: ignore[misc]  # taggit has no stubs: TaggableManager is not seen as a relation
            "tags",
            Prefetch("contacts", queryset=Contact.objects.order_by("-is_signatory", "last_name")),
            "memberships",
            Prefetch("principle_acceptances"),
            Prefetch(
                "partnerships",
                queryset=Partnership.objects.select_related("lead")
                .annotate(activity_count=Count("activities"))
                .order_by("-created_at"),
            ),
        )
        .get(pk=pk)
    )


def partner_history(*, partner: Partner, limit: int = 20) -> QuerySet[Any]:
    # django-simple-history has no stubs: ``partner.history`` is Any to mypy.
    rows: QuerySet[Any] = partner.history.select_related("history_user").order_by("-history_date")[:limit]
    return rows


def partnership_list_queryset() -> QuerySet[Partnership]:
    """The partnership list: the lead joined, the partners prefetched, and each row's number of
    actions as a correlated subquery. PostgreSQL evaluates it after the sort and the LIMIT,
    for the page's rows only; a ``COUNT(DISTINCT ...)`` with ``GROUP BY`` aggregated and sorted
    every partnership before the LIMIT (18 ms at 4,400 rows, growing with the table)."""
    actions = Partnership.objects.filter(pk=OuterRef("pk")).annotate(n=Count("activities")).values("n")
    return (
        Partnership.objects.select_related("lead")
        .prefetch_related(Prefetch("partners", queryset=Partner.objects.only("pk", "name")))
        .annotate(activity_count=Subquery(actions))
    )


def partnership_detail(*, pk: int) -> Partnership:
    return (
        Partnership.objects.select_related("lead")
        .prefetch_related(
            Prefetch("partners", queryset=Partner.objects.only("pk", "name", "city", "partner_type")),
            "sub_priorities__priority",
            "activities__activity_type",
        )
        .get(pk=pk)
    )


def dashboard_counts() -> dict[str, dict[str, int]]:
    """Partners by relationship status, partner type and region, from one GROUP BY."""
    by_status: dict[str, int] = defaultdict(int)
    by_type: dict[str, int] = defaultdict(int)
    by_region: dict[str, int] = defaultdict(int)
    rows = (
        Partner.objects.values_list("relationship_status", "partner_type", "region").annotate(n=Count("pk")).order_by()
    )
    for status, partner_type, region, n in rows:
        by_status[status] += n
        by_type[partner_type] += n
        if region:
            by_region[region] += n
    return {"by_status": by_status, "by_type": by_type, "by_region": by_region}


def dashboard_priorities() -> list[Priority]:
    """The current plan's priorities, each with its partnership and partner counts.

    One grouped query over the two link tables, then the (six) priorities.
    """
    link = Partnership.partners.through
    counts = {
        row["partnership__sub_priorities__priority"]: row
        for row in link.objects.filter(partnership__sub_priorities__priority__plan__is_current=True)
        .values("partnership__sub_priorities__priority")
        .annotate(partnerships=Count("partnership", distinct=True), partners=Count("partner", distinct=True))
        .order_by()
    }
    priorities = list(Priority.objects.filter(plan__is_current=True).order_by("number"))
    for priority in priorities:
        row = counts.get(priority.pk, {})
        priority.partnership_count = row.get("partnerships", 0)
        priority.partner_count = row.get("partners", 0)
    return priorities


def newest_partnerships(*, limit: int = 8) -> list[Partnership]:
    return list(
        Partnership.objects.select_related("lead")
        .prefetch_related(Prefetch("partners", queryset=Partner.objects.only("pk", "name")))
        .order_by("-created_at", "-pk")[:limit]
    )


def co_partner_names(*, partner: Partner, partnership_ids: list[int]) -> dict[int, list[str]]:
    """Names of the other parties to this partner's own partnerships.

    The portal's scope hides every other organisation; co-parties' names are the one thing
    a partner may see of them, so this reads them explicitly (and only them).
    """
    link = Partnership.partners.through
    names: dict[int, list[str]] = defaultdict(list)
    with scopes_disabled():
        rows = (
            link.objects.filter(partnership_id__in=partnership_ids)
            .exclude(partner_id=partner.pk)
            .order_by("partner__name")
            .values_list("partnership_id", "partner__name")
        )
        for partnership_id, name in rows:
            names[partnership_id].append(name)
    return names


INVITATION_EXPIRY_WARNING_DAYS = 7


def invitations_expiring_count(*, days: int = INVITATION_EXPIRY_WARNING_DAYS) -> int:
    """Pending invitations whose link stops working within ``days``: the staff "to do" panel."""
    return invitations_expiring_until(timezone.now(), days=days)[0]


def invitations_expiring_until(
    now: datetime.datetime, *, days: int = INVITATION_EXPIRY_WARNING_DAYS
) -> tuple[int, datetime.datetime | None]:
    """The count of ``invitations_expiring_count`` at ``now``, and the first instant it changes
    with no write (core/todo.py caches it until then): one counted expires (leaves the pending
    ones), or the next one's expiry comes within ``days``. One query."""
    window = datetime.timedelta(days=days)
    horizon = now + window
    figures = Invitation.objects.pending(now=now).aggregate(
        count=Count("pk", filter=Q(expires_at__lte=horizon)),
        leaves=Min("expires_at", filter=Q(expires_at__lte=horizon)),
        enters=Min("expires_at", filter=Q(expires_at__gt=horizon)),
    )
    changes = [figures["leaves"], figures["enters"] - window if figures["enters"] else None]
    return int(figures["count"]), min((c for c in changes if c is not None), default=None)


def invitations_states_until() -> datetime.datetime | None:
    """When the invitations' states next change with no write: the soonest expiry of a pending
    invitation (None when none is pending). At that moment one turns from pending to expired
    (its state, its "Revoke" button, the lists by state and their counts), so the invitation
    list's cached block is keyed on it. Read once per data version (core/dataversion.py), and
    again once that moment has passed."""
    from django.core.cache import cache

    from core import dataversion

    key = f"invitations-states-until:{dataversion.current()}"
    now = timezone.now()
    cached = cache.get(key)
    if cached is not None and (cached[0] is None or cached[0] > now):
        moment: datetime.datetime | None = cached[0]
        return moment
    moment = Invitation.objects.pending(now=now).order_by("expires_at").values_list("expires_at", flat=True).first()
    cache.set(key, (moment,), 300)
    return moment


# --- Partner portal: everything starts from the partner's own relations --------------------------


def portal_partnerships(*, partner: Partner) -> list[Partnership]:
    """The partner's partnerships, newest first, each with its co-parties' names (two queries)."""
    partnerships = list(partner.partnerships.select_related("lead").order_by("-created_at"))
    names = co_partner_names(partner=partner, partnership_ids=[p.pk for p in partnerships])
    for partnership in partnerships:
        partnership.co_partners = names.get(partnership.pk, [])
    return partnerships


def portal_partnership(*, partner: Partner, pk: int) -> Partnership:
    """One of the partner's partnerships with its activities and priorities; another
    organisation's raises ``Partnership.DoesNotExist`` (the view's 404)."""
    partnership = (
        partner.partnerships.select_related("lead")
        .prefetch_related("activities__activity_type", "sub_priorities__priority")
        .get(pk=pk)
    )
    partnership.co_partners = co_partner_names(partner=partner, partnership_ids=[partnership.pk]).get(
        partnership.pk, []
    )
    return partnership


def portal_partnership_once(*, partner: Partner, pk: int) -> Partnership | None:
    """``portal_partnership``, read once per data version (core/dataversion.py) for the
    partner's page, whose 404 and title come before its cached block; None for a partnership
    that is not the partner's (the view's 404)."""
    key = f"portal-partnership:{partner.pk}:{pk}:{dataversion.current()}"
    found: Partnership | bool | None = cache.get(key)
    if found is None:
        try:
            found = portal_partnership(partner=partner, pk=pk)
        except Partnership.DoesNotExist:
            found = False
        cache.set(key, found, 300)
    return found if isinstance(found, Partnership) else None


def portal_contacts(*, partner: Partner) -> list[Contact]:
    return list(partner.contacts.order_by("-is_signatory", "last_name"))


def portal_colleagues(*, partner: Partner) -> list[PartnerMember]:
    return list(partner.members.select_related("user").order_by("user__last_name", "pk"))


def portal_pending_invitations(*, partner: Partner) -> list[Invitation]:
    return list(Invitation.objects.filter(partner=partner).pending().select_related("invited_by"))


def portal_pending_invitations_now(*, partner: Partner) -> list[Invitation]:
    """The partner's pending invitations at this moment (the portal home, whose cached block
    is keyed on them): read once per data version (core/dataversion.py), then filtered by the
    clock, since an invitation pending when read may expire without any write, while one
    expired, accepted or revoked cannot become pending again without one."""
    key = f"portal-pending-invitations:{partner.pk}:{dataversion.current()}"
    invitations: list[Invitation] | None = cache.get(key)
    if invitations is None:
        invitations = portal_pending_invitations(partner=partner)
        cache.set(key, invitations, 300)
    now = timezone.now()
    return [i for i in invitations if i.expires_at > now]


def portal_recent_proposals(*, partner: Partner, limit: int = 10) -> list[Model]:
    """The partner's latest action proposals (an activities model, read through the reverse
    relation: this layer does not import it)."""
    return list(partner.proposals.select_related("activity_type").order_by("-submitted_at")[:limit])


def portal_latest_acceptance(*, partner: Partner) -> PrincipleAcceptance | None:
    return partner.principle_acceptances.order_by("-accepted_at").first()


def portal_acceptances(*, partner: Partner) -> list[PrincipleAcceptance]:
    return list(partner.principle_acceptances.select_related("accepted_by"))
