from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.validators import PersonNameValidator


class User(AbstractUser):
    """A person who logs in: staff (is_staff) or a partner's contact (portal)."""

    # The name goes into e-mails we send on the user's behalf (invitations): a name only.
    first_name = models.CharField(_("first name"), max_length=150, blank=True, validators=[PersonNameValidator()])
    last_name = models.CharField(_("last name"), max_length=150, blank=True, validators=[PersonNameValidator()])

    preferred_language = models.CharField(
        _("preferred language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default="fr",
        help_text=_("Used for the interface after login, e-mails and documents."),
    )

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.get_full_name() or self.username
