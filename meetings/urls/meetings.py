from django.urls import path

from meetings.views import meetings

app_name = "meetings"

urlpatterns = [
    path("", meetings.MeetingListView.as_view(), name="index"),
    path("nyt/", meetings.ChooseNetworkView.as_view(), name="choose_network"),
    path("nyt/<int:network_pk>/", meetings.MeetingCreateView.as_view(), name="create"),
    path("<int:pk>/", meetings.MeetingDetailView.as_view(), name="detail"),
    path("<int:pk>/rediger/", meetings.MeetingUpdateView.as_view(), name="update"),
    path("<int:pk>/aflys/", meetings.MeetingCancelView.as_view(), name="cancel"),
    path("<int:pk>/inviter/", meetings.InviteView.as_view(), name="invite"),
    path("<int:pk>/paamind/", meetings.RemindUnansweredView.as_view(), name="remind"),
    path("<int:pk>/fremmoede/", meetings.AttendanceView.as_view(), name="attendance"),
    path("<int:pk>/referat/", meetings.MinutesView.as_view(), name="minutes"),
    path("<int:pk>/referat/fil/", meetings.MinutesFileView.as_view(), name="minutes_file"),
    path("<int:pk>/opgaver/ny/", meetings.TaskCreateView.as_view(), name="task_create"),
    path(
        "<int:pk>/opgaver/<int:task_pk>/rediger/",
        meetings.TaskUpdateView.as_view(),
        name="task_update",
    ),
    path(
        "<int:pk>/opgaver/<int:task_pk>/slet/",
        meetings.TaskDeleteView.as_view(),
        name="task_delete",
    ),
    path(
        "<int:pk>/opgaver/<int:task_pk>/<int:assignment_pk>/udfoert/",
        meetings.TaskDoneView.as_view(),
        name="task_done",
    ),
]
