from django.urls import path

from meetings.views import participants

app_name = "participants"

urlpatterns = [
    path("", participants.ParticipantListView.as_view(), name="index"),
]
