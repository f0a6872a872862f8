from django.db import migrations

from accounts.roles import roles_sync


def forwards(apps, schema_editor):
    roles_sync(apps)


class Migration(migrations.Migration):
    """Give the staff roles the permissions of the agreements app."""

    dependencies = [
        ("accounts", "0003_roles_portal_access"),
        ("agreements", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
