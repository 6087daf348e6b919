from django.urls import path

from meetings.views import mine

app_name = "mine"

urlpatterns = [
    path("", mine.IndexView.as_view(), name="index"),
    path("tidligere/", mine.PastView.as_view(), name="past"),
    path("moede/<id:pk>/", mine.MeetingView.as_view(), name="meeting"),
    path("moede/<id:pk>/svar/", mine.AnswerView.as_view(), name="answer"),
    path("moede/<id:pk>/afbud/", mine.AbsenceView.as_view(), name="absence"),
    path("moede/<id:pk>/referat/", mine.MinutesFileView.as_view(), name="minutes_file"),
    path("opgave/<id:pk>/", mine.TaskDoneView.as_view(), name="task_done"),
    path("netvaerk/<id:pk>/", mine.NetworkView.as_view(), name="network"),
]
