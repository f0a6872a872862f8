"""Production settings: refuse to start without a secret key; clean `check --deploy`."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


MAIL_AND_SITE = {"SITE_URL": "https://partenariats.example.org", "EMAIL_URL": "smtp://mail.example.org:587"}
DROP = ("SECRET_KEY", "DJANGO_SETTINGS_MODULE", "DATABASE_URL", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE", "SITE_URL")
DROP = (*DROP, "EMAIL_URL", "ALLOWED_HOSTS", "DEBUG")


def _manage(*args, **env):
    drop = DROP
    clean = {k: v for k, v in os.environ.items() if k not in drop}
    clean.update(env)
    clean = {k: v for k, v in clean.items() if v is not None}  # None: unset it
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=120
    )


def test_production_refuses_to_start_without_secret_key():
    result = _manage("check", DJANGO_SETTINGS_MODULE="wmfr_partners.production", ALLOWED_HOSTS="example.org")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_check_deploy_is_clean():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="wmfr_partners.production",
        SECRET_KEY="x7#Qm2!vR9pL0sT4wZ8yB3nK6cF1hJ5dG0aE2uI7oP9qW4eR6tY8",
        ALLOWED_HOSTS="partenariats.example.org",
        **MAIL_AND_SITE,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_has_no_demo_accounts_and_no_debug():
    result = _manage(
        "shell",
        "-c",
        "from django.conf import settings as s; "
        "print(s.DEBUG, s.DEMO_ACCOUNTS, s.BENCH_TRIVIAL_VIEW, s.SESSION_COOKIE_SECURE)",
        DJANGO_SETTINGS_MODULE="wmfr_partners.production",
        SECRET_KEY="k" * 60,
        ALLOWED_HOSTS="example.org",
        **MAIL_AND_SITE,
    )
    assert result.stdout.strip().splitlines()[-1] == "False False False True"


def test_development_defaults_use_sqlite_and_embedded_broker():
    result = _manage(
        "shell",
        "-c",
        "from django.conf import settings as s; print(s.DATABASES['default']['ENGINE'], s.CELERY_BROKER_URL)",
        DJANGO_SETTINGS_MODULE="wmfr_partners.settings",
    )
    assert result.stdout.strip().splitlines()[-1] == "django.db.backends.sqlite3 filesystem://localhost//"


def test_site_url_follows_port_in_development():
    """Invitation links lead to the app `make run` serves (on $PORT), not to a fixed :8000."""
    code = "from django.conf import settings; print(settings.SITE_URL)"
    result = _manage("shell", "-c", code, PORT="8108", SITE_URL=None)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "http://127.0.0.1:8108"
    explicit = _manage("shell", "-c", code, PORT="8108", SITE_URL="https://partenariats.wikimedia.fr")
    assert explicit.stdout.strip().splitlines()[-1] == "https://partenariats.wikimedia.fr"


def _python(code: str, **env):
    clean = {k: v for k, v in os.environ.items() if k not in DROP}
    clean.update(env)
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=120
    )


PRINT = "from django.conf import settings as s; print(s.SETTINGS_MODULE, s.DEBUG, s.DEMO_ACCOUNTS, s.EMAIL_BACKEND)"


def test_wsgi_asgi_and_celery_default_to_production():
    """A forgotten DJANGO_SETTINGS_MODULE must not serve DEBUG, the public key and demo accounts."""
    for entry in ("wmfr_partners.wsgi", "wmfr_partners.asgi", "wmfr_partners.celery"):
        result = _python(f"import {entry}; from django.conf import settings; settings.DEBUG")
        assert result.returncode != 0, entry
        assert "SECRET_KEY" in result.stderr, entry
        env = {"SECRET_KEY": "k" * 60, "ALLOWED_HOSTS": "example.org", **MAIL_AND_SITE}
        result = _python(f"import {entry}; import django; django.setup(); {PRINT}", **env)
        assert result.returncode == 0, result.stderr
        assert result.stdout.split() == [
            "wmfr_partners.production",
            "False",
            "False",
            "django.core.mail.backends.smtp.EmailBackend",
        ], entry


def test_production_refuses_to_start_without_email_url_or_site_url():
    base = {"DJANGO_SETTINGS_MODULE": "wmfr_partners.production", "SECRET_KEY": "k" * 60, "ALLOWED_HOSTS": "x.org"}
    for missing in ("EMAIL_URL", "SITE_URL"):
        env = {**base, **{k: v for k, v in MAIL_AND_SITE.items() if k != missing}}
        result = _manage("check", **env)
        assert result.returncode != 0, missing
        assert missing in result.stderr, missing
