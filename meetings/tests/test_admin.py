"""The Django admin of every app: pages render with data, the network page shows the whole
plan, admin writes follow the services' rules, and changelists cost a fixed number of queries.

Lives in the highest app because the network admin (meetings/admin.py) needs all three.
"""

import datetime
from html.parser import HTMLParser

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth.models import Group, User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext

from meetings.models import Delivery, Invitation, Meeting, PreparationTask, TaskAssignment
from meetings.plan import network_plan_warnings, networks_with_plan_data
from meetings.tests.factories import (
    DeliveryFactory,
    InvitationFactory,
    MeetingFactory,
    PreparationTaskFactory,
    TaskAssignmentFactory,
)
from netvaerk.models import Network, Phase, PhaseTemplate, Theme
from netvaerk.tests.factories import (
    NetworkFactory,
    PhaseFactory,
    PhaseTemplateFactory,
    ThemeFactory,
)
from participants.models import Consent, Membership, NetworkInvitation, Participant, SignInLink
from participants.services import membership_add
from participants.tests.factories import (
    ConsentFactory,
    MembershipFactory,
    NetworkInvitationFactory,
    ParticipantFactory,
    SignInLinkFactory,
)

pytestmark = pytest.mark.django_db

FACTORIES = {
    Theme: ThemeFactory,
    PhaseTemplate: PhaseTemplateFactory,
    Network: NetworkFactory,
    Phase: PhaseFactory,
    Participant: ParticipantFactory,
    Membership: MembershipFactory,
    Meeting: MeetingFactory,
    Invitation: InvitationFactory,
    PreparationTask: PreparationTaskFactory,
    TaskAssignment: TaskAssignmentFactory,
    Delivery: DeliveryFactory,
    Consent: ConsentFactory,
    NetworkInvitation: NetworkInvitationFactory,
    SignInLink: SignInLinkFactory,
    User: lambda: User.objects.create_user("sekretaer", "sekretaer@example.dk"),
    Group: lambda: Group.objects.create(name="Sekretariatet"),
    # django-axes' sign-in records.
    AccessAttempt: lambda: AccessAttempt.objects.create(
        username="sekretaer", ip_address="192.0.2.1", failures_since_start=2
    ),
    AccessLog: lambda: AccessLog.objects.create(username="sekretaer", ip_address="192.0.2.1"),
    AccessFailureLog: lambda: AccessFailureLog.objects.create(
        username="sekretaer", ip_address="192.0.2.1"
    ),
}
# Logs the application writes itself: the reminder sweep, consents, invitations, sign-in links.
READ_ONLY = {
    Delivery,
    Consent,
    NetworkInvitation,
    SignInLink,
    AccessAttempt,
    AccessLog,
    AccessFailureLog,
}
# Fields an admin deliberately does not show: django-axes keeps the session's hash out of sight.
HIDDEN = {AccessLog: {"session_hash"}}
REGISTERED = sorted(admin.site._registry, key=lambda model: model._meta.label)


def url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def make(model):
    if model not in FACTORIES:
        pytest.fail(f"{model._meta.label} is registered in admin: add its factory to FACTORIES")
    return FACTORIES[model]()


class _FormValues(HTMLParser):
    """What a browser would submit for one form of a page, as a dict of value lists;
    ``choices`` holds every value a select or checkbox list offers."""

    def __init__(self, form_id):
        super().__init__()
        self.form_id, self.inside, self.data, self.choices = form_id, False, {}, {}
        self.select = self.textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
        if tag == "option" and self.select:
            self.choices[self.select].append(attrs.get("value", ""))
            if "selected" in attrs:
                self.data[self.select].append(attrs.get("value", ""))
        name = attrs.get("name")
        if not self.inside or not name or "__prefix__" in name:
            return
        kind = attrs.get("type", "text")
        if tag == "input" and kind not in {"submit", "button", "file"}:
            checkable = kind in {"checkbox", "radio"}
            if checkable:
                self.choices.setdefault(name, []).append(attrs.get("value", "on"))
            if checkable and "checked" not in attrs:
                return
            value = attrs.get("value", "on" if checkable else "") or ""
            self.data.setdefault(name, []).append(value)
        elif tag == "select":
            self.select = name
            self.data.setdefault(name, [])
            self.choices.setdefault(name, [])
        elif tag == "textarea":
            self.textarea = name
            self.data[name] = [""]

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None

    def handle_data(self, data):
        if self.textarea:
            self.data[self.textarea][0] += data.removeprefix("\n")


