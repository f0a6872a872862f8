from django.core.management.base import BaseCommand

from grants.loading import load_all


class Command(BaseCommand):
    help = "Load the funding regions and the grant programmes of grants/data/ (idempotent)."

    def handle(self, *args, **options):
        programmes = load_all()
        self.stdout.write(f"{len(programmes)} grant programme(s) loaded.")
