"""A network's exports, under /netvaerk/<pk>/eksport/."""

from django.urls import path

from meetings.views import exports

app_name = "exports"

urlpatterns = [
    path(
        "<id:pk>/eksport/deltagere.csv",
        exports.MembersExport.as_view(file_format="csv"),
        name="members_csv",
    ),
    path(
        "<id:pk>/eksport/deltagere.xlsx",
        exports.MembersExport.as_view(file_format="xlsx"),
        name="members_xlsx",
    ),
    path(
        "<id:pk>/eksport/fremmoede.csv",
        exports.AttendanceExport.as_view(file_format="csv"),
        name="attendance_csv",
    ),
    path(
        "<id:pk>/eksport/fremmoede.xlsx",
        exports.AttendanceExport.as_view(file_format="xlsx"),
        name="attendance_xlsx",
    ),
]
