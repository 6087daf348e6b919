"""The network pages: list, a network's page, create/edit, and the meeting plan."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import DetailView, FormView, ListView, TemplateView, UpdateView

from meetings.forms.networks import (
    MeetingPlanFormSet,
    MeetingPlanOptionsForm,
    NetworkFilterForm,
    NetworkForm,
    PlannedMeetingForm,
)
from meetings.models import Meeting
from meetings.plan import network_plan_warnings, networks_with_plan_data
from meetings.planning import propose_meeting_plan, uncovered_phases
from meetings.selectors import (
    network_composition,
    network_for_page,
    network_timeline,
    networks_for_list,
    networks_visible_to,
)
from meetings.services import MeetingPlanInvalid, meeting_plan_save
from netvaerk.models import Phase
from netvaerk.services import network_create, network_update
from participants.models import Membership

from .base import ForgivingList, ObjectPage, SecretariatPage


class NetworkPage(ObjectPage):
    """A page about one network; ``permission_required`` is asked about the network."""

    def get_queryset(self):
        return networks_visible_to(self.request.user)

    def get_object(self, queryset=None):
        if not hasattr(self, "_network"):
            self._network = get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])
        return self._network

    def get_permission_object(self):
        return self.get_object()


class NetworkListView(SecretariatPage, ForgivingList, ListView):
    template_name = "networks/index.html"
    context_object_name = "networks"
    paginate_by = 25

    def get_queryset(self):
        self.filter_form = NetworkFilterForm(self.request.GET)
        return networks_for_list(self.request.user, **self.filter_form.filters())

    def get_context_data(self, **kwargs):
        filters = self.filter_form.filters()
        return super().get_context_data(
            filter_form=self.filter_form,
            is_filtered=any(filters.values()),
            **kwargs,
        )


class NetworkDetailView(NetworkPage, DetailView):
    permission_required = "netvaerk.view_network_page"
    template_name = "networks/detail.html"
    context_object_name = "network"

    def get_queryset(self):
        return network_for_page(self.request.user)

    def get_context_data(self, **kwargs):
        network = self.object
        memberships = list(network.memberships.all())
        return super().get_context_data(
            timeline=network_timeline(network),
            meetings=list(network.meetings.all()),
            core_members=[m for m in memberships if m.role == Membership.Role.CORE],
            involved_members=[m for m in memberships if m.role == Membership.Role.INVOLVED],
            composition=network_composition(memberships),
            plan_warnings=network_plan_warnings(network),
            **kwargs,
        )


class NetworkCreateView(SecretariatPage, FormView):
    permission_required = "netvaerk.plan_networks"
    template_name = "networks/form.html"
    form_class = NetworkForm

    def form_valid(self, form):
        try:
            network = network_create(**form.service_fields())
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("The network “%(name)s” was created with %(count)d phases.")
            % {"name": network.name, "count": network.phases.count()},
        )
        return HttpResponseRedirect(network.get_absolute_url())


class NetworkUpdateView(NetworkPage, UpdateView):
    permission_required = "netvaerk.plan_networks"
    template_name = "networks/form.html"
    form_class = NetworkForm
    context_object_name = "network"

    def get_queryset(self):
        return networks_with_plan_data(networks_visible_to(self.request.user))

    def get_context_data(self, **kwargs):
        # The warnings of the saved plan: the prefetched rows are not touched by the form.
        return super().get_context_data(plan_warnings=network_plan_warnings(self.object), **kwargs)

    def form_valid(self, form):
        try:
            network = network_update(network=self.object, **form.service_fields())
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The network was saved."))
        return HttpResponseRedirect(network.get_absolute_url())


class MeetingPlanView(NetworkPage, TemplateView):
    """Propose a meeting plan from the network's start date; staff adjust it and save it."""

    permission_required = "netvaerk.run_network"
    template_name = "networks/meeting_plan.html"
    prefix = "plan"

    def get_queryset(self):
        return networks_visible_to(self.request.user).prefetch_related(
            Prefetch("phases", queryset=Phase.objects.order_by("order")),
            Prefetch(
                "meetings",
                queryset=Meeting.objects.select_related("phase").order_by("starts_at", "pk"),
            ),
        )

    def options_form(self) -> MeetingPlanOptionsForm:
        """The proposal's options from the query string; a missing option takes its default."""
        given = {
            k: v for k, v in self.request.GET.items() if k in MeetingPlanOptionsForm.base_fields
        }
        if not given:
            return MeetingPlanOptionsForm()
        return MeetingPlanOptionsForm({**MeetingPlanOptionsForm.defaults(), **given})

    def formset(self, proposal=(), data=None) -> MeetingPlanFormSet:
        return MeetingPlanFormSet(
            data,
            prefix=self.prefix,
            initial=[PlannedMeetingForm.initial_from(proposed) for proposed in proposal],
            form_kwargs={"phases": list(self.network.phases.all())},
        )

    def get(self, request, *args, **kwargs):
        self.network = self.get_object()
        options_form = self.options_form()
        options = options_form.options()
        problem, proposal = "", []
        try:
            proposal = propose_meeting_plan(self.network, **options)
        except ValidationError as error:
            problem = " ".join(error.messages)
        return self.render_to_response(
            self.get_context_data(
                options_form=options_form,
                options=options,
                problem=problem,
                proposal=proposal,
                uncovered=uncovered_phases(self.network, proposal) if proposal else [],
                after_end=[
                    proposed
                    for proposed in proposal
                    if self.network.end_date and proposed.day > self.network.end_date
                ],
                formset=self.formset(proposal) if proposal else None,
            )
        )

    def post(self, request, *args, **kwargs):
        self.network = self.get_object()
        formset = self.formset(data=request.POST)
        if formset.is_valid():
            forms = formset.kept_forms()
            try:
                meetings = meeting_plan_save(
                    network=self.network, meetings=[form.meeting_fields() for form in forms]
                )
            except MeetingPlanInvalid as error:
                for index, row_error in error.row_errors.items():
                    forms[index].add_service_error(row_error)
            except ValidationError as error:
                formset._non_form_errors = formset.error_class(error.messages)
            else:
                return self._saved(meetings)
        options_form = self.options_form()
        return self.render_to_response(
            self.get_context_data(
                options_form=options_form,
                options=options_form.options(),
                problem="",
                proposal=None,
                uncovered=[],
                after_end=[],
                formset=formset,
            )
        )

    def _saved(self, meetings):
        count = len(meetings)
        messages.success(
            self.request,
            ngettext(
                "%(count)d meeting was planned; the members it concerns are invited.",
                "%(count)d meetings were planned; the members they concern are invited.",
                count,
            )
            % {"count": count},
        )
        network = networks_with_plan_data(networks_visible_to(self.request.user)).get(
            pk=self.network.pk
        )
        warnings = network_plan_warnings(network)
        if warnings:
            messages.warning(
                self.request,
                ngettext(
                    "The plan has %(count)d warning; see the plan warnings below.",
                    "The plan has %(count)d warnings; see the plan warnings below.",
                    len(warnings),
                )
                % {"count": len(warnings)},
            )
        return HttpResponseRedirect(self.network.get_absolute_url())

    def get_context_data(self, **kwargs):
        existing = [m for m in self.network.meetings.all() if m.status != Meeting.Status.CANCELLED]
        return super().get_context_data(
            network=self.network, existing=existing, existing_count=len(existing), **kwargs
        )
