"""The invitation link: reachable without an account; the token is the credential."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View
from django_scopes import scopes_disabled

from core.access import PublicMixin

from .. import services
from ..forms import InvitationAcceptForm
from ..middleware import PORTAL_SESSION_KEY


class InvitationAcceptView(PublicMixin, View):
    """GET shows the invitation; POST accepts it. A used, expired, revoked, unknown,
    malformed or foreign-organisation token answers 404, as does a logged-in user whose
    e-mail is not the invited one; the page says which (for a real link) and the next step."""

    template_name = "partnerships/invitation_accept.html"

    def load(self, request, partner_id: int, token: str):
        invitation = services.invitation_find(partner_id=partner_id, token=token)
        user = request.user if request.user.is_authenticated else None
        if user is not None and user.email.lower() != invitation.email:
            raise services.InvitationUnavailableError("other_account")
        with scopes_disabled():
            existing = user or get_user_model().objects.filter(email__iexact=invitation.email).first()
        return invitation, user, existing

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except services.InvitationUnavailableError as exc:
            return self.unavailable(request, exc)

    def unavailable(self, request, exc):
        """Still a 404, but one that says why the link does not work and what to do next."""
        invitation = exc.invitation
        return render(
            request,
            "partnerships/invitation_unavailable.html",
            {
                "reason": exc.state,
                "expired_on": invitation.expires_at if invitation and exc.state == "expired" else None,
                "contact_email": settings.WMFR_IDENTITY["email"],
            },
            status=404,
        )

    def get(self, request, partner_id: int, token: str):
        invitation, user, existing = self.load(request, partner_id, token)
        form = None if existing else InvitationAcceptForm(email=invitation.email)
        return self.render(request, invitation, user, existing, form)

    def post(self, request, partner_id: int, token: str):
        invitation, user, existing = self.load(request, partner_id, token)
        if existing is not None and user is None:
            # An account exists: its owner logs in first, then accepts (no password reset here).
            return redirect_to_login(request.get_full_path())
        form = None
        if user is not None:
            accepted_user = services.invitation_accept(invitation=invitation, user=user)
        else:
            form = InvitationAcceptForm(request.POST, email=invitation.email)
            if not form.is_valid():
                return self.render(request, invitation, user, existing, form, status=400)
            accepted_user = services.invitation_accept(
                invitation=invitation,
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"],
                password=form.cleaned_data["password1"],
            )
        if user is None:
            login(request, accepted_user, backend="accounts.backends.EmailOrUsernameBackend")
        request.session[PORTAL_SESSION_KEY] = invitation.partner_id
        messages.success(request, _("Welcome to the partner space of %(partner)s.") % {"partner": invitation.partner})
        response = redirect("portal:home")
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            accepted_user.preferred_language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE,
        )
        return response

    def render(self, request, invitation, user, existing, form, status=200):
        return render(
            request,
            self.template_name,
            {
                "invitation": invitation,
                "user_is_invitee": user is not None,
                "has_account": existing is not None,
                "form": form,
            },
            status=status,
        )
