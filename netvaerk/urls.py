from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, register_converter
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from . import views
from .converters import IdConverter

# Ids in URLs are <id:pk>: a number too large for an id column is 404, not a database error.
register_converter(IdConverter, "id")

admin.site.site_header = admin.site.site_title = _("Network structure")
admin.site.index_title = _("Administration of the network structure")

urlpatterns = [
    path("", include("meetings.urls.dashboard")),
    path("netvaerk/", include("meetings.urls.networks")),
    path("netvaerk/", include("meetings.urls.exports")),
    path("deltagere/", include("meetings.urls.participants")),
    path("moeder/", include("meetings.urls.meetings")),
    path("behandlinger/", include("meetings.urls.privacy")),
    # The participant's side.
    path("mit/", include("meetings.urls.mine")),
    path("mine-oplysninger/", include("meetings.urls.mydata")),
    path("kalender/", include("meetings.urls.calendar")),
    path("invitation/", include("meetings.urls.onboarding")),
    path("log-ind/", include("participants.urls")),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("logout/alle-enheder/", views.logout_everywhere, name="logout_everywhere"),
    path(
        "tilgaengelighed/",
        TemplateView.as_view(template_name="accessibility.html"),
        name="accessibility",
    ),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]

# A database outage met outside a view still gets the 503 page (netvaerk/faults.py).
handler500 = "netvaerk.faults.server_error"
