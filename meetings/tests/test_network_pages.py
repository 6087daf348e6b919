import datetime

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from meetings.models import Invitation, Meeting
from meetings.tests.factories import MeetingFactory, at
from netvaerk.models import Network
from netvaerk.tests.factories import NetworkFactory, ThemeFactory
from participants.models import Membership, Participant
from participants.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def co_driver():
    return MembershipFactory(
        is_co_driver=True, participant__user=User.objects.create_user("tovholder")
    )


def names_on(response, networks):
    return [network.name for network in networks if network.name in response.text]


# --- The list ----------------------------------------------------------------------------------


def test_the_list_searches_name_theme_and_challenge(staff):
    by_name = NetworkFactory(name="Ensomme ældre i Nordby")
    by_theme = NetworkFactory(theme=ThemeFactory(name="Klimatilpasning"))
    by_challenge = NetworkFactory(challenge="Unge uden uddannelse efter 9. klasse")
    networks = [by_name, by_theme, by_challenge]
    assert names_on(staff.get("/netvaerk/", {"q": "nordby"}), networks) == [by_name.name]
    assert names_on(staff.get("/netvaerk/", {"q": "klima"}), networks) == [by_theme.name]
    assert names_on(staff.get("/netvaerk/", {"q": "uddannelse"}), networks) == [by_challenge.name]


def test_the_list_filters_by_status_and_theme(staff):
    theme = ThemeFactory(name="Sundhed")
    active = NetworkFactory(theme=theme, status=Network.Status.ACTIVE)
    draft = NetworkFactory(theme=theme, status=Network.Status.DRAFT)
    elsewhere = NetworkFactory(status=Network.Status.ACTIVE)
    networks = [active, draft, elsewhere]
    response = staff.get("/netvaerk/", {"status": "active", "theme": theme.pk})
    assert names_on(response, networks) == [active.name]
    assert names_on(staff.get("/netvaerk/", {"status": "draft"}), networks) == [draft.name]


@pytest.mark.parametrize(
    "params",
    [
        {"status": "bogus"},
        {"theme": "abc"},
        {"theme": "999999"},
        {"page": "abc"},
        {"page": "999"},
        {"page": "-1"},
        {"q": "x" * 500},
        {"status": ["bogus", "active"], "theme": ""},
    ],
)
def test_bad_list_parameters_are_ignored(staff, params):
    network = NetworkFactory()
    response = staff.get("/netvaerk/", params)
    assert response.status_code == 200
    if "q" not in params:
        assert network.name in response.text


def test_pagination_keeps_the_filters(staff):
    theme = ThemeFactory(name="Bevægelse")
    for n in range(27):
        NetworkFactory(name=f"Aktiv {n:02}", theme=theme, status=Network.Status.ACTIVE)
    NetworkFactory(name="Kladde", theme=theme, status=Network.Status.DRAFT)
    response = staff.get("/netvaerk/", {"status": "active", "theme": theme.pk, "q": "aktiv"})
    assert len(response.context["networks"]) == 25
    assert f"?status=active&amp;theme={theme.pk}&amp;q=aktiv&amp;page=2" in response.text
    second = staff.get("/netvaerk/", {"status": "active", "theme": theme.pk, "page": 2})
    assert [n.name for n in second.context["networks"]] == ["Aktiv 25", "Aktiv 26"]


def test_the_list_shows_member_counts_next_meeting_and_plan_warnings(staff):
    network = NetworkFactory(name="Netværket")
    MembershipFactory.create_batch(3, network=network)
    MembershipFactory(network=network, role="involved", phases=[network.phases.first()])
    MembershipFactory(network=network, left_on=timezone.localdate())  # has left: not counted
    soon = timezone.localdate() + datetime.timedelta(days=3)
    MeetingFactory(network=network, starts_at=at(soon, 9), ends_at=at(soon, 12))
    MeetingFactory(network=network)  # in two weeks
    response = staff.get("/netvaerk/")
    [row] = response.context["networks"]
    assert (row.core_count, row.involved_count) == (3, 1)
    assert timezone.localdate(row.next_meeting_at) == soon
    # Two meetings (too few) and no co-driver.
    assert row.plan_warning_count == 2
    assert soon.strftime("%Y") in response.text


