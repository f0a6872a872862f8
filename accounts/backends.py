from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache

from core import dataversion

PERMISSIONS_CACHE_SECONDS = 300


def account_for_identifier(identifier: str | None):
    """The one account a typed identifier designates, or None.

    Partners type their login name or their e-mail address, in any case, sometimes with a
    stray space: every spelling leads to the same account. An e-mail shared by two accounts
    designates nobody. Used by the login backend and by the lock-out counter alike, so that
    both agree on who is trying to log in.
    """
    typed = (identifier or "").strip()
    if not typed:
        return None
    users = get_user_model().objects
    exact = users.filter(username=typed).first()
    if exact is not None:
        return exact
    by_username = list(users.filter(username__iexact=typed)[:2])
    if len(by_username) == 1:
        return by_username[0]
    if "@" in typed and not by_username:
        by_email = list(users.filter(email__iexact=typed)[:2])
        if len(by_email) == 1:
            return by_email[0]
    return None


class EmailOrUsernameBackend(ModelBackend):
    """Log in with the login name or with the e-mail address (what partners remember)."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        user = account_for_identifier(username)
        if user is None:
            # Run the hasher anyway, so a missing account takes as long as a wrong password.
            return super().authenticate(request, username=(username or "").strip(), password=password, **kwargs)
        return super().authenticate(request, username=user.get_username(), password=password, **kwargs)

    def get_user(self, user_id):
        """The session's user, with the bell's unread count in the same query (core.notifications),
        read once per data version (core/dataversion.py): any write (a deactivated account, a new
        password, a notification read) gives a new version, so the next request reads it again."""
        from core.notifications import with_unread_count

        key = f"session-user:{user_id}:{dataversion.current()}"
        user = cache.get(key)
        if user is None:
            user = with_unread_count(get_user_model()._default_manager.filter(pk=user_id)).first()
            if user is not None:
                cache.set(key, user, PERMISSIONS_CACHE_SECONDS)
        return user if user is not None and self.user_can_authenticate(user) else None

    def _get_permissions(self, user_obj, obj, from_name):
        """The user's (or their groups') permissions, read once per data version rather than
        twice a page: any write to users, groups or permissions gives a new version
        (core/dataversion.py), so a withdrawn permission stops at once."""
        attribute = f"_{from_name}_perm_cache"
        if obj is not None or not user_obj.is_active or user_obj.is_anonymous or hasattr(user_obj, attribute):
            return super()._get_permissions(user_obj, obj, from_name)
        key = f"permissions:{from_name}:{user_obj.pk}:{dataversion.current()}"
        perms = cache.get(key)
        if perms is None:
            perms = super()._get_permissions(user_obj, obj, from_name)
            cache.set(key, perms, PERMISSIONS_CACHE_SECONDS)
        setattr(user_obj, attribute, perms)
        return perms
