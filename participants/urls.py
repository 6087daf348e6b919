"""Sign-in for participants by a one-time link in the mail (/log-ind/)."""

from django.urls import path

from . import views

app_name = "signin"

urlpatterns = [
    path("", views.SignInRequestView.as_view(), name="request"),
    path("tjek-din-mail/", views.SignInSentView.as_view(), name="sent"),
    path("<str:token>/", views.SignInLinkView.as_view(), name="link"),
]