def _network_with_content(n_members=3, n_meetings=2):
    network = NetworkFactory()
    phase = network.phases.first()
    for i in range(n_members):
        role = "core" if i % 2 else "involved"
        MembershipFactory(
            network=network,
            role=role,
            phases=[phase] if role == "involved" else [],
            participant__is_municipal_staff=bool(i % 3),
        )
    for i in range(n_meetings):
        day = timezone.localdate() + datetime.timedelta(days=7 * (i + 1))
        MeetingFactory(network=network, starts_at=at(day, 9), ends_at=at(day, 12))
    return network


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_the_list_costs_the_same_queries_for_3_and_30_networks(staff, django_assert_num_queries):
    for _ in range(3):
        _network_with_content()
    few = _queries(staff, "/netvaerk/")
    for _ in range(27):
        _network_with_content(n_members=6, n_meetings=4)
    # session, user, groups, count, page of networks (plan warnings counted in it), themes for
    # the filter.
    with django_assert_num_queries(few):
        response = staff.get("/netvaerk/")
    assert len(response.context["networks"]) == 25
    assert few == 6


# --- A network's page --------------------------------------------------------------------------


@pytest.fixture
def composed_network():
    network = NetworkFactory(name="Pårørende til psykisk syge")
    indsigt, ideer, *_ = network.phases.order_by("order")
    MembershipFactory(
        network=network,
        is_co_driver=True,
        participant__name="Karen Kommune",
        participant__background=Participant.Background.MUNICIPAL_STAFF,
        participant__is_municipal_staff=True,
        participant__competence_professional="Socialrådgiver",
        participant__competence_methodical="Procesledelse",
        manager_agreement=Membership.ManagerAgreement.AGREED,
    )
    MembershipFactory(
        network=network,
        participant__name="Mads Medarbejder",
        participant__background=Participant.Background.MUNICIPAL_STAFF,
        participant__is_municipal_staff=True,
        participant__competence_professional="Sygeplejerske",
        manager_agreement=Membership.ManagerAgreement.PENDING,
    )
    MembershipFactory(
        network=network,
        participant__name="Birthe Borger",
        participant__background=Participant.Background.RELATIVE,
        participant__competence_personal="Mor til en søn med skizofreni",
    )
    MembershipFactory(
        network=network,
        role="involved",
        phases=[indsigt, ideer],
        participant__name="Rasmus Forsker",
        participant__background=Participant.Background.RESEARCHER,
    )
    MembershipFactory(
        network=network,
        participant__name="Tidligere Medlem",
        left_on=timezone.localdate(),
    )
    return network


def test_the_composition_panel_counts_backgrounds_competences_and_roles(staff, composed_network):
    response = staff.get(composed_network.get_absolute_url())
    composition = response.context["composition"]
    by_background = {tally.value: tally.count for tally in composition.backgrounds}
    assert len(by_background) == len(Participant.Background.choices)
    assert by_background["municipal_staff"] == 2
    assert by_background["relative"] == 1
    assert by_background["researcher"] == 1
    assert by_background["citizen"] == 0
    assert {t.value: t.count for t in composition.competences} == {
        "professional": 2,
        "personal": 1,
        "methodical": 1,
    }
    assert (composition.total, composition.core, composition.involved) == (4, 3, 1)
    assert (composition.municipal_staff, composition.others) == (2, 2)
    missing = {tally.value for tally in composition.missing_backgrounds}
    assert missing == set(Participant.Background.values) - {
        "municipal_staff",
        "relative",
        "researcher",
    }
    # Every missing background is flagged in words, not by colour alone.
    assert response.text.count("missing-badge") == len(missing)


def test_the_network_page_groups_members_with_phases_co_driver_and_agreement(
    staff, composed_network
):
    response = staff.get(composed_network.get_absolute_url())
    core = [m.participant.name for m in response.context["core_members"]]
    involved = [m.participant.name for m in response.context["involved_members"]]
    assert core == ["Birthe Borger", "Karen Kommune", "Mads Medarbejder"]
    assert involved == ["Rasmus Forsker"]
    assert "Tidligere Medlem" not in response.text
    html = response.text
    assert html.index('id="core-heading"') < html.index("Karen Kommune")
    assert html.index("Karen Kommune") < html.index('id="involved-heading"')
    assert html.index('id="involved-heading"') < html.index("Rasmus Forsker")
    assert html.count("co-driver-badge") == 1
    assert "Indsigt, Idéudvikling" in html
    assert "agreement-agreed" in html
    assert "agreement-pending" in html


