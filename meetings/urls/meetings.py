from django.urls import path

from meetings.views import meetings

app_name = "meetings"

urlpatterns = [
    path("", meetings.MeetingListView.as_view(), name="index"),
    path("nyt/", meetings.ChooseNetworkView.as_view(), name="choose_network"),
    path("nyt/<id:network_pk>/", meetings.MeetingCreateView.as_view(), name="create"),
    path("<id:pk>/", meetings.MeetingDetailView.as_view(), name="detail"),
    path("<id:pk>/rediger/", meetings.MeetingUpdateView.as_view(), name="update"),
    path("<id:pk>/aflys/", meetings.MeetingCancelView.as_view(), name="cancel"),
    path("<id:pk>/inviter/", meetings.InviteView.as_view(), name="invite"),
    path("<id:pk>/paamind/", meetings.RemindUnansweredView.as_view(), name="remind"),
    path("<id:pk>/fremmoede/", meetings.AttendanceView.as_view(), name="attendance"),
    path("<id:pk>/referat/", meetings.MinutesView.as_view(), name="minutes"),
    path("<id:pk>/referat/fil/", meetings.MinutesFileView.as_view(), name="minutes_file"),
    path("<id:pk>/opgaver/ny/", meetings.TaskCreateView.as_view(), name="task_create"),
    path(
        "<id:pk>/opgaver/<id:task_pk>/rediger/",
        meetings.TaskUpdateView.as_view(),
        name="task_update",
    ),
    path(
        "<id:pk>/opgaver/<id:task_pk>/slet/",
        meetings.TaskDeleteView.as_view(),
        name="task_delete",
    ),
    path(
        "<id:pk>/opgaver/<id:task_pk>/<id:assignment_pk>/udfoert/",
        meetings.TaskDoneView.as_view(),
        name="task_done",
    ),
]
