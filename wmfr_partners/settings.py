"""Settings for WMFR Partners, read from the environment.

With nothing set, the app runs for development: SQLite in var/, an embedded Celery
broker (kombu's filesystem transport), e-mail on the console, demo accounts allowed.
Set DATABASE_URL / REDIS_URL to use PostgreSQL and Redis, as in production.
Production deployments use ``wmfr_partners.production``, which refuses to start
without a SECRET_KEY.
"""

from pathlib import Path

import environ
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

VAR_DIR = Path(env("VAR_DIR", default=str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env("SECRET_KEY", default="dev-only-insecure-key-never-use-in-production")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# Absolute address of the app, for links in e-mails. In development it follows PORT (the
# port `make run` serves on), so invitation links lead to the running app.
SITE_URL = env("SITE_URL", default=f"http://127.0.0.1:{env('PORT', default='8000')}")

# Demo accounts (seed_demo) exist only with the development defaults.
DEMO_ACCOUNTS = env.bool("DEMO_ACCOUNTS", default=True)
# The demo app (seed_demo, the factories shared with the tests) is installed only with the
# development defaults and in tests; wmfr_partners.production never installs it.
DEMO_APP = env.bool("DEMO_APP", default=True)

INSTALLED_APPS = [
    "modeltranslation",  # must precede django.contrib.admin
    "core.admin_site.WMFRAdminConfig",  # django.contrib.admin with our site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.humanize",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "django_htmx",
    "simple_history",
    "axes",
    "django_countries",
    "phonenumber_field",
    "taggit",
    # Project apps, lowest layer first (imports flow upwards only).
    "core",
    "accounts",
    "partnerships",
    "activities",
    "agreements",
    "evaluations",
    "grants",
    *(["demo"] if DEMO_APP else []),  # top layer: development and tests only
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "partnerships.middleware.PartnerScopeMiddleware",
    # Last, as django-axes requires.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "wmfr_partners.urls"
WSGI_APPLICATION = "wmfr_partners.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "activities.context_processors.staff_navigation",
                "core.context_processors.fragment",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web process read while the worker writes; IMMEDIATE avoids
    # "database is locked" upgrades from read to write transactions.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
else:
    # A new PostgreSQL connection costs about 19 ms here: keep them open.
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=600)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ----------------------------------------------------------------------------
# "versions" holds the data's version token (core/dataversion.py), shared by every process
# (Redis, or files under VAR_DIR); "template_fragments" the pages' cached blocks, whose keys
# carry that token ({% cache %} with core.context_processors.fragment). "summaries" holds the
# precomputed figures of the dashboards (core/summaries.py), which a Celery worker refreshes:
# shared too, and apart from "versions" so that culling its many entries never drops the token.
REDIS_URL = env("REDIS_URL", default="")
# "ratelimit" (core/ratelimit.py) is shared by every process: Redis, or files under VAR_DIR.
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL},
        "ratelimit": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "ratelimit",
        },
        "versions": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "versions",
        },
        "summaries": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "summaries",
        },
        "template_fragments": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "fragments",
            "TIMEOUT": 300,
        },
    }
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "ratelimit": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": VAR_DIR / "ratelimit",
        },
        "versions": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": VAR_DIR / "versions",
        },
        "summaries": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": VAR_DIR / "summaries",
            "OPTIONS": {"MAX_ENTRIES": 1000},  # each filter combination of the impact dashboard is one
        },
        # Per process: its keys carry the data's version (core/dataversion.py), so a process
        # never serves a fragment older than the last write, whoever made it.
        "template_fragments": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "fragments",
            "TIMEOUT": 300,
            "OPTIONS": {"MAX_ENTRIES": 200},
        },
    }

# Sessions live in the database, read through the cache (Redis in production): one query
# fewer on every page.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# --- Authentication -------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # rate limiting comes first
    "accounts.backends.EmailOrUsernameBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Login lock-out (accounts/lockout.py): per account, whatever spelling of its login name
