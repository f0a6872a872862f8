from django.core.management.base import BaseCommand

from evaluations.questionnaire_services import questionnaire_templates_load
from evaluations.services import grid_load


class Command(BaseCommand):
    help = "Load (or refresh) the joint evaluation grid and the questionnaire templates."

    def handle(self, *args, **options):
        version = grid_load()
        self.stdout.write(self.style.SUCCESS(f"Evaluation grid loaded: version {version.number}."))
        templates = questionnaire_templates_load()
        self.stdout.write(self.style.SUCCESS(f"Questionnaire templates loaded: {len(templates)}."))
