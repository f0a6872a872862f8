from django.conf import settings
from django.contrib.auth import views as auth_views
from django.utils.translation import get_language

from .forms import LoginForm


class LoginView(auth_views.LoginView):
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
