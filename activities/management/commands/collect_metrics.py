"""``manage.py collect_metrics --activity ID``: take a metrics snapshot now and print its figures.

The same services as the Celery task (a snapshot queued, then collected), run in this process.
"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django_scopes import scopes_disabled

from activities import metrics
from activities.models import Activity
from activities.views.activity_common import FIGURES, PARTS


class Command(BaseCommand):
    help = "Collect the Wikimedia metrics of one activity now and print them."

    def add_arguments(self, parser):
        parser.add_argument("--activity", type=int, required=True, help="the activity's id")

    def handle(self, *args, activity: int, **options):
        with scopes_disabled():
            found = Activity.objects.filter(pk=activity).first()
            if found is None:
                raise CommandError(f"No activity with id {activity}.")
            try:
                snapshot = metrics.snapshot_request(activity=found, by=None, enqueue=False)
            except ValidationError as exc:
                raise CommandError(" ".join(exc.messages)) from exc
            snapshot = metrics.snapshot_collect(snapshot_id=snapshot.pk)
        out = self.stdout
        out.write(f"{found.title} (activity {found.pk}), snapshot {snapshot.pk}: {snapshot.get_status_display()}")
        out.write(
            f"taken {snapshot.taken_at:%Y-%m-%d %H:%M:%S %Z}, {snapshot.duration_seconds or 0:.1f} s, "
            f"{snapshot.request_count} requests, wiki {snapshot.wiki}"
        )
        for name, label in FIGURES.items():
            value = snapshot.figures.get(name)
            if value is not None:
                out.write(f"  {label}: {round(value * 100, 1)} %" if name == "reuse_share" else f"  {label}: {value}")
        for part, error in snapshot.failures.items():
            out.write(self.style.WARNING(f"  failed: {PARTS.get(part, part)}: {error}"))
        if snapshot.error:
            out.write(self.style.ERROR(f"  {snapshot.error}"))
