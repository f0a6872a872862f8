"""The layers hold: every app module's imports and every migration's dependencies follow the
order of ../shared/STYLE.md, no app imports another app's views, and no Python file outside
migrations is longer than 800 lines.

    demo                       top: development and tests only
    grants   evaluations       they read everything below; neither knows the other
    agreements
    activities
    partnerships
    accounts
    core                       bottom
    wmfr_partners              settings, urls, Celery app: imports every app; no app imports it

An app may import itself and the apps of lower layers. The imports are read from the source
(``ast``), function-level imports included, so a cycle dodged inside a function still fails.
Tests inside an app (``<app>/tests/``) may use anything (factories, the cast), so they are
left out; migrations are not. A migration may depend on its own app, on lower apps, on
Django's and third-party apps, and on the swappable user model
(``migrations.swappable_dependency(settings.AUTH_USER_MODEL)``), which is a string reference.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LAYERS: dict[str, int] = {
    "core": 0,
    "accounts": 1,
    "partnerships": 2,
    "activities": 3,
    "agreements": 4,
    "grants": 5,
    "evaluations": 5,
    "demo": 6,
}
PROJECT = "wmfr_partners"
MAX_LINES = 800
SKIP_DIRS = {".venv", "var", "node_modules", "__pycache__", ".git"}


def _python_files(app: str, *, with_tests: bool = False) -> list[Path]:
    files = []
    for path in sorted((ROOT / app).rglob("*.py")):
        parts = set(path.relative_to(ROOT).parts)
        if parts & SKIP_DIRS or (not with_tests and "tests" in parts):
            continue
        files.append(path)
    return files


def imported_modules(path: Path) -> list[tuple[int, str]]:
    """(line, dotted module) of every import in the file, relative ones resolved."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1])
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            found.append((node.lineno, module))
            # ``from app import views`` imports a views module too.
            found += [(node.lineno, f"{module}.{alias.name}") for alias in node.names if alias.name == "views"]
    return sorted(found)


def import_violations(app: str, files: list[Path]) -> list[str]:
    problems = []
    for path in files:
        for line, module in imported_modules(path):
            top = module.split(".")[0]
            where = f"{path.relative_to(ROOT)}:{line} imports {module}"
            if top == PROJECT:
                problems.append(f"{where}: no app imports the project package")
            elif top in LAYERS and top != app:
                if LAYERS[top] >= LAYERS[app]:
                    problems.append(f"{where}: {top} is not below {app}")
                elif ".views" in f".{module}." and module.split(".")[1:2] == ["views"]:
                    problems.append(f"{where}: no app imports another app's views")
    return problems


def _dependencies(path: Path) -> list[tuple[int, str]]:
    """(line, app label) of a migration's dependencies; the swappable user model is "<user>"."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "dependencies" for t in node.targets):
            for element in getattr(node.value, "elts", []):
                if isinstance(element, ast.Tuple) and isinstance(element.elts[0], ast.Constant):
                    found.append((element.lineno, element.elts[0].value))
                elif isinstance(element, ast.Call) and getattr(element.func, "attr", "") == "swappable_dependency":
                    found.append((element.lineno, "<user>"))
                else:
                    found.append((element.lineno, ast.unparse(element)))
    return found


def migration_violations(app: str, paths: list[Path] | None = None) -> list[str]:
    problems = []
    for path in paths if paths is not None else sorted((ROOT / app / "migrations").glob("0*.py")):
        where = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path.name
        for line, label in _dependencies(path):
            if label == "<user>" or label == app or (label not in LAYERS and label.isidentifier()):
                continue
            if label not in LAYERS:
                problems.append(f"{where}:{line}: unreadable dependency {label}")
            elif LAYERS[label] >= LAYERS[app]:
                problems.append(f"{where}:{line}: depends on {label}, not below {app}")
    return problems


APPS = [app for app in LAYERS if (ROOT / app).is_dir()]


@pytest.mark.parametrize("app", APPS)
def test_imports_follow_the_layer_order(app):
    files = _python_files(app)
    assert files, f"no module read for {app}"
    assert import_violations(app, files) == []


@pytest.mark.parametrize("app", APPS)
def test_migrations_depend_only_on_lower_apps(app):
    assert migration_violations(app) == []


def test_grants_and_evaluations_do_not_know_each_other():
    assert LAYERS["grants"] == LAYERS["evaluations"]  # equal layers: neither may import the other


def test_no_python_file_outside_migrations_is_over_800_lines():
    too_long = []
    for path in ROOT.rglob("*.py"):
        parts = set(path.relative_to(ROOT).parts)
        if parts & SKIP_DIRS or "migrations" in parts:
            continue
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MAX_LINES:
            too_long.append(f"{path.relative_to(ROOT)}: {lines} lines")
    assert too_long == []


# --- The checks can fail --------------------------------------------------------------------


def _probe_violations(app: str, source: str) -> list[str]:
    """Write a throwaway module into ``app``, read it like the real ones, remove it."""
    module = ROOT / app / "_architecture_probe.py"
    module.write_text(source)
    try:
        return [p.split(": ", 1)[1] for p in import_violations(app, [module])]
    finally:
        module.unlink()


def test_an_upward_import_is_caught():
    source = (
        "from agreements.models import Agreement\n\n\ndef f():\n    from demo import builders\n\n\n"
        "from activities.views import staff\nimport wmfr_partners.celery\n"
    )
    assert _probe_violations("partnerships", source) == [
        "agreements is not below partnerships",
        "demo is not below partnerships",
        "activities is not below partnerships",
        "no app imports the project package",
    ]


def test_a_downward_import_is_fine_but_never_of_views():
    source = (
        "from partnerships.models import Partner\nfrom partnerships.views import staff\nfrom activities import views\n"
    )
    assert _probe_violations("agreements", source) == [
        "no app imports another app's views",
        "no app imports another app's views",
    ]


def test_an_upward_migration_dependency_is_caught(tmp_path):
    path = tmp_path / "0999_architecture_probe.py"
    path.write_text(
        "from django.db import migrations\n\n\nclass Migration(migrations.Migration):\n"
        "    dependencies = [('accounts', '0001_initial'), ('agreements', '0001_initial'), ('auth', '0001')]\n"
        "    operations = []\n"
    )
    problems = migration_violations("accounts", [path])
    assert [p.split(": ", 1)[1] for p in problems] == ["depends on agreements, not below accounts"]
