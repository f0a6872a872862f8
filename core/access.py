"""Access rules for the two doors: the staff back-office and the partner portal.

Anonymous users are sent to the login page; an authenticated user who is not staff
gets 403 on the back-office; a staff user without the view's permission gets 403.
"""

from django.contrib.auth.mixins import AccessMixin


class StaffRequiredMixin(AccessMixin):
    """Back-office views: staff only, plus the model permissions the view names."""

    permission_required: tuple[str, ...] = ()
    raise_exception = False

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if not user.is_authenticated:
            return self.handle_no_permission()
        if not user.is_staff or not user.has_perms(self.permission_required):
            self.raise_exception = True
            return self.handle_no_permission()
        return super().dispatch(request, *args, **kwargs)
