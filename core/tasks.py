from celery import shared_task

from .services import heartbeat_record


@shared_task(name="core.tasks.heartbeat", ignore_result=True)  # type: ignore[untyped-decorator]  # celery ships no type hints
def heartbeat(name: str = "celery") -> None:
    """Periodic proof of life for /healthz (scheduled by beat every minute)."""
    heartbeat_record(name=name)
