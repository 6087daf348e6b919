"""Sign-in for participants: ask for a link by mail, then use it once.

Staff sign in with their password at /login/ (Django's LoginView)."""

from django import forms
from django.contrib import messages
from django.contrib.auth import login
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, TemplateView

from netvaerk.security import client_ip

from . import signin
from .rules import participant_of
from .signin import Asked, LinkProblem

SENT_TO = "signin_sent_to"  # the session key of the address last asked for, for the next page


class SignInRequestForm(forms.Form):
    email = forms.EmailField(
        label=gettext_lazy("Your email address"),
        max_length=254,
        help_text=gettext_lazy("The address the secretariat has for you."),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )
    next = forms.CharField(required=False, widget=forms.HiddenInput, max_length=2000)


class SignInRequestView(FormView):
    """The page asking for an email address. Whatever is typed, the next page says the same."""

    template_name = "signin/request.html"
    form_class = SignInRequestForm

    def get_initial(self):
        return {"next": signin.safe_next(self.request.GET.get("next"))}

    def form_valid(self, form):
        asked = signin.sign_in_link_request(
            email=form.cleaned_data["email"],
            ip=client_ip(self.request),  # behind our proxy: the address it saw
            next_url=signin.safe_next(form.cleaned_data["next"]),
        )
        if asked is Asked.IP_LIMITED:
            form.add_error(
                None,
                _(
                    "There have been too many attempts from your network. "
                    "Please wait an hour and try again."
                ),
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)
        if asked is Asked.ADDRESS_LIMITED:
            form.add_error(
                None,
                _(
                    "Several links have already been asked for this address within the last "
                    "hour. Please use the newest mail, or wait a while and try again."
                ),
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)
        self.request.session[SENT_TO] = form.cleaned_data["email"].strip()
        return redirect("signin:sent")


class SignInSentView(TemplateView):
    """The same answer for every address."""

    template_name = "signin/sent.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            # Shown once, then forgotten: the session keeps no address it need not keep.
            email=self.request.session.pop(SENT_TO, ""),
            minutes=signin.link_minutes(),
            **kwargs,
        )


PROBLEM_STATUS = {
    LinkProblem.UNKNOWN: 404,
    LinkProblem.USED: 410,
    LinkProblem.EXPIRED: 410,
    LinkProblem.NOT_ALLOWED: 403,
}


class SignInLinkView(View):
    """GET shows a button (a mail scanner that opens the link does not use it up); POST
    signs the person in and sends them on."""

    def _next(self):
        return signin.safe_next(self.request.POST.get("next") or self.request.GET.get("next"))

    def _problem(self, problem: LinkProblem):
        context = {"problem": problem.value, "minutes": signin.link_minutes()}
        return render(self.request, "signin/problem.html", context, status=PROBLEM_STATUS[problem])

    def _onwards(self):
        return redirect(self._next() or reverse("mine:index"))

    def _used_by_the_visitor(self, check) -> bool:
        """The person opens their own link again while signed in with it: no problem."""
        person = participant_of(self.request.user)
        return (
            check.problem is LinkProblem.USED
            and person is not None
            and person.pk == check.link.participant_id
        )

    def get(self, request, token):
        check = signin.sign_in_link_check(token)
        if self._used_by_the_visitor(check):
            return self._onwards()
        if not check.ok:
            return self._problem(check.problem)
        return render(request, "signin/confirm.html", {"next": self._next()})

    def post(self, request, token):
        check, user = signin.sign_in_link_use(token)
        if self._used_by_the_visitor(check):
            return self._onwards()
        if not check.ok:
            return self._problem(check.problem)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        request.session.pop(SENT_TO, None)
        messages.success(request, _("You are signed in."))
        return self._onwards()
