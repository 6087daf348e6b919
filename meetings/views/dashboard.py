"""The overview: what needs the secretariat's attention across the networks one may see."""

from django.views.generic import TemplateView

from meetings.selectors import overview

from .base import SecretariatPage


class DashboardView(SecretariatPage, TemplateView):
    template_name = "dashboard/index.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(overview=overview(self.request.user), **kwargs)
