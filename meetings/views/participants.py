"""The secretariat's participant pages: the list, a person's page, their details, their
memberships, and archiving. Thin views: permission → form → service → redirect.

Objects are loaded after the permission check (cached properties read by the handlers), so a
visitor without the permission gets the login page or 403 whatever the id.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import DetailView, FormView, ListView, TemplateView

from meetings.forms.participants import (
    ConfirmForm,
    MembershipEndForm,
    MembershipForm,
    ParticipantFilterForm,
    ParticipantForm,
)
from meetings.retention import removal_requests, retention_cases, retention_months, warning_days
from meetings.selectors import (
    ParticipantStatus,
    participant_history,
    participant_with_history,
    participants_for_list,
)
from netvaerk.models import Network
from participants.models import Membership, Participant
from participants.services import (
    membership_add,
    membership_change_role,
    membership_end,
    membership_update,
    participant_anonymise,
    participant_archive,
    participant_create,
    participant_delete,
    participant_has_history,
    participant_restore,
    participant_update,
)

from .base import ForgivingList, NetworkChosenFirst, SecretariatPage
from .mydata import json_download


class PeoplePage(SecretariatPage):
    """The secretariat's pages about people (the participant's own: base.ParticipantPage)."""

    permission_required = "participants.manage_participants"


class ParticipantListView(PeoplePage, ForgivingList, ListView):
    template_name = "participants/index.html"
    context_object_name = "participants"
    paginate_by = 50

    @cached_property
    def filter_form(self) -> ParticipantFilterForm:
        return ParticipantFilterForm(self.request.GET or None)

    def get_queryset(self):
        return participants_for_list(**self.filter_form.filters())

    def get_context_data(self, **kwargs):
        filters = self.filter_form.filters()
        return super().get_context_data(
            filter_form=self.filter_form,
            filtered=bool(
                filters["search"] or filters["background"] or filters["network"] or filters["role"]
            )
            or filters["status"] != ParticipantStatus.CURRENT,
            network=filters["network"],
            **kwargs,
        )


class ParticipantDetailView(PeoplePage, DetailView):
    template_name = "participants/detail.html"
    context_object_name = "participant"

    def get_object(self, queryset=None):
        try:
            return participant_with_history(self.kwargs["pk"])
        except Participant.DoesNotExist:
            raise Http404 from None

    def get_permission_object(self):
        return None  # the permission is not per person; load the person after the check

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            history=participant_history(self.object),
            today=timezone.localdate(),
            # Onboarding: the person's invitations to networks and where each one stands.
            network_invitations=list(
                self.object.network_invitations.select_related("network").order_by(
                    "-created_at", "-pk"
                )
            ),
            **kwargs,
        )


class ParticipantFormPage(PeoplePage, FormView):
    """Create or edit a person. A duplicate email is caught by the form; one that appears
    between the form's check and the save (the service reports it) shows the same message."""

    form_class = ParticipantForm
    template_name = "participants/form.html"
    participant = None

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.participant}

    def get_context_data(self, **kwargs):
        return super().get_context_data(participant=self.participant, **kwargs)

    def form_valid(self, form):
        email = form.cleaned_data["email"]
        try:
            participant = self.save(form.cleaned_data)
        except ValidationError as error:
            duplicate = form.find_duplicate(email)
            if duplicate is not None:
                form.duplicate = duplicate
                form.add_error("email", form.duplicate_error(duplicate))
            else:
                form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message % {"name": participant.name})
        return HttpResponseRedirect(participant.get_absolute_url())


class ParticipantCreateView(ParticipantFormPage):
    success_message = gettext_lazy("%(name)s was created.")

    def save(self, data):
        return participant_create(**data)


class ParticipantUpdateView(ParticipantFormPage):
    success_message = gettext_lazy("%(name)s was saved.")

    @cached_property
    def participant(self):
        return get_object_or_404(Participant, pk=self.kwargs["pk"])

    def save(self, data):
        return participant_update(participant=self.participant, **data)


class ConfirmPage(PeoplePage, FormView):
    """A confirmation page about one person: GET shows what will happen, POST does it."""

    form_class = ConfirmForm

    @cached_property
    def participant(self):
        return get_object_or_404(Participant, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(participant=self.participant, **kwargs)


class ParticipantArchiveView(ConfirmPage):
    template_name = "participants/confirm_archive.html"

    def get_context_data(self, **kwargs):
        memberships = self.participant.memberships.active().select_related("network")
        return super().get_context_data(current_memberships=list(memberships), **kwargs)

    def form_valid(self, form):
        try:
            participant_archive(participant=self.participant)
        except ValidationError as error:
            messages.error(self.request, " ".join(error.messages))
        else:
            messages.success(
                self.request, _("%(name)s was archived.") % {"name": self.participant.name}
            )
        return HttpResponseRedirect(self.participant.get_absolute_url())


class ParticipantRestoreView(ConfirmPage):
    http_method_names = ["post"]

    def form_valid(self, form):
        participant_restore(participant=self.participant)
        messages.success(
            self.request,
            _("%(name)s is shown in the lists again.") % {"name": self.participant.name},
        )
        return HttpResponseRedirect(self.participant.get_absolute_url())


class ParticipantDeleteView(ConfirmPage):
    template_name = "participants/confirm_delete.html"

    def get(self, request, *args, **kwargs):
        if participant_has_history(self.participant):
            messages.info(
                request,
                _("%(name)s has a history in the networks and can be archived, not deleted.")
                % {"name": self.participant.name},
            )
            return HttpResponseRedirect(reverse("participants:archive", args=[self.participant.pk]))
        return super().get(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            participant_delete(participant=self.participant)
        except ValidationError as error:
            messages.error(self.request, " ".join(error.messages))
            return HttpResponseRedirect(self.participant.get_absolute_url())
        messages.success(self.request, _("%(name)s was deleted.") % {"name": self.participant.name})
        return HttpResponseRedirect(reverse("participants:index"))


# --- Memberships -----------------------------------------------------------------------------


class MembershipFormPage(PeoplePage, FormView):
    """Role, phases, co-driver and manager agreement of one membership."""

    form_class = MembershipForm
    template_name = "participants/membership_form.html"
    participant = None
    membership = None

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "network": self.network,
            "participant": self.participant,
            "membership": self.membership,
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            network=self.network,
            participant=self.participant,
            membership=self.membership,
            **kwargs,
        )

    def form_valid(self, form):
        try:
            membership = self.save(form.service_fields())
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message(membership))
        return HttpResponseRedirect(self.success_url_for(membership))

    def success_message(self, membership):
        return _("%(name)s was added to %(network)s as %(role)s.") % {
            "name": membership.participant.name,
            "network": membership.network.name,
            "role": membership.get_role_display().lower(),
        }

    def success_url_for(self, membership):
        return membership.participant.get_absolute_url()


