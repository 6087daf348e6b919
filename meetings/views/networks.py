from django.views.generic import ListView

from meetings.selectors import networks_visible_to

from .base import SecretariatPage


class NetworkListView(SecretariatPage, ListView):
    template_name = "networks/index.html"
    context_object_name = "networks"
    paginate_by = 25

    def get_queryset(self):
        return networks_visible_to(self.request.user).order_by("name")