def form_values(response, form_id):
    parser = _FormValues(form_id)
    parser.feed(response.content.decode())
    return parser.data


def offered(response, form_id, name):
    """The values a rendered select or checkbox list offers, as the user sees them."""
    parser = _FormValues(form_id)
    parser.feed(response.content.decode())
    return {value for value in parser.choices[name] if value}


def add_inline_row(data, prefix, **fields):
    """Append a row to an inline formset's submitted data, as "Add another" would."""
    index = int(data[f"{prefix}-TOTAL_FORMS"][0])
    data[f"{prefix}-TOTAL_FORMS"] = [str(index + 1)]
    for name, value in fields.items():
        data[f"{prefix}-{index}-{name}"] = value if isinstance(value, list) else [value]


# --- Every page of every registered model --------------------------------------------------


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.label)
def test_changelist_lists_an_object_of_every_registered_model(admin_client, model):
    obj = make(model)
    response = admin_client.get(url(model, "changelist"))
    assert response.status_code == 200
    assert url(model, "change", obj.pk) in response.content.decode()


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.label)
def test_add_page_of_every_registered_model_renders(admin_client, model):
    make(model)
    response = admin_client.get(url(model, "add"))
    if model in READ_ONLY:
        assert response.status_code == 403
        return
    assert response.status_code == 200
    assert response.context["adminform"].form.fields


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.label)
def test_change_page_of_every_registered_model_shows_the_object(admin_client, model):
    obj = make(model)
    response = admin_client.get(url(model, "change", obj.pk))
    assert response.status_code == 200
    assert response.context["original"] == obj
    assert escape(str(obj)) in response.content.decode()


def editable_fields(model):
    """Fields a person can set, leaving out many-to-many fields kept through their own model."""
    return {
        field.name
        for field in model._meta.get_fields()
        if field.concrete
        and field.editable
        and not field.auto_created
        and not (field.many_to_many and not field.remote_field.through._meta.auto_created)
    }


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.label)
def test_change_page_of_every_registered_model_shows_every_editable_field(admin_client, model):
    obj = make(model)
    adminform = admin_client.get(url(model, "change", obj.pk)).context["adminform"]
    shown = {*adminform.form.fields, *adminform.readonly_fields}
    assert editable_fields(model) - shown - HIDDEN.get(model, set()) == set()


# --- The network page ----------------------------------------------------------------------


@pytest.fixture
def network():
    network = NetworkFactory(name="Ensomhed blandt ældre")
    MeetingFactory(network=network, title="Kickoff på rådhuset")
    MembershipFactory(network=network, participant=ParticipantFactory(name="Karen Holm"))
    return network


def test_network_page_shows_phases_meetings_members_and_plan_warnings(admin_client, network):
    warnings = network_plan_warnings(networks_with_plan_data(Network.objects.all()).get())
    response = admin_client.get(url(Network, "change", network.pk))
    content = response.content.decode()
    for phase in ["Indsigt", "Idéudvikling", "Afprøvning", "Forankring"]:
        assert f'value="{escape(phase)}"' in content
    assert 'value="Kickoff på rådhuset"' in content
    assert url(Meeting, "change", network.meetings.get().pk) in content
    assert "Karen Holm" in content
    assert escape(gettext("Plan warnings")) in content
    too_few = next(warning for warning in warnings if warning.code == "too_few_meetings")
    assert escape(too_few.message) in content
    assert escape(gettext("No plan warnings")) not in content


