"""Staff roles: Django groups, and a registry of the permissions each one carries.

Role names live here, at the bottom of the stack; each app grants its own models'
permissions to the roles in its ``AppConfig.ready()`` (``grant(STAFF_MEMBER, "app.view_x")``),
so this module knows no app above it. ``roles_sync`` (run after every ``migrate``, see
``accounts.apps``) creates the groups and sets exactly the registered permissions.
"""

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

STAFF_MEMBER = "Staff member"
PROGRAMME_OFFICER = "Programme officer"
GRANTS_COMMITTEE = "Grants committee member"
EVALUATOR = "Evaluator"

ROLES: tuple[str, ...] = (STAFF_MEMBER, PROGRAMME_OFFICER, GRANTS_COMMITTEE, EVALUATOR)

_granted: dict[str, set[str]] = defaultdict(set)


def grant(role: str, permissions: Iterable[str]) -> None:
    """Give ``role`` the permissions named ``"app_label.codename"`` (call from ``ready()``)."""
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}")
    for permission in permissions:
        app_label, dot, codename = permission.partition(".")
        if not dot or not app_label or not codename:
            raise ValueError(f"permission {permission!r} must read 'app_label.codename'")
        _granted[role].add(permission)


def model_permissions(app_label: str, models: Iterable[str], actions: Iterable[str]) -> list[str]:
    """``["app.view_partner", "app.add_partner", ...]`` for each model × action."""
    actions = list(actions)
    return [f"{app_label}.{action}_{model}" for model in models for action in actions]


def role_permissions() -> dict[str, set[str]]:
    """What each role carries, as registered by the apps."""
    return {role: set(_granted.get(role, set())) for role in ROLES}


def roles_sync(apps: Any) -> None:
    """Create the groups and set their permissions to exactly what is registered (idempotent)."""
    from django.contrib.auth.management import create_permissions
    from django.db.models import Q

    for app_config in apps.get_app_configs():
        # Permissions of apps later in INSTALLED_APPS may not exist yet when accounts'
        # post_migrate runs on a fresh database: create them first (idempotent).
        original = getattr(app_config, "models_module", None)
        if original is None:
            app_config.models_module = True  # historical configs have none; lend one for the call
        try:
            create_permissions(app_config, apps=apps, verbosity=0)
        finally:
            app_config.models_module = original
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, permissions in role_permissions().items():
        group, _created = Group.objects.get_or_create(name=role)
        wanted = Q(pk__in=[])
        for permission in permissions:
            app_label, _dot, codename = permission.partition(".")
            wanted |= Q(content_type__app_label=app_label, codename=codename)
        group.permissions.set(Permission.objects.filter(wanted))
