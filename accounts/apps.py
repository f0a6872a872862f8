from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _sync_roles(sender, **kwargs):
    from django.apps import apps

    from .roles import roles_sync

    roles_sync(kwargs.get("apps") or apps)


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        # Keep the staff groups' permissions in step after every migrate (and after the
        # database flushes of transactional tests, which erase data-migration rows).
        post_migrate.connect(_sync_roles, sender=self, dispatch_uid="accounts.sync_roles")

        from core.deadlines import PROGRAMME_OFFICER, recipient_role_register

        from .recipients import programme_officers

        recipient_role_register(PROGRAMME_OFFICER, programme_officers)
