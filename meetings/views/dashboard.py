"""The overview: what needs the secretariat's attention across the networks one may see."""

from django.shortcuts import redirect
from django.views.generic import TemplateView

from meetings.retention import removal_requests
from meetings.selectors import overview
from participants.rules import participant_of

from .base import SecretariatPage


class DashboardView(SecretariatPage, TemplateView):
    template_name = "dashboard/index.html"

    def dispatch(self, request, *args, **kwargs):
        # A participant who lands on the front page (the site's address, a sign-in) gets
        # their own overview, not a 403; a co-driver, who may use both sides, stays here.
        if not self.has_permission() and participant_of(request.user) is not None:
            return redirect("mine:index")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        if self.request.user.has_perm("participants.manage_participants"):
            kwargs["removal_requests"] = removal_requests()
        return super().get_context_data(overview=overview(self.request.user), **kwargs)
