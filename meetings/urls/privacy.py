from django.urls import path

from meetings.views import privacy

app_name = "privacy"

urlpatterns = [
    path("", privacy.ProcessingRecordView.as_view(), name="record"),
]
