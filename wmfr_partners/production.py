"""Production settings: the development defaults, hardened.

The default of wsgi.py, asgi.py and the Celery app. It refuses to start without SECRET_KEY,
ALLOWED_HOSTS, SITE_URL or EMAIL_URL (django-environ raises ImproperlyConfigured) and never
allows demo accounts. ``manage.py check --deploy --fail-level WARNING`` is clean with it.
"""

from .settings import *  # noqa: F403
from .settings import INSTALLED_APPS, STORAGES, env

SECRET_KEY = env("SECRET_KEY")  # no default, on purpose
# Links in e-mails and the outgoing mail server: no silent fallback to 127.0.0.1 or the console.
SITE_URL = env("SITE_URL")
vars().update(env.email_url("EMAIL_URL"))
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
DEMO_ACCOUNTS = False
DEMO_APP = False  # whatever the environment says: no seed_demo, no demo factories
INSTALLED_APPS = [app for app in INSTALLED_APPS if app != "demo"]

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # load balancers probe over plain HTTP
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = False
BENCH_TRIVIAL_VIEW = False