class MembershipAddView(NetworkChosenFirst, MembershipFormPage):
    """Add a person to a network: first the network (so its phases can be offered), then role,
    phases, co-driver and manager agreement."""

    @cached_property
    def participant(self):
        return get_object_or_404(Participant, pk=self.kwargs["pk"], archived_at__isnull=True)

    @property
    def person_for_network(self):
        return self.participant

    def save(self, data):
        return membership_add(network=self.network, participant=self.participant, **data)


class NetworkMemberAddView(MembershipFormPage):
    """Add people to a network from the network's side: choose the person, then role and
    phases; the page comes back empty for the next person."""

    @cached_property
    def network(self):
        return get_object_or_404(Network, pk=self.kwargs["network_pk"])

    def save(self, data):
        return membership_add(network=self.network, **data)

    def success_url_for(self, membership):
        return self.request.path


class MembershipChangeView(MembershipFormPage):
    """Change a member's role and phases (their responses are kept), co-driver flag and
    manager agreement."""

    @cached_property
    def membership(self):
        return get_object_or_404(
            Membership.objects.select_related("network", "participant"), pk=self.kwargs["pk"]
        )

    @property
    def network(self):
        return self.membership.network

    @property
    def participant(self):
        return self.membership.participant

    def save(self, data):
        membership = membership_change_role(
            membership=self.membership, role=data["role"], phases=data["phases"]
        )
        return membership_update(
            membership=membership,
            is_co_driver=data["is_co_driver"],
            manager_agreement=data["manager_agreement"],
            manager_agreement_on=data["manager_agreement_on"],
        )

    def success_message(self, membership):
        return _("The membership of %(network)s was saved.") % {"network": membership.network}


class MembershipEndView(PeoplePage, FormView):
    """End a membership on a given day, after a confirmation page; POST does it."""

    form_class = MembershipEndForm
    template_name = "participants/membership_end.html"

    @cached_property
    def membership(self):
        return get_object_or_404(
            Membership.objects.select_related("network", "participant"), pk=self.kwargs["pk"]
        )

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "membership": self.membership}

    def already_ended(self):
        messages.info(
            self.request,
            _("The membership of %(network)s has already ended.")
            % {"network": self.membership.network},
        )
        return HttpResponseRedirect(self.membership.participant.get_absolute_url())

    def get(self, request, *args, **kwargs):
        if self.membership.left_on is not None:
            return self.already_ended()
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            membership=self.membership, participant=self.membership.participant, **kwargs
        )

    def form_valid(self, form):
        if self.membership.left_on is not None:
            return self.already_ended()
        try:
            membership_end(membership=self.membership, left_on=form.cleaned_data["left_on"])
        except ValidationError as error:
            self.membership.left_on = None  # not saved: forget the date the service set
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("The membership of %(network)s ends on %(date)s.")
            % {
                "network": self.membership.network,
                "date": date_format(self.membership.left_on, "j. F Y"),
            },
        )
        return HttpResponseRedirect(self.membership.participant.get_absolute_url())


# --- Personal data: access requests, removal and retention ----------------------------------


class ParticipantDataView(PeoplePage, View):
    """Everything about a person as a JSON file, for answering their access request."""

    def get(self, request, *args, **kwargs):
        return json_download(get_object_or_404(Participant, pk=self.kwargs["pk"]))


class ParticipantAnonymiseView(ConfirmPage):
    """Remove a person's identity and keep the statistics (on their request, or earlier than
    the retention rule would)."""

    template_name = "participants/confirm_anonymise.html"

    def form_valid(self, form):
        if self.participant.anonymised_at is None:
            participant_anonymise(participant=self.participant, by=self.request.user)
            messages.success(
                self.request,
                _("The person was anonymised. Their attendance is kept for the statistics."),
            )
        return HttpResponseRedirect(self.participant.get_absolute_url())


class RetentionView(PeoplePage, TemplateView):
    """People the retention rule has flagged, and when they will be anonymised."""

    template_name = "participants/retention.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            cases=retention_cases(),
            months=retention_months(),
            warning_days=warning_days(),
            removal_requests=removal_requests(),
            **kwargs,
        )
