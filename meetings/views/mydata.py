"""The participant's own data ("Mine oplysninger"): edit details and reminder preferences,
give or withdraw the consent to be shown to fellow participants, download everything as JSON,
and ask to be removed. Every page works on ``self.participant`` alone.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import reverse, reverse_lazy
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView

from meetings.forms.mydata import MyDetailsForm, PeerConsentForm, RemindersForm, RemovalForm
from meetings.mydata import export_filename, participant_data_json
from participants.consent import TEXTS, consent_give, consent_text, consent_withdraw
from participants.models import Consent, Participant
from participants.services import (
    participant_request_removal,
    participant_update,
    participant_withdraw_removal_request,
)

from .base import ParticipantPage

INDEX = reverse_lazy("mydata:index")


def consents_of(participant: Participant) -> dict:
    """The person's consents for the page: the current one of each kind with its text, and
    the history (withdrawn and replaced ones), newest first."""
    rows = list(participant.consents.order_by("-given_at", "-pk"))
    for row in rows:
        row.text = str(TEXTS.get(row.text_version, {}).get(row.kind, ""))
    current = {row.kind: row for row in rows if row.withdrawn_at is None}
    return {
        "processing": current.get(Consent.Kind.PROCESSING),
        "show_to_peers": current.get(Consent.Kind.SHOW_TO_PEERS),
        "history": [row for row in rows if row.withdrawn_at is not None],
    }


class MyDataView(ParticipantPage, FormView):
    """The page itself, and the details form it posts back to."""

    template_name = "mydata/index.html"
    form_class = MyDetailsForm
    success_url = INDEX

    @cached_property
    def editable(self) -> Participant:
        # The form writes into its instance even when invalid; keep the page's own copy clean.
        return Participant.objects.get(pk=self.participant.pk)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.editable}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            participant=self.participant,
            reminders_form=RemindersForm(instance=self.participant),
            consents=consents_of(self.participant),
            peer_text=consent_text(Consent.Kind.SHOW_TO_PEERS),
            **kwargs,
        )

    def form_valid(self, form):
        try:
            participant_update(participant=self.editable, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Your details were saved."))
        return super().form_valid(form)


class RemindersView(ParticipantPage, FormView):
    http_method_names = ["post"]
    form_class = RemindersForm
    success_url = INDEX

    def form_valid(self, form):
        participant_update(participant=self.participant, **form.cleaned_data)
        messages.success(self.request, _("Your reminder choices were saved."))
        return super().form_valid(form)

    def form_invalid(self, form):
        return HttpResponseRedirect(self.success_url)


class PeerConsentView(ParticipantPage, FormView):
    http_method_names = ["post"]
    form_class = PeerConsentForm
    success_url = INDEX

    def form_valid(self, form):
        kind = Consent.Kind.SHOW_TO_PEERS
        if form.cleaned_data["action"] == "give":
            consent_give(participant=self.participant, kind=kind)
            messages.success(
                self.request, _("Fellow participants in your networks can now see your name.")
            )
        else:
            consent_withdraw(participant=self.participant, kind=kind)
            messages.success(
                self.request, _("Your name is no longer shown to fellow participants.")
            )
        return HttpResponseRedirect(f"{self.success_url}#consents")

    def form_invalid(self, form):
        return HttpResponseRedirect(self.success_url)


class ExportView(ParticipantPage, View):
    """Everything about the person as a JSON file."""

    def get(self, request, *args, **kwargs):
        return json_download(self.participant)


def json_download(participant: Participant) -> HttpResponse:
    response = HttpResponse(
        participant_data_json(participant), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{export_filename(participant)}"'
    response["Cache-Control"] = "no-store"
    return response


class RemovalView(ParticipantPage, FormView):
    """What removal means; ask for it, or take the request back while it is pending."""

    template_name = "mydata/removal.html"
    form_class = RemovalForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(participant=self.participant, **kwargs)

    def form_valid(self, form):
        if form.cleaned_data["action"] == "request":
            participant_request_removal(participant=self.participant)
            messages.success(
                self.request,
                _("Your request has been sent. The secretariat will remove your details."),
            )
        else:
            participant_withdraw_removal_request(participant=self.participant)
            messages.success(self.request, _("Your request to be removed has been withdrawn."))
        return HttpResponseRedirect(reverse("mydata:removal"))

    def form_invalid(self, form):
        return HttpResponseRedirect(reverse("mydata:removal"))
