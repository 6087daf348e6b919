from django.urls import path

from meetings.views import participants

app_name = "participants"

urlpatterns = [
    path("", participants.ParticipantListView.as_view(), name="index"),
    path("ny/", participants.ParticipantCreateView.as_view(), name="create"),
    path("<id:pk>/", participants.ParticipantDetailView.as_view(), name="detail"),
    path("<id:pk>/rediger/", participants.ParticipantUpdateView.as_view(), name="update"),
    path("<id:pk>/arkiver/", participants.ParticipantArchiveView.as_view(), name="archive"),
    path("<id:pk>/genaktiver/", participants.ParticipantRestoreView.as_view(), name="restore"),
    path("<id:pk>/slet/", participants.ParticipantDeleteView.as_view(), name="delete"),
    path("<id:pk>/anonymiser/", participants.ParticipantAnonymiseView.as_view(), name="anonymise"),
    path("<id:pk>/data/", participants.ParticipantDataView.as_view(), name="data_export"),
    path("opbevaring/", participants.RetentionView.as_view(), name="retention"),
    path(
        "<id:pk>/netvaerk/tilfoej/",
        participants.MembershipAddView.as_view(),
        name="membership_add",
    ),
    path(
        "medlemskab/<id:pk>/rediger/",
        participants.MembershipChangeView.as_view(),
        name="membership_change",
    ),
    path(
        "medlemskab/<id:pk>/afslut/",
        participants.MembershipEndView.as_view(),
        name="membership_end",
    ),
    path(
        "netvaerk/<id:network_pk>/tilfoej/",
        participants.NetworkMemberAddView.as_view(),
        name="network_member_add",
    ),
]
