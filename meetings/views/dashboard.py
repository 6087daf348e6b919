from django.utils import timezone
from django.views.generic import TemplateView

from meetings.models import Meeting
from meetings.selectors import networks_visible_to

from .base import SecretariatPage


class DashboardView(SecretariatPage, TemplateView):
    template_name = "dashboard/index.html"

    def get_context_data(self, **kwargs):
        now = timezone.now()
        upcoming = (
            Meeting.objects.filter(
                network__in=networks_visible_to(self.request.user), starts_at__gte=now
            )
            .exclude(status=Meeting.Status.CANCELLED)
            .select_related("network", "phase")
            .order_by("starts_at")[:20]
        )
        return super().get_context_data(upcoming_meetings=upcoming, **kwargs)
