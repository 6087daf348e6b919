"""A network's participant list and attendance matrix as CSV and Excel: the cells read back
with the csv module and openpyxl, the file names, who may download them, and a query count
that does not grow with the network."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.translation import gettext

from meetings.models import Invitation, Meeting
from meetings.services import attendance_register, invitation_respond, meeting_cancel
from meetings.tests.factories import MeetingFactory, at
from meetings.views.exports import file_slug, safe_text
from netvaerk.tests.factories import NetworkFactory
from participants.models import Membership, Participant
from participants.tests.factories import MembershipFactory, ParticipantFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


@pytest.fixture
def network():
    return NetworkFactory(
        name="Ældre på Østerbro", start_date=TODAY() - datetime.timedelta(days=90)
    )


def phase(network, order):
    return network.phases.get(order=order)


def read_csv(response) -> list[list[str]]:
    content = response.content
    assert content.startswith(b"\xef\xbb\xbf"), "UTF-8 byte-order mark for Excel"
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def read_xlsx(response) -> tuple[list[list], openpyxl.worksheet.worksheet.Worksheet]:
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = [
        ["" if cell is None else cell for cell in row] for row in sheet.iter_rows(values_only=True)
    ]
    return rows, sheet


@pytest.fixture
def members(network):
    """A core co-driver (municipal staff, agreement pending) and an involved researcher."""
    kirsten = ParticipantFactory(
        name="Kirsten Ørsted",
        email="kirsten@example.dk",
        phone="+45 40 50 60 70",
        organisation="Hjemmeplejen",
        background=Participant.Background.MUNICIPAL_STAFF,
        is_municipal_staff=True,
    )
    MembershipFactory(
        network=network,
        participant=kirsten,
        is_co_driver=True,
        manager_agreement=Membership.ManagerAgreement.PENDING,
    )
    bo = ParticipantFactory(
        name="Bo Åberg",
        email="bo@example.dk",
        organisation='=HYPERLINK("http://x")',
        background=Participant.Background.RESEARCHER,
    )
    MembershipFactory(
        network=network,
        participant=bo,
        role=Membership.Role.INVOLVED,
        phases=[phase(network, 3), phase(network, 1)],
    )
    MembershipFactory(network=network, participant__name="Udmeldt Ulla", left_on=TODAY())
    MembershipFactory(participant__name="Andet Netværk")
    return kirsten, bo


def test_participant_list_as_csv(staff, network, members):
    response = staff.get(f"/netvaerk/{network.pk}/eksport/deltagere.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="deltagere-aeldre-paa-oesterbro-{TODAY():%Y-%m-%d}.csv"'
    )
    header, *rows = read_csv(response)
    assert header == [
        gettext("Name"),
        gettext("Organisation"),
        gettext("Background"),
        gettext("Role"),
        gettext("Phases"),
        gettext("Co-driver"),
        gettext("Email"),
        gettext("Phone"),
        gettext("Manager agreement"),
    ]
    assert rows == [
        [
            "Kirsten Ørsted",
            "Hjemmeplejen",
            str(Participant.Background.MUNICIPAL_STAFF.label),
            str(Membership.Role.CORE.label),
            gettext("All phases"),
            gettext("Yes"),
            "kirsten@example.dk",
            "+45 40 50 60 70",
            str(Membership.ManagerAgreement.PENDING.label),
        ],
        [
            "Bo Åberg",
            '\'=HYPERLINK("http://x")',  # written as text, never run as a formula
            str(Participant.Background.RESEARCHER.label),
            str(Membership.Role.INVOLVED.label),
            "Indsigt, Afprøvning",
            gettext("No"),
            "bo@example.dk",
            "",
            str(Membership.ManagerAgreement.NOT_NEEDED.label),
        ],
    ]


def test_participant_list_as_excel_with_bold_header_and_widths(staff, network, members):
    response = staff.get(f"/netvaerk/{network.pk}/eksport/deltagere.xlsx")
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert (
        f"deltagere-aeldre-paa-oesterbro-{TODAY():%Y-%m-%d}.xlsx" in response["Content-Disposition"]
    )
    rows, sheet = read_xlsx(response)
    assert sheet.title == "Ældre på Østerbro"
    assert rows[0][0] == gettext("Name")
    assert all(cell.font.bold for cell in sheet[1])
    assert not sheet["A2"].font.bold
    assert [row[0] for row in rows[1:]] == ["Kirsten Ørsted", "Bo Åberg"]
    assert rows[2][1] == '=HYPERLINK("http://x")'
    assert sheet["B3"].data_type == "s"  # text, not a formula
    assert rows[1][4] == gettext("All phases")
    assert rows[2][4] == "Indsigt, Afprøvning"
    assert sheet.column_dimensions["A"].width >= len("Kirsten Ørsted")
    assert sheet.column_dimensions["G"].width >= len("kirsten@example.dk")


@pytest.fixture
def attendance(network, members):
    """Two held meetings and one coming, one cancelled; Bo is invited to phase 1 only."""
    kirsten, bo = members
    days = [TODAY() - datetime.timedelta(days=days) for days in (30, 10)]
    first = MeetingFactory(
        network=network,
        phase=phase(network, 1),
        title="Opstart",
        starts_at=at(days[0]),
        ends_at=at(days[0], 12),
    )
    second = MeetingFactory(
        network=network,
        phase=phase(network, 2),
        title="Idéer",
        starts_at=at(days[1]),
        ends_at=at(days[1], 12),
    )
    cancelled = MeetingFactory(network=network, title="Aflyst møde")
    meeting_cancel(meeting=cancelled, reason="Sygdom")
    coming = MeetingFactory(network=network, phase=phase(network, 4), title="Forankring")
    for invitation, attended in [
        (first.invitations.get(participant=kirsten), Invitation.Attendance.ATTENDED),
        (first.invitations.get(participant=bo), Invitation.Attendance.EXCUSED),
        (second.invitations.get(participant=kirsten), Invitation.Attendance.ABSENT),
    ]:
        attendance_register(invitation=invitation, attendance=attended)
    invitation_respond(invitation=first.invitations.get(participant=kirsten), response="yes")
    invitation_respond(invitation=coming.invitations.get(participant=kirsten), response="maybe")
    return first, second, coming


def test_attendance_matrix_as_csv(staff, network, members, attendance):
    first = attendance[0]
    response = staff.get(f"/netvaerk/{network.pk}/eksport/fremmoede.csv")
    assert (
        f"fremmoede-aeldre-paa-oesterbro-{TODAY():%Y-%m-%d}.csv" in response["Content-Disposition"]
    )
    header, *rows = read_csv(response)
    day = first.starts_at.astimezone(timezone.get_current_timezone()).strftime("%d.%m.%Y")
    assert header[:3] == [
        gettext("Name"),
        f"{day} Opstart",
        gettext("%(meeting)s – response") % {"meeting": f"{day} Opstart"},
    ]
    assert len(header) == 1 + 2 * 3 + 3  # cancelled meeting left out; three totals
    assert "Aflyst møde" not in ";".join(header)
    by_name = {row[0]: row for row in rows}
    assert set(by_name) == {"Bo Åberg", "Kirsten Ørsted", "Udmeldt Ulla"}
    attended, absent, excused, yes, maybe, pending = (
        str(Invitation.Attendance.ATTENDED.label),
        str(Invitation.Attendance.ABSENT.label),
        str(Invitation.Attendance.EXCUSED.label),
        str(Invitation.Response.YES.label),
        str(Invitation.Response.MAYBE.label),
        str(Invitation.Response.PENDING.label),
    )
    assert by_name["Kirsten Ørsted"][1:] == [
        attended,
        yes,
        absent,
        pending,
        "—",
        maybe,
        "1",
        "1",
        "0",
    ]
    # Bo is involved in phase 1 only: not invited to the phase 2 and phase 4 meetings.
    assert by_name["Bo Åberg"][1:] == [excused, pending, "", "", "", "", "0", "0", "1"]
    assert [row[0] for row in rows] == sorted(by_name, key=str.lower)


def test_attendance_matrix_as_excel(staff, network, members, attendance):
    response = staff.get(f"/netvaerk/{network.pk}/eksport/fremmoede.xlsx")
    rows, sheet = read_xlsx(response)
    assert all(cell.font.bold for cell in sheet[1])
    by_name = {row[0]: row for row in rows[1:]}
    assert list(by_name["Kirsten Ørsted"][-3:]) == [1, 1, 0]  # numbers, not text
    assert by_name["Kirsten Ørsted"][1] == str(Invitation.Attendance.ATTENDED.label)
    assert by_name["Bo Åberg"][3] == ""


def test_an_empty_network_exports_just_the_header(staff):
    empty = NetworkFactory(name="Tomt")
    header, *rows = read_csv(staff.get(f"/netvaerk/{empty.pk}/eksport/fremmoede.csv"))
    assert rows == []
    assert header[0] == gettext("Name")
    assert read_xlsx(staff.get(f"/netvaerk/{empty.pk}/eksport/deltagere.xlsx"))[0][1:] == []


def _grow(network, members: int, meetings: int) -> None:
    for number in range(members):
        MembershipFactory(
            network=network,
            role=Membership.Role.INVOLVED if number % 2 else Membership.Role.CORE,
            phases=[phase(network, 1 + number % 4)] if number % 2 else [],
        )
    for number in range(meetings):
        MeetingFactory(network=network, phase=phase(network, 1 + number % 4))


@pytest.mark.parametrize(
    "url", ["deltagere.csv", "deltagere.xlsx", "fremmoede.csv", "fremmoede.xlsx"]
)
def test_exports_cost_the_same_queries_for_3_and_30_members(staff, network, url):
    def cost():
        with CaptureQueriesContext(connection) as captured:
            assert staff.get(f"/netvaerk/{network.pk}/eksport/{url}").status_code == 200
        return len(captured.captured_queries)

    _grow(network, 3, 2)
    few = cost()
    _grow(network, 27, 4)
    assert Meeting.objects.filter(network=network).count() == 6
    assert cost() == few
    # session, user, groups, network; members + phases, or meetings + invitations + members
    assert few == (6 if url.startswith("deltagere") else 7)


# --- Who may download ------------------------------------------------------------------------

URLS = ["deltagere.csv", "deltagere.xlsx", "fremmoede.csv", "fremmoede.xlsx"]


@pytest.mark.parametrize("url", URLS)
def test_anonymous_visitors_are_sent_to_log_in(client, network, url):
    response = client.get(f"/netvaerk/{network.pk}/eksport/{url}")
    assert response.status_code == 302
    assert response.url.startswith("/login/")


@pytest.mark.parametrize("url", URLS)
def test_a_participant_is_refused(client, network, url):
    user = User.objects.create_user("deltager")
    MembershipFactory(network=network, participant__user=user)
    client.force_login(user)
    assert client.get(f"/netvaerk/{network.pk}/eksport/{url}").status_code == 403


@pytest.mark.parametrize("url", URLS)
def test_a_co_driver_exports_their_own_network_only(client, network, url):
    user = User.objects.create_user("tovholder")
    MembershipFactory(network=network, participant__user=user, is_co_driver=True)
    other = NetworkFactory()
    client.force_login(user)
    assert client.get(f"/netvaerk/{network.pk}/eksport/{url}").status_code == 200
    assert client.get(f"/netvaerk/{other.pk}/eksport/{url}").status_code == 404


def test_a_former_co_driver_no_longer_exports(client, network):
    user = User.objects.create_user("tidligere")
    MembershipFactory(network=network, participant__user=user, is_co_driver=True, left_on=TODAY())
    client.force_login(user)
    assert client.get(f"/netvaerk/{network.pk}/eksport/deltagere.csv").status_code == 403


@pytest.mark.parametrize("url", URLS)
def test_the_secretariat_exports_any_network_and_unknown_ones_are_404(staff, network, url):
    assert staff.get(f"/netvaerk/{network.pk}/eksport/{url}").status_code == 200
    assert staff.get(f"/netvaerk/999999/eksport/{url}").status_code == 404


# --- Helpers ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Ældre på Østerbro", "aeldre-paa-oesterbro"),
        ("Unge & job!", "unge-job"),
        ("ææ", "aeae"),
        ("!!", "netvaerk"),
    ],
)
def test_file_names_spell_danish_letters_out(name, slug):
    assert file_slug(name) == slug


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("=1+1", "'=1+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("-2+3", "'-2+3"),
        ("+45 12 34 56 78", "+45 12 34 56 78"),
        ("Ærø", "Ærø"),
        (3, 3),
    ],
)
def test_cells_a_spreadsheet_would_run_are_written_as_text(value, written):
    assert safe_text(value) == written