# or e-mail is typed and from whatever address; an address is throttled only after many
# failures across many accounts.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=1.0)
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_USERNAME_CALLABLE = "accounts.lockout.account_identifier"
AXES_CLIENT_IP_CALLABLE = "accounts.lockout.client_ip"
AXES_HANDLER = "accounts.lockout.AccountLockoutHandler"
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"
LOGIN_ADDRESS_FAILURE_LIMIT = env.int("LOGIN_ADDRESS_FAILURE_LIMIT", default=50)
LOGIN_ADDRESS_ACCOUNT_LIMIT = env.int("LOGIN_ADDRESS_ACCOUNT_LIMIT", default=10)
# Number of reverse proxies in front of the app, each appending to X-Forwarded-For.
# 0 (the default): the header is ignored and REMOTE_ADDR is the client.
TRUSTED_PROXY_HOPS = env.int("TRUSTED_PROXY_HOPS", default=0)
# Axes warns when addresses are not a lock-out parameter: AccountLockoutHandler throttles
# them itself (after many failures across many accounts), which is the point.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_RESET_ON_SUCCESS = True

# E-mails sent on somebody's request (core/ratelimit.py): password resets per typed address
# and per client address an hour; invitations a day per inviting user (staff have their own,
# higher, ceiling), per organisation and per invited address.
PASSWORD_RESETS_PER_ACCOUNT_PER_HOUR = env.int("PASSWORD_RESETS_PER_ACCOUNT_PER_HOUR", default=3)
PASSWORD_RESETS_PER_ADDRESS_PER_HOUR = env.int("PASSWORD_RESETS_PER_ADDRESS_PER_HOUR", default=10)
INVITATIONS_PER_USER_PER_DAY = env.int("INVITATIONS_PER_USER_PER_DAY", default=20)
STAFF_INVITATIONS_PER_DAY = env.int("STAFF_INVITATIONS_PER_DAY", default=200)
INVITATIONS_PER_PARTNER_PER_DAY = env.int("INVITATIONS_PER_PARTNER_PER_DAY", default=20)
INVITATIONS_PER_ADDRESS_PER_DAY = env.int("INVITATIONS_PER_ADDRESS_PER_DAY", default=3)
# Anonymous answers to a satisfaction questionnaire's public link, per client address an hour
# (a whole room of participants may share one address behind the venue's Wi-Fi).
QUESTIONNAIRE_ANSWERS_PER_ADDRESS_PER_HOUR = env.int("QUESTIONNAIRE_ANSWERS_PER_ADDRESS_PER_HOUR", default=60)
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False

# --- Internationalisation -------------------------------------------------------------
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("French")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# British date and time formats for the English UI (wmfr_partners/formats/en).
FORMAT_MODULE_PATH = ["wmfr_partners.formats"]
# django-filter's empty choice reads "All", not "---------".
FILTERS_EMPTY_CHOICE_LABEL = _("All")
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True
MODELTRANSLATION_DEFAULT_LANGUAGE = "fr"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("fr", "en")
PHONENUMBER_DEFAULT_REGION = "FR"
COUNTRIES_FIRST = ["FR"]

