from django.utils import timezone
from django.views.generic import DetailView, ListView

from meetings.models import Meeting
from meetings.selectors import networks_visible_to

from .base import SecretariatPage


class MeetingListView(SecretariatPage, ListView):
    template_name = "meetings/index.html"
    context_object_name = "meetings"
    paginate_by = 25

    def get_queryset(self):
        return (
            Meeting.objects.filter(
                network__in=networks_visible_to(self.request.user),
                starts_at__gte=timezone.now(),
            )
            .select_related("network", "phase")
            .order_by("starts_at")
        )


class MeetingDetailView(SecretariatPage, DetailView):
    permission_required = "meetings.run_meeting"
    template_name = "meetings/index.html"

    def get_queryset(self):
        return Meeting.objects.filter(network__in=networks_visible_to(self.request.user))