def test_network_page_says_so_when_the_plan_has_no_warnings(admin_client):
    network = NetworkFactory(start_date=datetime.date(2030, 1, 6))
    first = network.phases.get(order=1)
    for week in range(4):
        start = timezone.make_aware(
            datetime.datetime(2030, 1, 8, 9) + datetime.timedelta(weeks=week)
        )
        MeetingFactory(network=network, phase=first, starts_at=start)
    membership_add(
        network=network, participant=ParticipantFactory(), role="core", is_co_driver=True
    )
    response = admin_client.get(url(Network, "change", network.pk))
    assert escape(gettext("No plan warnings")) in response.content.decode()


def test_network_page_offers_only_the_networks_own_phases(admin_client, network):
    NetworkFactory(name="Et andet netværk")
    response = admin_client.get(url(Network, "change", network.pk))
    own_ids = {str(pk) for pk in network.phases.values_list("pk", flat=True)}
    assert offered(response, "network_form", "memberships-0-phases") == own_ids
    assert offered(response, "network_form", "meetings-0-phase") == own_ids
    formsets = {
        inline.formset.prefix: inline.formset
        for inline in response.context["inline_admin_formsets"]
    }
    own = set(network.phases.values_list("pk", flat=True))
    assert (
        set(formsets["memberships"].forms[0].fields["phases"].queryset.values_list("pk", flat=True))
        == own
    )
    assert (
        set(formsets["meetings"].forms[0].fields["phase"].queryset.values_list("pk", flat=True))
        == own
    )


