from django.urls import path

from meetings.views import mydata

app_name = "mydata"

urlpatterns = [
    path("", mydata.MyDataView.as_view(), name="index"),
    path("paamindelser/", mydata.RemindersView.as_view(), name="reminders"),
    path("samtykke/", mydata.PeerConsentView.as_view(), name="consent"),
    path("download/", mydata.ExportView.as_view(), name="export"),
    path("sletning/", mydata.RemovalView.as_view(), name="removal"),
]
