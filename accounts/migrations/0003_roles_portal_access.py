from django.db import migrations

from accounts.roles import roles_sync


def forwards(apps, schema_editor):
    roles_sync(apps)


class Migration(migrations.Migration):
    """Give the staff roles the permissions of the portal-access models."""

    dependencies = [
        ("accounts", "0002_roles"),
        ("partnerships", "0002_invitation_partnermember"),
        ("activities", "0003_actionproposal"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