def test_network_added_in_admin_gets_the_template_phases(admin_client):
    theme = ThemeFactory()
    data = form_values(admin_client.get(url(Network, "add")), "network_form")
    data.update(name=["Unge i job"], theme=[str(theme.pk)], challenge=["Unge uden job"])
    response = admin_client.post(url(Network, "add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    network = Network.objects.get(name="Unge i job")
    template = list(PhaseTemplate.objects.values_list("order", "name"))
    assert list(network.phases.values_list("order", "name")) == template
    assert len(template) == 4


def test_network_added_in_admin_with_its_own_phases_keeps_them(admin_client):
    theme = ThemeFactory()
    data = form_values(admin_client.get(url(Network, "add")), "network_form")
    data.update(name=["Unge i job"], theme=[str(theme.pk)], challenge=["Unge uden job"])
    add_inline_row(data, "phases", order="1", name="Kortlægning")
    response = admin_client.post(url(Network, "add"), data)
    assert response.status_code == 302
    network = Network.objects.get(name="Unge i job")
    assert list(network.phases.values_list("name", flat=True)) == ["Kortlægning"]


# --- Memberships follow the services' phase rules ------------------------------------------


def test_involved_membership_without_phase_is_rejected_on_the_network_page(admin_client, network):
    page = url(Network, "change", network.pk)
    data = form_values(admin_client.get(page), "network_form")
    person = ParticipantFactory(name="Forsker Friis")
    add_inline_row(
        data,
        "memberships",
        participant=str(person.pk),
        role="involved",
        manager_agreement="not_needed",
    )
    response = admin_client.post(page, data)
    assert response.status_code == 200
    assert escape(gettext("An involved participant takes part in at least one phase.")) in (
        response.content.decode()
    )
    assert not Membership.objects.filter(participant=person).exists()


def test_involved_membership_with_a_phase_is_saved_from_the_network_page(admin_client, network):
    page = url(Network, "change", network.pk)
    data = form_values(admin_client.get(page), "network_form")
    person = ParticipantFactory(name="Forsker Friis")
    trial = network.phases.get(order=3)
    add_inline_row(
        data,
        "memberships",
        participant=str(person.pk),
        role="involved",
        phases=[str(trial.pk)],
        manager_agreement="not_needed",
    )
    response = admin_client.post(page, data)
    assert response.status_code == 302
    membership = Membership.objects.get(participant=person)
    assert list(membership.phases.all()) == [trial]


def membership_add_data(network, person, role, phases=()):
    return {
        "network": str(network.pk),
        "participant": str(person.pk),
        "role": role,
        "phases": [str(phase.pk) for phase in phases],
        "manager_agreement": "not_needed",
        "joined_on": "2030-01-01",
    }


def test_involved_membership_without_phase_is_rejected_on_its_own_page(admin_client, network):
    person = ParticipantFactory()
    response = admin_client.post(
        url(Membership, "add"), membership_add_data(network, person, "involved")
    )
    assert response.status_code == 200
    assert escape(gettext("An involved participant takes part in at least one phase.")) in (
        response.content.decode()
    )
    assert not Membership.objects.filter(participant=person).exists()


def test_membership_with_another_networks_phase_is_rejected(admin_client, network):
    person = ParticipantFactory()
    foreign = NetworkFactory().phases.first()
    data = membership_add_data(network, person, "involved", phases=[foreign])
    response = admin_client.post(url(Membership, "add"), data)
    assert response.status_code == 200
    assert escape(gettext("A phase must belong to the membership's network.")) in (
        response.content.decode()
    )
    assert not Membership.objects.filter(participant=person).exists()


def test_membership_page_offers_only_its_networks_phases(admin_client, network):
    NetworkFactory()
    membership = network.memberships.get()
    response = admin_client.get(url(Membership, "change", membership.pk))
    field = response.context["adminform"].form.fields["phases"]
    assert set(field.queryset) == set(network.phases.all())
    own_ids = {str(pk) for pk in network.phases.values_list("pk", flat=True)}
    assert offered(response, "membership_form", "phases") == own_ids


def test_meeting_page_offers_only_its_networks_phases(admin_client, network):
    NetworkFactory()
    meeting = network.meetings.get()
    response = admin_client.get(url(Meeting, "change", meeting.pk))
    field = response.context["adminform"].form.fields["phase"]
    assert set(field.queryset) == set(network.phases.all())
    own_ids = {str(pk) for pk in network.phases.values_list("pk", flat=True)}
    assert offered(response, "meeting_form", "phase") == own_ids


def test_response_entered_in_admin_records_when_it_was_given(admin_client):
    invitation = InvitationFactory()
    page = url(Invitation, "change", invitation.pk)
    data = form_values(admin_client.get(page), "invitation_form")
    data["response"] = ["yes"]
    assert admin_client.post(page, data).status_code == 302
    invitation.refresh_from_db()
    assert invitation.response == "yes"
    assert invitation.responded_at is not None


# --- Changelists cost the same number of queries for 2 rows as for 20 ---------------------


def networks(count):
    for _ in range(count):
        membership = MembershipFactory()
        MeetingFactory(network=membership.network)


def participants(count):
    network = NetworkFactory()
    for _ in range(count):
        MembershipFactory(network=network)


def meetings(count):
    network = NetworkFactory()
    for _ in range(count):
        InvitationFactory(meeting=MeetingFactory(network=network))


def invitations(count):
    meeting = MeetingFactory()
    for _ in range(count):
        InvitationFactory(meeting=meeting)


def changelist_queries(client, model):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url(model, "changelist"))
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    ("model", "make_rows"),
    [
        (Network, networks),
        (Participant, participants),
        (Meeting, meetings),
        (Invitation, invitations),
    ],
    ids=["network", "participant", "meeting", "invitation"],
)
def test_changelist_queries_do_not_grow_with_rows(admin_client, model, make_rows):
    make_rows(2)
    with_two = changelist_queries(admin_client, model)
    make_rows(18)
    assert model.objects.count() >= 20
    assert changelist_queries(admin_client, model) == with_two


def test_meeting_add_page_for_a_network_offers_its_phases_and_otherwise_names_the_network(
    admin_client, network
):
    NetworkFactory(name="Et andet netværk")
    own_ids = {str(pk) for pk in network.phases.values_list("pk", flat=True)}
    for_network = admin_client.get(f"{url(Meeting, 'add')}?network={network.pk}")
    assert offered(for_network, "meeting_form", "phase") == own_ids
    any_network = admin_client.get(url(Meeting, "add"))
    assert len(offered(any_network, "meeting_form", "phase")) == 8
    assert "Et andet netværk: 1. Indsigt" in any_network.content.decode()