def test_the_network_page_shows_plan_warnings_in_their_panel(staff, composed_network):
    response = staff.get(composed_network.get_absolute_url())
    codes = [warning.code for warning in response.context["plan_warnings"]]
    assert codes == ["too_few_meetings", "manager_agreement_missing"]
    panel = response.text.split('id="warnings-heading"')[1].split("</section>")[0]
    for warning in response.context["plan_warnings"]:
        assert warning.message in panel.replace("&#x27;", "'").replace("&quot;", '"')


def test_the_network_page_shows_phases_with_their_meetings_and_response_counts(staff):
    network = NetworkFactory()
    phases = list(network.phases.order_by("order"))
    members = MembershipFactory.create_batch(4, network=network)
    day = timezone.localdate() + datetime.timedelta(days=10)
    meeting = MeetingFactory(
        network=network, phase=phases[1], title="Idéværksted", starts_at=at(day, 13)
    )
    rows = {row.participant_id: row for row in meeting.invitations.all()}
    for membership, answer in zip(members, ["yes", "yes", "no"], strict=False):
        row = rows[membership.participant_id]
        row.response, row.responded_at = answer, timezone.now()
        row.save()
    response = staff.get(network.get_absolute_url())
    timeline = response.context["timeline"]
    assert [step.phase.name for step in timeline] == [p.name for p in phases]
    assert [[m.title for m in step.meetings] for step in timeline] == [[], ["Idéværksted"], [], []]
    [shown] = response.context["meetings"]
    assert (shown.yes_count, shown.no_count, shown.maybe_count, shown.pending_count) == (2, 1, 0, 1)
    assert "13.00–16.30" in response.text


def test_the_network_page_costs_the_same_queries_for_3_and_30_rows(staff):
    small = _network_with_content(n_members=3, n_meetings=3)
    large = _network_with_content(n_members=30, n_meetings=30)
    assert _queries(staff, small.get_absolute_url()) == _queries(staff, large.get_absolute_url())
    # session, user, groups, network, phases, meetings, memberships with people, their phases
    assert _queries(staff, large.get_absolute_url()) == 8


# --- Create and edit ---------------------------------------------------------------------------


def network_form(**overrides):
    data = {
        "theme": ThemeFactory(name="Ensomhed").pk,
        "name": "Ensomme ældre i Sydby",
        "challenge": "Mange ældre borgere er ensomme.",
        "purpose": "At finde nye veje til fællesskab.",
        "status": "planned",
        "start_date": "2027-02-01",
        "end_date": "2027-07-30",
        "default_place": "Sydby Bibliotek",
        "reminder_offsets": "7, 1",
    }
    return {**data, **overrides}


def test_creating_a_network_gives_it_the_template_phases(staff):
    response = staff.post("/netvaerk/ny/", network_form())
    network = Network.objects.get(name="Ensomme ældre i Sydby")
    assert response.status_code == 302
    assert response.url == network.get_absolute_url()
    assert [p.name for p in network.phases.order_by("order")] == [
        "Indsigt",
        "Idéudvikling",
        "Afprøvning",
        "Forankring",
    ]
    assert network.reminder_offsets == [7, 1]
    assert network.start_date == datetime.date(2027, 2, 1)


def test_a_new_network_form_offers_the_default_reminder_days(staff):
    response = staff.get("/netvaerk/ny/")
    assert 'value="7, 1"' in response.text


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"end_date": "2027-01-01"}, "end_date"),
        ({"end_date": "2027-02-01"}, "end_date"),
        ({"name": ""}, "name"),
        ({"challenge": ""}, "challenge"),
        ({"reminder_offsets": "syv"}, "reminder_offsets"),
        ({"reminder_offsets": "0"}, "reminder_offsets"),
        ({"status": "bogus"}, "status"),
        ({"start_date": "32-13-2027"}, "start_date"),
    ],
)
def test_an_invalid_new_network_is_not_created(staff, overrides, field):
    response = staff.post("/netvaerk/ny/", network_form(**overrides))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Network.objects.exists()


