from django.db import migrations

# Roles used to be synchronised here, which made accounts' migrations depend on the apps
# above it. The groups and their permissions are now set after every migrate from the
# registry the apps fill (accounts.roles, accounts.apps); this migration is kept, empty,
# for databases that recorded it.


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]

    operations = []
