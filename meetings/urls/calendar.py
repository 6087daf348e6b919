"""The participant's calendar (/kalender/): the page, the private feed, one meeting's file."""

from django.urls import path

from ..views import calendar as views

app_name = "calendar"

urlpatterns = [
    path("", views.SettingsView.as_view(), name="settings"),
    path("ny-adresse/", views.ResetView.as_view(), name="reset"),
    path("moede/<id:meeting_pk>.ics", views.MeetingDownloadView.as_view(), name="meeting"),
    path("<str:token>.ics", views.FeedView.as_view(), name="feed"),
]
