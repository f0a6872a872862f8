"""The demo app exists with the development defaults and in tests, never in production."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.apps import apps

from demo import builders

ROOT = Path(__file__).resolve().parents[2]
PRINT_APPS = "from django.conf import settings as s; print('demo' in s.INSTALLED_APPS, s.DEMO_APP)"


def _manage(*args, **env):
    drop = ("SECRET_KEY", "DJANGO_SETTINGS_MODULE", "DATABASE_URL", "REDIS_URL", "DEMO_APP")
    clean = {k: v for k, v in os.environ.items() if k not in drop}
    clean.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=120
    )


PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "wmfr_partners.production",
    "SECRET_KEY": "k" * 60,
    "ALLOWED_HOSTS": "x.org",
    "SITE_URL": "https://x.org",
    "EMAIL_URL": "smtp://mail.x.org:587",
}


@pytest.mark.parametrize("demo_app", [None, "True"])
def test_production_never_installs_the_demo_app(demo_app):
    env = {**PRODUCTION, **({"DEMO_APP": demo_app} if demo_app else {})}
    result = _manage("shell", "-c", PRINT_APPS, **env)
    assert result.stdout.strip().splitlines()[-1] == "False False", result.stderr
    seed = _manage("seed_demo", "--scale", "0", **env)
    assert seed.returncode != 0
    assert "Unknown command: 'seed_demo'" in seed.stderr


def test_development_defaults_install_it_and_the_environment_can_leave_it_out():
    result = _manage("shell", "-c", PRINT_APPS, DJANGO_SETTINGS_MODULE="wmfr_partners.settings")
    assert result.stdout.strip().splitlines()[-1] == "True True", result.stderr
    result = _manage("shell", "-c", PRINT_APPS, DJANGO_SETTINGS_MODULE="wmfr_partners.settings", DEMO_APP="False")
    assert result.stdout.strip().splitlines()[-1] == "False False", result.stderr


def test_tests_always_have_it():
    assert apps.is_installed("demo")


def test_builders_run_in_layer_order_and_skip_apps_without_one(monkeypatch):
    names = [module.__name__ for module in builders.available()]
    assert names == [
        "demo.build.accounts",
        "demo.build.partnerships",
        "demo.build.activities",
        "demo.build.agreements",
        "demo.build.grants",
        "demo.build.evaluations",
        "demo.build.evaluations_questionnaires",
        "demo.build.core",
    ]
    # An app that is not installed is skipped even when it has a builder.
    real = apps.is_installed
    monkeypatch.setattr(builders.apps, "is_installed", lambda label: label != "agreements" and real(label))
    assert "demo.build.agreements" not in [module.__name__ for module in builders.available()]


def test_a_builder_that_fails_to_import_is_not_skipped(monkeypatch, tmp_path):
    package = tmp_path / "demo_broken"
    (package / "build").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "build" / "__init__.py").write_text("")
    (package / "build" / "grants.py").write_text("import a_module_that_does_not_exist\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(builders, "PACKAGE", "demo_broken.build")
    monkeypatch.setattr(builders, "BUILDERS", ["grants"])
    with pytest.raises(ModuleNotFoundError, match="a_module_that_does_not_exist"):
        builders.available()
