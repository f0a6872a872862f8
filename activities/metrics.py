"""Services of an activity's impact on the Wikimedia projects: its scope and its snapshots.

The arithmetic lives in ``core.wikimedia_metrics``; here it meets the database. A scope is
checked against the wiki before it is saved (a username or a category that does not exist is a
form error, and nothing is saved). A snapshot is a row created "queued", filled once by
:func:`snapshot_collect` (from the Celery task, the command or the demo) and never changed again.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from core.services import audit_log
from core.wikimedia import WikimediaClient, WikimediaError
from core.wikimedia_metrics import (
    COMMONS,
    DEFAULT_WIKI,
    ImpactScope,
    ScopeError,
    check_scope,
    collect_impact,
    parse_usernames,
    scope_problems,
)

from .models import Activity, ActivityStatus, MetricsScope, MetricsSnapshot, SnapshotStatus

log = logging.getLogger(__name__)

#: Beat refreshes the activities that ended (or started) in the last so many days.
REFRESH_DAYS = 90
#: A snapshot "running" for longer than this is taken to have lost its worker.
STALE_RUNNING = datetime.timedelta(minutes=15)

# ScopeError.field -> the form field it belongs to.
_SCOPE_FIELDS = {
    "wiki": "wiki",
    "end": "window_end",
    "start": "window_start",
    "tail_days": "tail_days",
    "category_depth": "category_depth",
    "timezone": "window_start",
}


@dataclass(frozen=True)
class ScopeInput:
    wiki: str = DEFAULT_WIKI
    usernames: str = ""
    window_start: datetime.date | None = None
    window_end: datetime.date | None = None
    tail_days: int = 0
    commons_category: str = ""
    category_depth: int = 0
    articles: str = ""
    articles_category: str = ""


def _lines(text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in (text or "").splitlines() if line.strip())


def impact_scope(*, activity: Activity, data: ScopeInput) -> ImpactScope:
    """The scope to measure; raises ``ValidationError`` (by form field) on bad input."""
    start = data.window_start or activity.start_date
    end = data.window_end or activity.end_date or start
    if start is None or end is None:
        raise ValidationError({"window_start": _("Give the activity’s dates or a time window before measuring it.")})
    try:
        return ImpactScope(
            start=start,
            end=end,
            wiki=data.wiki or DEFAULT_WIKI,
            usernames=parse_usernames(data.usernames),
            tail_days=data.tail_days,
            commons_category=data.commons_category,
            category_depth=data.category_depth,
            articles=_lines(data.articles),
            articles_category=data.articles_category,
        )
    except ScopeError as exc:
        raise ValidationError({_SCOPE_FIELDS.get(exc.field, "wiki"): str(exc.message)}) from exc


def _scope_input(scope: MetricsScope) -> ScopeInput:
    return ScopeInput(
        wiki=scope.wiki,
        usernames=scope.usernames,
        window_start=scope.window_start,
        window_end=scope.window_end,
        tail_days=scope.tail_days,
        commons_category=scope.commons_category,
        category_depth=scope.category_depth,
        articles=scope.articles,
        articles_category=scope.articles_category,
    )


def scope_check(*, scope: ImpactScope, client: WikimediaClient | None = None) -> None:
    """Ask the wiki whether the usernames and categories exist; ``ValidationError`` by field."""
    own = client is None
    api = client or WikimediaClient.from_settings()
    try:
        check = check_scope(api, scope)
    except WikimediaError as exc:
        raise ValidationError(
            _("The Wikimedia projects could not be reached to check this scope (%(error)s). Try again later.")
            % {"error": exc}
        ) from exc
    finally:
        if own:
            api.close()
    if check.ok:
        return
    errors: dict[str, list[str]] = {}
    users = scope_problems(scope.wiki, check.missing_users, check.invalid_users, [])
    if users:
        errors["usernames"] = users
    for host, category in check.missing_categories:
        field = "commons_category" if category == scope.commons_category and host == COMMONS else "articles_category"
        errors.setdefault(field, []).extend(scope_problems(scope.wiki, [], [], [(host, category)]))
    raise ValidationError(errors)


def scope_save(*, activity: Activity, data: ScopeInput, by, client: WikimediaClient | None = None) -> MetricsScope:
    """Declare (or change) what to measure of ``activity``, once the wiki has confirmed it."""
    scope = impact_scope(activity=activity, data=data)
    scope_check(scope=scope, client=client)
    values = {
        "wiki": scope.wiki,
        "usernames": "\n".join(scope.usernames),
        "window_start": data.window_start,
        "window_end": data.window_end,
        "tail_days": scope.tail_days,
        "commons_category": scope.commons_category.removeprefix("Category:"),
        "category_depth": scope.category_depth,
        "articles": "\n".join(scope.articles),
        "articles_category": scope.articles_category.removeprefix("Category:"),
    }
    with transaction.atomic():
        Activity.objects.select_for_update().get(pk=activity.pk)
        saved, created = MetricsScope.objects.update_or_create(activity=activity, defaults=values)
        audit_log(
            obj=activity,
            action="activity.scope_saved",
            actor=by,
            data={"wiki": scope.wiki, "usernames": len(scope.usernames), "created": created},
        )
    return saved


def scope_add_usernames(
    *, activity: Activity, usernames: str, by, client: WikimediaClient | None = None
) -> tuple[MetricsScope, list[str]]:
    """Add participants' usernames (from the portal); returns the scope and the names added."""
    current = getattr(activity, "metrics_scope", None) or MetricsScope(activity=activity)
    known = set(parse_usernames(current.usernames))
    new = [name for name in parse_usernames(usernames) if name not in known]
    if not new:
        raise ValidationError({"usernames": _("Give at least one username that is not on the list yet.")})
    data = _scope_input(current)
    merged = "\n".join([*parse_usernames(current.usernames), *new])
    wanted = ScopeInput(**{**data.__dict__, "usernames": merged})
    # Only the new names are checked: the others were checked when they were added.
    check_only = impact_scope(
        activity=activity,
        data=ScopeInput(
            **{**data.__dict__, "usernames": "\n".join(new), "commons_category": "", "articles_category": ""}
        ),
    )
    scope_check(scope=check_only, client=client)
    with transaction.atomic():
        Activity.objects.select_for_update().get(pk=activity.pk)
        saved, _created = MetricsScope.objects.update_or_create(
            activity=activity, defaults={"usernames": merged, "wiki": wanted.wiki}
        )
        audit_log(obj=activity, action="activity.participants_added", actor=by, data={"usernames": new})
    return saved, new