def test_editing_a_network_saves_it(staff):
    network = NetworkFactory(name="Gammelt navn")
    data = network_form(theme=network.theme_id, name="Nyt navn")
    response = staff.post(f"/netvaerk/{network.pk}/rediger/", data)
    assert response.status_code == 302
    network.refresh_from_db()
    assert network.name == "Nyt navn"
    assert network.phases.count() == 4  # untouched


@pytest.mark.parametrize(
    "overrides",
    [{"end_date": "2027-01-01"}, {"name": ""}, {"reminder_offsets": "7, 7"}],
)
def test_an_invalid_edit_changes_nothing(staff, overrides):
    network = NetworkFactory(name="Uændret")
    before = Network.objects.values().get(pk=network.pk)
    response = staff.post(f"/netvaerk/{network.pk}/rediger/", network_form(**overrides))
    assert response.status_code == 200
    assert response.context["form"].errors
    assert Network.objects.values().get(pk=network.pk) == before


def test_the_edit_form_shows_the_plan_warnings_beside_it(staff):
    network = NetworkFactory()
    response = staff.get(f"/netvaerk/{network.pk}/rediger/")
    codes = [warning.code for warning in response.context["plan_warnings"]]
    assert codes == ["too_few_meetings", "no_core", "no_co_driver"]
    assert response.context["plan_warnings"][0].message in response.text


# --- The meeting plan --------------------------------------------------------------------------


def plan_url(network):
    return f"/netvaerk/{network.pk}/moedeplan/"


def future_network(**kwargs):
    start = timezone.localdate() + datetime.timedelta(days=30)
    return NetworkFactory(start_date=start, end_date=start + datetime.timedelta(days=183), **kwargs)


def test_the_meeting_plan_page_proposes_five_meetings_by_default(staff):
    network = future_network()
    response = staff.get(plan_url(network))
    formset = response.context["formset"]
    assert len(formset.forms) == 5
    assert formset.forms[0].initial["day"] >= network.start_date
    assert formset.forms[0].initial["start"] == datetime.time(9)
    assert formset.forms[0].initial["end"] == datetime.time(12, 30)


def test_the_meeting_plan_page_proposes_the_chosen_number_and_hours(staff):
    network = future_network()
    response = staff.get(plan_url(network), {"count": 4, "start_time": "13:00", "duration": 240})
    forms = response.context["formset"].forms
    assert len(forms) == 4
    assert (forms[0].initial["start"], forms[0].initial["end"]) == (
        datetime.time(13),
        datetime.time(17),
    )


@pytest.mark.parametrize(
    "params",
    [{"count": "9"}, {"count": "x"}, {"start_time": "25:99"}, {"duration": "60"}],
)
def test_bad_plan_options_fall_back_to_the_defaults(staff, params):
    response = staff.get(plan_url(future_network()), params)
    assert response.status_code == 200
    assert len(response.context["formset"].forms) == 5


def test_proposed_meetings_after_the_networks_end_are_pointed_out(staff):
    start = timezone.localdate() + datetime.timedelta(days=30)
    network = NetworkFactory(start_date=start, end_date=start + datetime.timedelta(days=20))
    response = staff.get(plan_url(network), {"count": 4})
    after_end = response.context["after_end"]
    assert after_end
    assert all(proposed.day > network.end_date for proposed in after_end)
    assert len(response.context["formset"].forms) == 4


def test_choosing_only_the_number_keeps_the_other_defaults(staff):
    response = staff.get(plan_url(future_network()), {"count": 6})
    assert not response.context["options_form"].errors
    forms = response.context["formset"].forms
    assert len(forms) == 6
    assert forms[0].initial["end"] == datetime.time(12, 30)
    assert "Dette felt er påkrævet" not in response.text


def test_a_late_start_that_would_end_after_midnight_is_refused(staff):
    response = staff.get(plan_url(future_network()), {"start_time": "22:00", "duration": 240})
    assert response.context["options_form"].non_field_errors()
    assert response.context["options"]["start_time"] == datetime.time(9)


def test_a_network_without_a_start_date_gets_a_clear_message(staff):
    network = NetworkFactory(start_date=None, end_date=None)
    response = staff.get(plan_url(network))
    assert response.context["formset"] is None
    assert response.context["problem"]
    assert f"/netvaerk/{network.pk}/rediger/" in response.text


