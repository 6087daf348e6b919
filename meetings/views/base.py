"""What the pages share: who may open them."""

from django.http import HttpResponseRedirect
from django.urls import reverse_lazy
from django.utils.functional import cached_property
from rules.contrib.views import PermissionRequiredMixin

from meetings.forms.participants import ChooseNetworkForm
from participants.rules import participant_of


class SecretariatPage(PermissionRequiredMixin):
    """A page of the secretariat's application. Anonymous visitors are sent to log in;
    a signed-in person without the permission gets 403."""

    permission_required = "netvaerk.use_secretariat_pages"


class ObjectPage(SecretariatPage):
    """A page about one object. Someone who may not use the secretariat's pages at all gets
    403 before anything is looked up; an object outside the networks the user may see is
    404; then ``permission_required`` is checked against the object (403)."""

    def has_permission(self):
        if not self.request.user.has_perm("netvaerk.use_secretariat_pages"):
            return False
        return super().has_permission()


class ForgivingList:
    """A paginated list that never fails on its query: a page number out of range or not a
    number shows the nearest page, and the pagination links keep the other parameters."""

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        query = self.request.GET.copy()
        query.pop(self.page_kwarg, None)
        kwargs.setdefault("query_string", query.urlencode())
        return super().get_context_data(**kwargs)


class ParticipantPage(PermissionRequiredMixin):
    """A page of the participant's own side. Anonymous visitors are sent to the sign-in page
    (a link by mail); a login without a participant record gets 403. Every object the page
    shows must be looked up through ``self.participant``, so another person's ids are 404."""

    permission_required = "participants.use_participant_pages"
    login_url = reverse_lazy("signin:request")

    def has_permission(self):
        # A superuser holds every permission, but these pages need a person behind the login.
        return self.participant is not None and super().has_permission()

    @cached_property
    def participant(self):
        return participant_of(self.request.user)


class NetworkChosenFirst:
    """A form about a person in a network that first asks which network (``?network=<id>``),
    so the form can offer that network's phases. ``person_for_network`` names the person."""

    person_for_network = None

    @cached_property
    def network_form(self) -> ChooseNetworkForm:
        chosen = self.request.GET.get("network") or self.request.POST.get("network")
        return ChooseNetworkForm(
            {"network": chosen} if chosen else None, participant=self.person_for_network
        )

    @cached_property
    def network(self):
        return self.network_form.cleaned_data["network"] if self.network_form.is_valid() else None

    def get(self, request, *args, **kwargs):
        if self.network is None:
            return self.render_to_response(
                self.get_context_data(network_form=self.network_form, form=None)
            )
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if self.network is None:
            return HttpResponseRedirect(request.path)
        return super().post(request, *args, **kwargs)
