from django.urls import path

from meetings.views import networks

app_name = "networks"

urlpatterns = [
    path("", networks.NetworkListView.as_view(), name="index"),
    path("ny/", networks.NetworkCreateView.as_view(), name="create"),
    path("<int:pk>/", networks.NetworkDetailView.as_view(), name="detail"),
    path("<int:pk>/rediger/", networks.NetworkUpdateView.as_view(), name="update"),
    path("<int:pk>/moedeplan/", networks.MeetingPlanView.as_view(), name="meeting_plan"),
]