def plan_post(network, rows, **extra):
    data = {
        "plan-TOTAL_FORMS": len(rows),
        "plan-INITIAL_FORMS": len(rows),
        "plan-MIN_NUM_FORMS": 0,
        "plan-MAX_NUM_FORMS": 6,
    }
    for i, row in enumerate(rows):
        for key, value in row.items():
            data[f"plan-{i}-{key}"] = value
    data.update(extra)
    return data


def proposal_rows(network, count=5):
    from meetings.planning import propose_meeting_plan

    return [
        {
            "title": m.title,
            "phase": m.phase.pk,
            "day": m.day.isoformat(),
            "start": m.start.strftime("%H:%M"),
            "end": m.end.strftime("%H:%M"),
            "place": m.place,
        }
        for m in propose_meeting_plan(network, count)
    ]


def test_accepting_the_plan_creates_the_meetings_and_invites_the_members(staff):
    network = future_network()
    phases = list(network.phases.order_by("order"))
    core = MembershipFactory(network=network)
    involved = MembershipFactory(network=network, role="involved", phases=[phases[0]])
    rows = proposal_rows(network)
    rows[1]["title"] = "Ændret titel"
    response = staff.post(plan_url(network), plan_post(network, rows))
    assert response.status_code == 302
    assert response.url == network.get_absolute_url()
    meetings = list(network.meetings.order_by("starts_at"))
    assert [m.title for m in meetings][1] == "Ændret titel"
    assert len(meetings) == 5
    assert {m.place for m in meetings} == {network.default_place}
    assert all(m.duration == datetime.timedelta(hours=3, minutes=30) for m in meetings)
    assert Invitation.objects.filter(participant=core.participant).count() == 5
    involved_meetings = Invitation.objects.filter(participant=involved.participant)
    assert {row.meeting.phase_id for row in involved_meetings} == {phases[0].pk}
    assert involved_meetings.count() == 2  # the plan's two meetings in the first phase
    page = staff.get(response.url)
    assert "no_co_driver" in [w.code for w in page.context["plan_warnings"]]
    assert len(list(page.context["messages"])) == 2  # saved, and "the plan has warnings"


def test_a_meeting_left_out_of_the_plan_is_not_created(staff):
    network = future_network()
    rows = proposal_rows(network)
    rows[4]["DELETE"] = "on"
    staff.post(plan_url(network), plan_post(network, rows))
    assert network.meetings.count() == 4


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"end": "08:00"}, "end"),
        ({"day": "31-02-2027"}, "day"),
        ({"title": ""}, "title"),
        ({"phase": "999999"}, "phase"),
    ],
)
def test_an_error_in_one_row_creates_no_meeting(staff, change, field):
    network = future_network()
    MembershipFactory(network=network)
    rows = proposal_rows(network)
    rows[3].update(change)
    response = staff.post(plan_url(network), plan_post(network, rows))
    assert response.status_code == 200
    assert field in response.context["formset"].forms[3].errors
    assert not Meeting.objects.exists()
    assert not Invitation.objects.exists()


def test_a_phase_of_another_network_is_refused(staff):
    network = future_network()
    rows = proposal_rows(network)
    rows[0]["phase"] = NetworkFactory().phases.first().pk
    response = staff.post(plan_url(network), plan_post(network, rows))
    assert "phase" in response.context["formset"].forms[0].errors
    assert not Meeting.objects.exists()


def test_two_meetings_on_the_same_day_are_refused(staff):
    network = future_network()
    rows = proposal_rows(network)
    rows[1]["day"] = rows[0]["day"]
    response = staff.post(plan_url(network), plan_post(network, rows))
    assert response.context["formset"].non_form_errors()
    assert not Meeting.objects.exists()


def test_leaving_out_every_meeting_saves_nothing(staff):
    network = future_network()
    rows = [{**row, "DELETE": "on"} for row in proposal_rows(network)]
    response = staff.post(plan_url(network), plan_post(network, rows))
    assert response.context["formset"].non_form_errors()
    assert not Meeting.objects.exists()


def test_more_than_six_rows_are_refused(staff):
    network = future_network()
    rows = proposal_rows(network, 6)
    rows.append({**rows[-1], "day": "2030-01-07"})
    response = staff.post(plan_url(network), plan_post(network, rows))
    assert response.status_code == 200
    assert not Meeting.objects.exists()


