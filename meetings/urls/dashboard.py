from django.urls import path

from meetings.views import dashboard

app_name = "dashboard"

urlpatterns = [
    path("", dashboard.DashboardView.as_view(), name="index"),
]
