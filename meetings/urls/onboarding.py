from django.urls import path

from meetings.views import onboarding

app_name = "onboarding"

urlpatterns = [
    # The secretariat's pages.
    path(
        "netvaerk/<id:network_pk>/",
        onboarding.NetworkInvitationListView.as_view(),
        name="network_invitations",
    ),
    path("netvaerk/<id:network_pk>/ny/", onboarding.NetworkInviteView.as_view(), name="invite"),
    path("deltager/<id:pk>/ny/", onboarding.PersonInviteView.as_view(), name="invite_person"),
    path("<id:pk>/send-igen/", onboarding.ResendView.as_view(), name="resend"),
    path("<id:pk>/traek-tilbage/", onboarding.WithdrawView.as_view(), name="withdraw"),
    path(
        "<id:pk>/send-til-leder/",
        onboarding.ManagerSummaryView.as_view(),
        name="manager_summary",
    ),
    # The pages behind the signed links in the mail (no login).
    path("leder/<str:token>/", onboarding.ManagerPage.as_view(), name="manager"),
    path("<str:token>/", onboarding.InvitationPage.as_view(), name="open"),
    path("<str:token>/nej/", onboarding.DeclinePage.as_view(), name="decline"),
    path("<str:token>/tak/", onboarding.DonePage.as_view(), name="done"),
]