# --- Snapshots ---------------------------------------------------------------------------------


def snapshot_request(*, activity: Activity, by, enqueue: bool = True) -> MetricsSnapshot:
    """Queue a new snapshot (the task is sent once the transaction commits, unless the caller
    collects it itself: ``enqueue=False``). If one is already queued or running for this
    activity, that one is returned: refreshing twice does not collect twice."""
    from .tasks import collect_activity_metrics

    if not MetricsScope.objects.filter(activity=activity).exists():
        raise ValidationError(_("Declare what to measure (the scope) before refreshing the figures."))
    with transaction.atomic():
        Activity.objects.select_for_update().get(pk=activity.pk)
        pending = (
            MetricsSnapshot.objects.filter(
                activity=activity, status__in=[SnapshotStatus.QUEUED, SnapshotStatus.RUNNING]
            )
            .order_by("-requested_at")
            .first()
        )
        if pending is not None:
            return pending
        snapshot = MetricsSnapshot.objects.create(
            activity=activity, requested_by=by if by and by.is_authenticated else None
        )
        audit_log(obj=activity, action="activity.snapshot_requested", actor=by, data={"snapshot": snapshot.pk})
        if enqueue:
            transaction.on_commit(lambda: collect_activity_metrics.delay(snapshot.pk))
    return snapshot


def _start(snapshot_id: int) -> bool:
    """queued -> running, once (a conditional UPDATE: a second delivery finds nothing to do)."""
    now = timezone.now()
    claimed = MetricsSnapshot.objects.filter(
        Q(status=SnapshotStatus.QUEUED) | Q(status=SnapshotStatus.RUNNING, taken_at__lt=now - STALE_RUNNING),
        pk=snapshot_id,
    ).update(status=SnapshotStatus.RUNNING, taken_at=now)
    return claimed == 1


