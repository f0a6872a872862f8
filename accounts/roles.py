"""Staff roles: Django groups and the model permissions each one carries.

Applied by a data migration (accounts/migrations/0002_roles.py) and re-applied by any
later migration that adds permissions, so a fresh database and an old one agree.
"""

STAFF_MEMBER = "Staff member"
PROGRAMME_OFFICER = "Programme officer"
GRANTS_COMMITTEE = "Grants committee member"
EVALUATOR = "Evaluator"

_DIRECTORY = [
    f"{action}_{model}"
    for model in ("partner", "contact", "membership", "principleacceptance", "partnership", "activity")
    for action in ("view", "add", "change")
]
_READ_REFERENCE = ["view_activitytype", "view_strategicplan", "view_priority", "view_subpriority"]
_PORTAL_ACCESS = [
    "view_invitation",
    "add_invitation",
    "change_invitation",
    "view_partnermember",
    "view_actionproposal",
    "change_actionproposal",
]

_AGREEMENTS = [
    f"{action}_{model}"
    for model in ("agreement", "clause", "amendment", "agreementdocument", "signedscan")
    for action in ("view", "add", "change")
]

ROLE_PERMISSIONS: dict[str, list[str]] = {
    STAFF_MEMBER: _DIRECTORY + _READ_REFERENCE + _PORTAL_ACCESS + _AGREEMENTS,
    PROGRAMME_OFFICER: _DIRECTORY + _READ_REFERENCE + _PORTAL_ACCESS + _AGREEMENTS,
    GRANTS_COMMITTEE: ["view_partner", "view_partnership", "view_agreement", *_READ_REFERENCE],
    EVALUATOR: ["view_partner", "view_partnership", "view_activity", *_READ_REFERENCE],
}


def roles_sync(apps) -> None:
    """Create the groups and set their permissions (idempotent)."""
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        # Historical app configs (in migrations) have no models module, and
        # create_permissions skips those; lend them one for the call only.
        original = getattr(app_config, "models_module", None)
        if original is None:
            app_config.models_module = True
        try:
            create_permissions(app_config, apps=apps, verbosity=0)
        finally:
            app_config.models_module = original
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, codenames in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role)
        group.permissions.set(Permission.objects.filter(codename__in=codenames))
