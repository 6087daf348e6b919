"""Onboarding: the person's page behind the signed link in the invitation mail (no login),
the line manager's page, and the secretariat's invitations of a network.

A link that is expired, altered or already used shows a page saying so in plain words,
never an error. The token pages send no Referer and are never cached.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.generic import FormView, ListView, View

from meetings.forms.onboarding import AcceptForm, DeclineForm, InviteForm, ManagerAnswerForm
from meetings.onboarding import commitment_for, manager_summary_send, membership_commitment
from meetings.selectors import networks_visible_to
from netvaerk.models import Phase
from participants.models import Membership, NetworkInvitation, Participant
from participants.onboarding import (
    LinkExpired,
    LinkInvalid,
    membership_from_manager_token,
    membership_manager_answer,
    network_invitation_accept,
    network_invitation_create,
    network_invitation_decline,
    network_invitation_from_token,
    network_invitation_is_expired,
    network_invitation_open,
    network_invitation_resend,
    network_invitation_withdraw,
)

from .base import NetworkChosenFirst, ObjectPage, SecretariatPage

# --- The person's pages ------------------------------------------------------------------------


def link_problem(request, problem: str, status: int, invitation=None):
    """The page for a link that does not work: ``expired``, ``invalid`` or ``withdrawn``."""
    return render(
        request,
        "onboarding/link_problem.html",
        {"problem": problem, "invitation": invitation},
        status=status,
    )


@method_decorator(never_cache, name="dispatch")
class InvitationLinkPage(View):
    """A page opened from the signed link. ``self.invitation`` is the invitation it names;
    a bad link gets its problem page before any handler runs."""

    answered_goes_to_done = True

    def dispatch(self, request, *args, **kwargs):
        self.token = kwargs["token"]
        try:
            self.invitation = network_invitation_from_token(
                self.token,
                NetworkInvitation.objects.select_related("network__theme", "participant"),
            )
        except LinkExpired:
            return link_problem(request, "expired", 410)
        except LinkInvalid:
            return link_problem(request, "invalid", 404)
        status = self.invitation.status
        if status == NetworkInvitation.Status.WITHDRAWN:
            return link_problem(request, "withdrawn", 410, self.invitation)
        if status != NetworkInvitation.Status.OPEN and self.answered_goes_to_done:
            return HttpResponseRedirect(reverse("onboarding:done", args=[self.token]))
        if status == NetworkInvitation.Status.OPEN and network_invitation_is_expired(
            self.invitation
        ):
            return link_problem(request, "expired", 410, self.invitation)
        # The page speaks the person's language, as the mail that brought them here did.
        with translation.override(self.invitation.participant.language or settings.LANGUAGE_CODE):
            return super().dispatch(request, *args, **kwargs)

    def page_context(self, **kwargs) -> dict:
        return {
            "invitation": self.invitation,
            "network": self.invitation.network,
            "person": self.invitation.participant,
            "token": self.token,
            **kwargs,
        }


class InvitationPage(InvitationLinkPage):
    """What the network is, what the role means and asks of the person, then their answer."""

    template_name = "onboarding/invitation.html"

    def form(self, data=None) -> AcceptForm:
        return AcceptForm(data, participant=self.invitation.participant)

    def render_page(self, form, status=200):
        invitation = self.invitation
        phases = list(invitation.phases.all())
        commitment = commitment_for(network=invitation.network, role=invitation.role, phases=phases)
        return render(
            self.request,
            self.template_name,
            self.page_context(form=form, commitment=commitment),
            status=status,
        )

    def get(self, request, *args, **kwargs):
        network_invitation_open(invitation=self.invitation)
        return self.render_page(self.form())

    def post(self, request, *args, **kwargs):
        network_invitation_open(invitation=self.invitation)
        form = self.form(request.POST)
        if form.is_valid():
            try:
                membership = network_invitation_accept(
                    invitation=self.invitation, **form.service_fields()
                )
            except ValidationError as error:
                _add_errors(form, error)
            else:
                if membership.participant.is_municipal_staff:
                    manager_summary_send(membership=membership)
                return HttpResponseRedirect(reverse("onboarding:done", args=[self.token]))
        return self.render_page(form, status=200)


def _add_errors(form, error: ValidationError) -> None:
    """A service error on the form: on its field where the form has one, else at the top."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