def snapshot_collect(
    *, snapshot_id: int, client: WikimediaClient | None = None, today: datetime.date | None = None
) -> MetricsSnapshot:
    """Collect the figures of a queued snapshot and store them (idempotent: a snapshot that is
    finished, or being collected, is returned untouched)."""
    if not _start(snapshot_id):
        return MetricsSnapshot.objects.select_related("activity").get(pk=snapshot_id)
    snapshot = MetricsSnapshot.objects.select_related("activity__metrics_scope").get(pk=snapshot_id)
    activity = snapshot.activity
    try:
        scope = impact_scope(activity=activity, data=_scope_input(activity.metrics_scope))
    except (ValidationError, MetricsScope.DoesNotExist) as exc:
        message = " ".join(exc.messages) if isinstance(exc, ValidationError) else _("No scope is declared.")
        return _finish(snapshot, status=SnapshotStatus.FAILED, error=message)
    try:
        result = collect_impact(scope, client=client, today=today or timezone.localdate())
    except Exception:
        # Give the snapshot back to the queue so that the task's retry collects it.
        MetricsSnapshot.objects.filter(pk=snapshot_id, status=SnapshotStatus.RUNNING).update(
            status=SnapshotStatus.QUEUED
        )
        raise
    figures = result.as_dict()
    failures = figures.pop("failures")
    measured = [
        k for k in ("edits", "files_total", "page_views", "wikidata_items_edited") if figures.get(k) is not None
    ]
    status = SnapshotStatus.DONE if not failures else SnapshotStatus.PARTIAL if measured else SnapshotStatus.FAILED
    return _finish(
        snapshot,
        status=status,
        figures=figures,
        failures=failures,
        duration=result.duration_seconds,
        requests=result.requests,
        wiki=result.wiki,
    )


def _finish(
    snapshot: MetricsSnapshot,
    *,
    status: str,
    figures: dict | None = None,
    failures: dict | None = None,
    duration: float | None = None,
    requests: int = 0,
    wiki: str = "",
    error: str = "",
) -> MetricsSnapshot:
    with transaction.atomic():
        locked = MetricsSnapshot.objects.select_for_update().get(pk=snapshot.pk)
        if locked.status != SnapshotStatus.RUNNING:
            return locked  # finished by another delivery meanwhile: never overwrite it
        locked.status = status
        locked.figures = figures or {}
        locked.failures = failures or {}
        locked.duration_seconds = duration
        locked.request_count = requests
        locked.wiki = wiki
        locked.error = error
        locked.save(
            update_fields=["status", "figures", "failures", "duration_seconds", "request_count", "wiki", "error"]
        )
        audit_log(
            obj=locked.activity,
            action="activity.snapshot_taken",
            from_state=SnapshotStatus.RUNNING,
            to_state=status,
            data={"snapshot": locked.pk, "requests": requests, "failed": sorted(failures or {})},
        )
    return locked


def snapshot_mark_failed(*, snapshot_id: int, error: str) -> None:
    """After the task's last try: the snapshot says it failed (its activity is untouched)."""
    MetricsSnapshot.objects.filter(pk=snapshot_id, status__in=[SnapshotStatus.QUEUED, SnapshotStatus.RUNNING]).update(
        status=SnapshotStatus.FAILED, error=error[:2000], taken_at=timezone.now()
    )


def activities_to_refresh(*, today: datetime.date | None = None, days: int = REFRESH_DAYS):
    """Activities with a scope whose dates touch the last ``days`` days (not cancelled)."""
    today = today or timezone.localdate()
    since = today - datetime.timedelta(days=days)
    return (
        Activity.objects.filter(metrics_scope__isnull=False)
        .exclude(status=ActivityStatus.CANCELLED)
        .filter(Q(end_date__gte=since) | Q(end_date__isnull=True, start_date__gte=since))
        .filter(start_date__lte=today)
        .order_by("pk")
    )


def snapshots_refresh_recent(*, today: datetime.date | None = None) -> int:
    """Nightly: queue a snapshot for each recent activity; returns how many were queued."""
    queued = 0
    for activity in activities_to_refresh(today=today):
        snapshot_request(activity=activity, by=None)
        queued += 1
    return queued