# --- Static and uploaded files --------------------------------------------------------
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "staticfiles"
STATIC_ROOT.mkdir(exist_ok=True)
# Uploads live outside the static root and are only served by permission-checked views.
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media-not-served/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True  # serve straight from static/ without collectstatic in development
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# --- E-mail ---------------------------------------------------------------------------
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Wikimédia France <partenariats@wikimedia.fr>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Celery ---------------------------------------------------------------------------
# Time limits: a PDF render is killed after RENDER_TIME_LIMIT seconds (soft limit first, so the
# task can record the failure); every other task after CELERY_TASK_TIME_LIMIT.
RENDER_SOFT_TIME_LIMIT = env.int("RENDER_SOFT_TIME_LIMIT", default=60)
RENDER_TIME_LIMIT = env.int("RENDER_TIME_LIMIT", default=90)
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=540)
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=600)
# A PDF version still pending this long after it was requested lost its worker (killed, OOM):
# beat re-enqueues it (agreements.requeue_stale_documents; the render is idempotent).
RENDER_STALE_AFTER = env.int("RENDER_STALE_AFTER", default=RENDER_TIME_LIMIT + 30)
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    # Redis redelivers a task whose worker died without acknowledging it after the visibility
    # timeout (one hour by default): just above the longest hard time limit instead.
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": CELERY_TASK_TIME_LIMIT + 60}
else:
    # Every runtime file of the embedded broker under VAR_DIR (kombu writes its exchange table
    # to ./control/ wherever the worker starts unless control_folder says otherwise).
    _celery_dir = VAR_DIR / "celery"
    for _sub in ("queue", "processed", "control"):
        (_celery_dir / _sub).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_URL = "filesystem://localhost//"  # the host is ignored; naming one silences kombu
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_celery_dir / "queue"),
        "data_folder_out": str(_celery_dir / "queue"),
        "processed_folder": str(_celery_dir / "processed"),
        "control_folder": str(_celery_dir / "control"),
        "store_processed": False,
    }
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
CELERY_BEAT_SCHEDULE = {
    "worker-heartbeat": {"task": "core.tasks.heartbeat", "schedule": 60.0},
    "agreements-requeue-stale-documents": {"task": "agreements.requeue_stale_documents", "schedule": 60.0},
    "evaluations-requeue-stale-reports": {"task": "evaluations.requeue_stale_reports", "schedule": 60.0},
    # Every night, a new metrics snapshot for the activities of the last 90 days.
    "activities-nightly-metrics": {
        "task": "activities.refresh_recent_metrics",
        "schedule": crontab(hour=3, minute=30),
    },
    # Deadline reminders, every morning (CELERY_TIMEZONE is Europe/Paris): core.reminders.
    # REMINDERS_SWEEP_EVERY (seconds) replaces the daily crontab for the integration run only:
    # beat then ticks every few seconds, and every tick after the first must send nothing.
    "core-reminders-daily-sweep": {
        "task": "core.reminders_sweep",
        "schedule": env.float("REMINDERS_SWEEP_EVERY", default=0.0) or crontab(hour=8, minute=0),
    },
}
# The sweep's day, forced (tests and the integration run): "YYYY-MM-DD"; empty: today.
REMINDERS_TODAY = env("REMINDERS_TODAY", default="")

# --- Security (hardened further in production.py) ------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 60 * 60 * 12
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Content-Security-Policy (django-csp): only the app's own scripts, styles, fonts and images,
# no inline script or style (static/js holds every script, htmx is configured there too), no
# framing. data: images for Bootstrap's inline SVG icons.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# --- Front end ------------------------------------------------------------------------
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Wikimédia France as a party to agreements (letterhead and signature block).
WMFR_IDENTITY = {
    "name": "Wikimédia France",
    "legal_name": "Wikimédia France – Association pour le libre partage de la connaissance",
    "address": env("WMFR_ADDRESS", default="40 rue de Cléry, 75002 Paris"),
    "city": env("WMFR_CITY", default="Paris"),  # "Fait à Paris, le …" above the signatures
    "website": "https://www.wikimedia.fr",
    "email": env("WMFR_PARTNERSHIPS_EMAIL", default="partenariats@wikimedia.fr"),
}
# Who signs for Wikimédia France is data: agreements.WmfrSignatory, edited in the admin.

# Agreement PDFs: archival and tagged at once, WeasyPrint's PDF/A-3a (level A: tagged structure,
# Unicode text, for screen readers), see docs/documents.md. "pdf/ua-1" gives PDF/UA instead.
PDF_VARIANT = env("PDF_VARIANT", default="pdf/a-3a")
# Signed scans: PDF only, size-limited, checked by content.
SCAN_MAX_BYTES = env.int("SCAN_MAX_BYTES", default=10 * 1024 * 1024)

# Mounts /bench/trivial, the yardstick of bench/bench_pages.py. Never in production.
BENCH_TRIVIAL_VIEW = env.bool("BENCH_TRIVIAL_VIEW", default=False)

# --- Wikimedia APIs (the only outside calls the app makes) ----------------------------
WIKIMEDIA_USER_AGENT = env(
    "WIKIMEDIA_USER_AGENT",
    default="WMFR-Partners/1.0 (https://www.wikimedia.fr; partenariats@wikimedia.fr)",
)
# When set (e.g. http://127.0.0.1:9999), every Wikimedia request goes to
# <mirror>/<original host><original path and query> instead: the replay server of the tests,
# the worker integration run and local replays (python -m core.wikimedia_replay).
WIKIMEDIA_MIRROR = env("WIKIMEDIA_MIRROR", default="")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        "axes": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
