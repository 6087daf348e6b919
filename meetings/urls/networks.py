from django.urls import path

from meetings.views import networks

app_name = "networks"

urlpatterns = [
    path("", networks.NetworkListView.as_view(), name="index"),
    path("ny/", networks.NetworkCreateView.as_view(), name="create"),
    path("<id:pk>/", networks.NetworkDetailView.as_view(), name="detail"),
    path("<id:pk>/rediger/", networks.NetworkUpdateView.as_view(), name="update"),
    path("<id:pk>/moedeplan/", networks.MeetingPlanView.as_view(), name="meeting_plan"),
]
