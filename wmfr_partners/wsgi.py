"""WSGI entry point (gunicorn). Production settings unless DJANGO_SETTINGS_MODULE says
otherwise: a forgotten variable must not serve DEBUG, the development key and demo accounts."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wmfr_partners.production")

application = get_wsgi_application()