def test_a_network_with_meetings_is_offered_only_the_remaining_ones(staff):
    network = future_network()
    MeetingFactory(
        network=network, starts_at=at(network.start_date), ends_at=at(network.start_date, 12)
    )
    response = staff.get(plan_url(network))
    assert len(response.context["existing"]) == 1
    assert len(response.context["formset"].forms) == 4
    assert response.context["formset"].forms[0].initial["title"].startswith("Netværksmøde 2")


# --- Who may do what ---------------------------------------------------------------------------


def urls_of(network):
    return {
        "list": "/netvaerk/",
        "create": "/netvaerk/ny/",
        "detail": f"/netvaerk/{network.pk}/",
        "edit": f"/netvaerk/{network.pk}/rediger/",
        "plan": f"/netvaerk/{network.pk}/moedeplan/",
    }


@pytest.mark.parametrize("page", ["list", "create", "detail", "edit", "plan"])
def test_anonymous_visitors_are_sent_to_log_in(client, page):
    url = urls_of(NetworkFactory())[page]
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith("/login/")


@pytest.mark.parametrize("page", ["list", "create", "detail", "edit", "plan"])
def test_a_participant_is_refused(client, page):
    membership = MembershipFactory(participant__user=User.objects.create_user("borger"))
    client.force_login(membership.participant.user)
    assert client.get(urls_of(membership.network)[page]).status_code == 403
    assert client.post(urls_of(membership.network)[page], {}).status_code == 403


@pytest.mark.parametrize(
    ("page", "own", "other"),
    [
        ("list", 200, 200),
        ("detail", 200, 404),
        ("plan", 200, 404),
        ("edit", 403, 404),
        ("create", 403, 403),
    ],
)
def test_a_co_driver_runs_their_own_network_only(client, co_driver, page, own, other):
    client.force_login(co_driver.participant.user)
    assert client.get(urls_of(co_driver.network)[page]).status_code == own
    assert client.get(urls_of(NetworkFactory())[page]).status_code == other


def test_a_co_driver_cannot_change_their_network(client, co_driver):
    client.force_login(co_driver.participant.user)
    network = co_driver.network
    response = client.post(f"/netvaerk/{network.pk}/rediger/", network_form(name="Kapret"))
    assert response.status_code == 403
    network.refresh_from_db()
    assert network.name != "Kapret"


def test_a_co_driver_sees_no_edit_button_on_their_network_page(client, co_driver):
    client.force_login(co_driver.participant.user)
    response = client.get(co_driver.network.get_absolute_url())
    assert f"/netvaerk/{co_driver.network.pk}/rediger/" not in response.text
    assert f"/netvaerk/{co_driver.network.pk}/moedeplan/" in response.text


def test_a_co_driver_may_plan_their_own_networks_meetings(client, co_driver):
    network = co_driver.network
    network.start_date = timezone.localdate() + datetime.timedelta(days=7)
    network.end_date = network.start_date + datetime.timedelta(days=183)
    network.save()
    client.force_login(co_driver.participant.user)
    response = client.post(plan_url(network), plan_post(network, proposal_rows(network, 4)))
    assert response.status_code == 302
    assert network.meetings.count() == 4


@pytest.mark.parametrize("page", ["list", "create", "detail", "edit", "plan"])
def test_the_secretariat_may_open_every_network_page(staff, page):
    assert staff.get(urls_of(future_network())[page]).status_code == 200


def test_an_unknown_network_is_404(staff):
    for page in ("detail", "edit", "plan"):
        assert staff.get(urls_of(Network(pk=999999))[page]).status_code == 404


def test_the_edit_and_plan_pages_cost_the_same_queries_for_3_and_30_rows(staff):
    small = _network_with_content(n_members=3, n_meetings=3)
    large = _network_with_content(n_members=30, n_meetings=30)
    for page in ("edit", "plan"):
        few, many = (_queries(staff, urls_of(network)[page]) for network in (small, large))
        assert few == many, page
    # edit: session, user, groups, network, meetings, memberships with people (and whether
    # each is in a phase), themes; plan: session, user, groups, network, phases, meetings with
    # their phase.
    assert _queries(staff, urls_of(large)["edit"]) == 7
    assert _queries(staff, urls_of(large)["plan"]) == 6
