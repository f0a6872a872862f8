from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import i18n as i18n_views
from django.views.decorators.http import require_POST

from core import ratelimit
from core.access import LoggedInMixin, PublicMixin, public

from .forms import LoginForm
from .lockout import client_ip


class LoginView(PublicMixin, auth_views.LoginView):
    """Django's login view, applying the user's preferred language at login."""

    form_class = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        language = form.get_user().preferred_language or get_language()
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=False,
        )
        return response


@public
@require_POST
def set_language(request):
    """Django's language switcher, which also remembers the choice as the user's preference
    (used at the next login, in e-mails and for documents) and says so, in the new language."""
    response = i18n_views.set_language(request)
    language = request.POST.get("language", "")
    user = request.user
    if user.is_authenticated and language in dict(settings.LANGUAGES) and user.preferred_language != language:
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])
        with translation.override(language):
            messages.info(
                request,
                _(
                    "%(language)s is now also your preferred language for e-mails and documents. "
                    "You can change it again at any time with the language selector."
                )
                % {"language": translation.get_language_info(language)["name_translated"].capitalize()},
            )
    return response


# Django's account views, each with its declared access (read by the URL × role walk).
class LogoutView(LoggedInMixin, auth_views.LogoutView):
    pass


class PasswordChangeView(LoggedInMixin, auth_views.PasswordChangeView):
    pass


class PasswordChangeDoneView(LoggedInMixin, auth_views.PasswordChangeDoneView):
    pass


class PasswordResetView(PublicMixin, auth_views.PasswordResetView):
    """Django's reset view, rate-limited per typed address and per client address, so that
    it cannot flood a mailbox (counted whether or not an account has that address)."""

    def form_valid(self, form):
        hour = 3600
        buckets = [
            ratelimit.Bucket(
                "reset-account",
                form.cleaned_data["email"].strip().lower(),
                settings.PASSWORD_RESETS_PER_ACCOUNT_PER_HOUR,
                hour,
            ),
            ratelimit.Bucket(
                "reset-address", client_ip(self.request) or "", settings.PASSWORD_RESETS_PER_ADDRESS_PER_HOUR, hour
            ),
        ]
        try:
            ratelimit.consume(*buckets)
        except ratelimit.RateLimitedError:
            form.add_error(
                None,
                _("Too many password reset requests in the last hour. Please try again later, or contact us."),
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().form_valid(form)


class PasswordResetDoneView(PublicMixin, auth_views.PasswordResetDoneView):
    pass


class PasswordResetConfirmView(PublicMixin, auth_views.PasswordResetConfirmView):
    def form_valid(self, form):
        response = super().form_valid(form)
        # A new password is the way out of a lock-out (the lock-out page says so).
        axes_reset(username=form.user.get_username())
        return response


class PasswordResetCompleteView(PublicMixin, auth_views.PasswordResetCompleteView):
    pass
