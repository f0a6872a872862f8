from celery import current_app
from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .access import public
from .models import WorkerHeartbeat


@public
def home(request: HttpRequest) -> HttpResponse:
    """Send a visitor to the login page and a logged-in user to their own home."""
    user = request.user
    if not user.is_authenticated:
        return redirect(settings.LOGIN_URL)
    if user.is_staff:
        return redirect("staff:dashboard")
    return redirect("portal:home")


def _check_database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # noqa: BLE001 - a health check reports, never raises
        return f"error: {exc.__class__.__name__}"
    return "ok"


def _check_broker() -> str:
    try:
        # The Celery app the project configured (no import of the project package from core).
        with current_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
    except Exception as exc:  # noqa: BLE001
        return f"error: {exc.__class__.__name__}"
    return "ok"


@public
@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Report the database and the broker; 503 when either is down.

    The worker's last heartbeat is reported too, for information: a web node can be
    healthy while the worker restarts.
    """
    checks = {"database": _check_database(), "broker": _check_broker()}
    beat = None
    if checks["database"] == "ok":
        hb = WorkerHeartbeat.objects.filter(name="celery").first()
        if hb is not None:
            beat = {
                "last_seen": hb.last_seen.isoformat(),
                "age_seconds": int((timezone.now() - hb.last_seen).total_seconds()),
            }
    healthy = all(v == "ok" for v in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "error", "checks": checks, "worker_heartbeat": beat},
        status=200 if healthy else 503,
    )
