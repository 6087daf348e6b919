from django.views.generic import ListView

from participants.models import Participant

from .base import SecretariatPage


class ParticipantListView(SecretariatPage, ListView):
    permission_required = "participants.manage_participants"
    template_name = "participants/index.html"
    context_object_name = "participants"
    paginate_by = 50

    def get_queryset(self):
        return Participant.objects.filter(archived_at__isnull=True).order_by("name", "pk")
