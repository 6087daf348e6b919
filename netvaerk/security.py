"""Sign-in protection: the lockout backend and the client's IP address behind a proxy."""

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.shortcuts import render


class LockoutBackend(AxesStandaloneBackend):
    """django-axes' check, for sign-ins that come with a web request.

    A sign-in without a request (the test client's ``login``, a shell) is no one guessing
    passwords over the web; it passes on to the next backend instead of failing outright.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def client_ip(request) -> str | None:
    """The address the request came from. Behind our reverse proxy (NETVAERK_BEHIND_PROXY)
    that is the last X-Forwarded-For entry — the one our proxy added; earlier entries come
    from the client and could be anything."""
    if settings.NETVAERK_BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[-1]
    return request.META.get("REMOTE_ADDR")


def lockout_response(request, original_response=None, credentials=None):
    """The Danish page shown while a sign-in is locked (AXES_LOCKOUT_CALLABLE)."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    context = {"failure_limit": settings.AXES_FAILURE_LIMIT, "cooloff_minutes": minutes}
    return render(request, "registration/locked_out.html", context, status=429)
