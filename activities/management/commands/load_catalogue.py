from django.core.management.base import BaseCommand

from activities.services import catalogue_load


class Command(BaseCommand):
    help = "Load (or refresh) the activity catalogue and the action plan from the partnership policy."

    def handle(self, *args, **options):
        count = catalogue_load()
        self.stdout.write(self.style.SUCCESS(f"Catalogue loaded: {count} activity types."))
