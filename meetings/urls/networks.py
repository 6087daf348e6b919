from django.urls import path

from meetings.views import networks

app_name = "networks"

urlpatterns = [
    path("", networks.NetworkListView.as_view(), name="index"),
]
