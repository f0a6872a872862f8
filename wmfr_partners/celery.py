"""Celery application.

With no REDIS_URL the broker is kombu's filesystem transport under var/celery, so a
real worker and beat run on a machine with no server installed. Tasks use Celery's
DjangoTask, whose ``delay_on_commit`` enqueues only once the surrounding transaction
has committed.
"""

import os

from celery import Celery

# Production unless told otherwise (make run and the tests say wmfr_partners.settings[_test]).
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wmfr_partners.production")

app = Celery("wmfr_partners", task_cls="celery.contrib.django.task:DjangoTask")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
