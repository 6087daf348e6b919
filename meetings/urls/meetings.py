from django.urls import path

from meetings.views import meetings

app_name = "meetings"

urlpatterns = [
    path("", meetings.MeetingListView.as_view(), name="index"),
    path("<int:pk>/", meetings.MeetingDetailView.as_view(), name="detail"),
]
