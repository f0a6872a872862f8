from django.core.management.base import BaseCommand

from evaluations.services import grid_load


class Command(BaseCommand):
    help = "Load (or refresh) the joint evaluation grid from the partnership policy."

    def handle(self, *args, **options):
        version = grid_load()
        self.stdout.write(self.style.SUCCESS(f"Evaluation grid loaded: version {version.number}."))
