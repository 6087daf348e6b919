"""What every secretariat page shares: who may open it."""

from rules.contrib.views import PermissionRequiredMixin


class SecretariatPage(PermissionRequiredMixin):
    """A page of the secretariat's application. Anonymous visitors are sent to log in;
    a signed-in person without the permission gets 403."""

    permission_required = "netvaerk.use_secretariat_pages"
