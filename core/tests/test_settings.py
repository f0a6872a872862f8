"""Production settings: refuse to start without a secret key; clean `check --deploy`."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _manage(*args, **env):
    drop = ("SECRET_KEY", "DJANGO_SETTINGS_MODULE", "DATABASE_URL", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")
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
