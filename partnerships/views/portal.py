"""Partner portal views (namespace "portal")."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.views.generic import TemplateView


class PortalHomeView(LoginRequiredMixin, TemplateView):
    template_name = "partnerships/portal/home.html"
