from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class EmailOrUsernameBackend(ModelBackend):
    """Log in with the login name or with the e-mail address (what partners remember)."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        user_model = get_user_model()
        if username and "@" in username and not user_model.objects.filter(username__iexact=username).exists():
            matches = list(user_model.objects.filter(email__iexact=username)[:2])
            if len(matches) == 1:  # an ambiguous e-mail logs in nobody
                username = matches[0].get_username()
        return super().authenticate(request, username=username, password=password, **kwargs)
