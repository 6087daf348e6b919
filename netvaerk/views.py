"""Project-wide views: signing out of every device."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseRedirect
from django.shortcuts import resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .sessions import sessions_end_for


@require_POST
@login_required
def logout_everywhere(request):
    """End all the person's sessions — this browser, their phone, a forgotten work PC."""
    user = request.user
    logout(request)
    sessions_end_for(user)
    messages.success(request, _("You are now logged out on all your devices."))
    next_url = request.POST.get("next", "")
    if not (
        next_url.startswith("/")
        and next_url.isprintable()
        and url_has_allowed_host_and_scheme(
            next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        next_url = resolve_url(settings.LOGOUT_REDIRECT_URL)
    # A path as it is: redirect() would look a word up as a URL name (NoReverseMatch, a 500).
    return HttpResponseRedirect(next_url)