class DeclinePage(InvitationLinkPage):
    template_name = "onboarding/decline.html"

    def render_page(self, form):
        return render(self.request, self.template_name, self.page_context(form=form))

    def get(self, request, *args, **kwargs):
        network_invitation_open(invitation=self.invitation)
        return self.render_page(DeclineForm())

    def post(self, request, *args, **kwargs):
        form = DeclineForm(request.POST)
        if form.is_valid():
            try:
                network_invitation_decline(
                    invitation=self.invitation, reason=form.cleaned_data["reason"]
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                return HttpResponseRedirect(reverse("onboarding:done", args=[self.token]))
        return self.render_page(form)


class DonePage(InvitationLinkPage):
    """Thank you, and what happens next; an open invitation goes back to its page."""

    answered_goes_to_done = False
    http_method_names = ["get"]

    def get(self, request, *args, **kwargs):
        invitation = self.invitation
        if invitation.status == NetworkInvitation.Status.OPEN:
            return HttpResponseRedirect(reverse("onboarding:open", args=[self.token]))
        membership = None
        if invitation.membership_id:
            membership = Membership.objects.select_related("network").get(
                pk=invitation.membership_id
            )
        return render(request, "onboarding/done.html", self.page_context(membership=membership))


@method_decorator(never_cache, name="dispatch")
class ManagerPage(View):
    """The line manager's page: the time the network asks for, and yes or no."""

    def dispatch(self, request, *args, **kwargs):
        try:
            self.membership = membership_from_manager_token(
                kwargs["token"], Membership.objects.select_related("network__theme")
            )
        except LinkExpired:
            return link_problem(request, "manager_expired", 410)
        except LinkInvalid:
            return link_problem(request, "invalid", 404)
        with translation.override(self.membership.participant.language or settings.LANGUAGE_CODE):
            return super().dispatch(request, *args, **kwargs)

    def render_page(self, form=None, status=200):
        membership = self.membership
        return render(
            self.request,
            "onboarding/manager.html",
            {
                "membership": membership,
                "person": membership.participant,
                "network": membership.network,
                "commitment": membership_commitment(membership),
                "form": form,
                "answered": membership.manager_agreement
                in (Membership.ManagerAgreement.AGREED, Membership.ManagerAgreement.DECLINED),
            },
            status=status,
        )

    def get(self, request, *args, **kwargs):
        return self.render_page()

    def post(self, request, *args, **kwargs):
        form = ManagerAnswerForm(request.POST)
        if not form.is_valid():
            return self.render_page(form, status=400)
        try:
            membership_manager_answer(membership=self.membership, agreed=form.agreed)
        except ValidationError as error:
            form.add_error(None, error)
            return self.render_page(form)
        return HttpResponseRedirect(request.path)


# --- The secretariat's pages -----------------------------------------------------------------


class NetworkInvitationPage(ObjectPage):
    """A secretariat page about one network's invitations."""

    permission_required = "netvaerk.plan_networks"

    @cached_property
    def network(self):
        return get_object_or_404(
            networks_visible_to(self.request.user).select_related("theme"),
            pk=self.kwargs["network_pk"],
        )

    def get_permission_object(self):
        return self.network


class NetworkInvitationListView(NetworkInvitationPage, ListView):
    template_name = "onboarding/network_invitations.html"
    context_object_name = "invitations"

    def get_queryset(self):
        return (
            self.network.network_invitations.select_related(
                "participant", "created_by", "membership"
            )
            .prefetch_related(Prefetch("phases", queryset=Phase.objects.order_by("order")))
            .order_by("-created_at", "-pk")
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(network=self.network, now=timezone.now(), **kwargs)


def _sent_message(request, invitation) -> None:
    if invitation.sent_at is not None:
        messages.success(
            request,
            _("The invitation was sent to %(name)s (%(email)s).")
            % {"name": invitation.participant.name, "email": invitation.participant.email},
        )
    else:
        messages.error(
            request,
            _(
                "The invitation to %(name)s is saved, but the mail could not be sent. "
                "Try “Send again” in a little while."
            )
            % {"name": invitation.participant.name},
        )


class InviteFormPage(FormView):
    form_class = InviteForm
    template_name = "onboarding/invite.html"
    person = None

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "network": self.network, "participant": self.person}

    def get_context_data(self, **kwargs):
        return super().get_context_data(network=self.network, person=self.person, **kwargs)

    def form_valid(self, form):
        data = form.service_fields()
        participant = data.pop("participant", None) or self.person
        try:
            invitation = network_invitation_create(
                network=self.network,
                participant=participant,
                created_by=self.request.user,
                **data,
            )
        except ValidationError as error:
            _add_errors(form, error)
            return self.form_invalid(form)
        _sent_message(self.request, invitation)
        return HttpResponseRedirect(
            reverse("onboarding:network_invitations", args=[self.network.pk])
        )


class NetworkInviteView(NetworkInvitationPage, InviteFormPage):
    """Invite a person to the network from the network's side."""


class PersonInviteView(SecretariatPage, NetworkChosenFirst, InviteFormPage):
    """Invite a person from their page: first the network (its phases follow), then the role."""

    permission_required = "netvaerk.plan_networks"

    @cached_property
    def person(self):
        return get_object_or_404(
            Participant, pk=self.kwargs["pk"], archived_at__isnull=True, anonymised_at__isnull=True
        )

    @property
    def person_for_network(self):
        return self.person


class InvitationActionView(SecretariatPage, View):
    """A POST about one invitation of a network (resend, withdraw, manager summary)."""

    permission_required = "netvaerk.plan_networks"
    http_method_names = ["post"]

    @cached_property
    def invitation(self):
        return get_object_or_404(
            NetworkInvitation.objects.select_related("participant", "network", "membership"),
            pk=self.kwargs["pk"],
            network__in=networks_visible_to(self.request.user),
        )

    def post(self, request, *args, **kwargs):
        try:
            self.act(self.invitation)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return HttpResponseRedirect(
            reverse("onboarding:network_invitations", args=[self.invitation.network_id])
        )


class ResendView(InvitationActionView):
    def act(self, invitation):
        network_invitation_resend(invitation=invitation)
        _sent_message(self.request, invitation)


class WithdrawView(InvitationActionView):
    def act(self, invitation):
        network_invitation_withdraw(invitation=invitation)
        messages.success(
            self.request,
            _("The invitation to %(name)s was withdrawn; the link in the mail no longer works.")
            % {"name": invitation.participant.name},
        )


class ManagerSummaryView(InvitationActionView):
    def act(self, invitation):
        if invitation.membership is None:
            raise ValidationError(_("The person has not accepted the invitation yet."))
        membership = invitation.membership
        membership.participant = invitation.participant
        membership.network = invitation.network
        if manager_summary_send(membership=membership):
            messages.success(
                self.request,
                _("The summary was sent to %(manager)s.")
                % {"manager": invitation.participant.manager_name},
            )
        else:
            messages.error(self.request, _("The mail could not be sent. Try again later."))
