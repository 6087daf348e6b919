"""The participant's calendar: the private feed, the .ics of one meeting, the settings page,
and the calendar part of the mails. Every output is read by two independent parsers:
vobject and icalendar."""

import datetime
from zoneinfo import ZoneInfo

import icalendar
import pytest
import vobject
from django.contrib.auth.models import Group, User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from meetings import emails, ics
from meetings.models import Delivery, Invitation, Meeting
from meetings.services import meeting_cancel, meeting_update
from meetings.tests.factories import DeliveryFactory, InvitationFactory, MeetingFactory, at
from netvaerk.mail import absolute_url
from netvaerk.models import Network
from participants.rules import SECRETARIAT_GROUP
from participants.signin import calendar_token_ensure
from participants.tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db

COPENHAGEN = ZoneInfo("Europe/Copenhagen")


def parse(content: bytes):
    """The calendar as vobject (validating) and icalendar read it."""
    by_vobject = vobject.readOne(content.decode(), validate=True)
    by_icalendar = icalendar.Calendar.from_ical(content)
    return by_vobject, by_icalendar


def vevents(content: bytes) -> dict:
    """UID → (vobject event, icalendar event), after checking both parsers agree."""
    by_vobject, by_icalendar = parse(content)
    from_vobject = {event.uid.value: event for event in by_vobject.contents.get("vevent", [])}
    from_icalendar = {str(event["UID"]): event for event in by_icalendar.walk("VEVENT")}
    assert from_vobject.keys() == from_icalendar.keys()
    for uid, event in from_vobject.items():
        other = from_icalendar[uid]
        assert event.dtstart.value == other.decoded("DTSTART")
        assert event.dtend.value == other.decoded("DTEND")
        assert int(event.sequence.value) == other.decoded("SEQUENCE")
        assert event.status.value == str(other["STATUS"])
    return from_vobject


def sign_in(client, participant):
    user = User.objects.create_user(f"deltager-{participant.pk}")
    participant.user = user
    participant.save()
    client.force_login(user)
    return client


@pytest.fixture
def person():
    return ParticipantFactory(name="Karen Jensen")


@pytest.fixture
def meeting(person):
    meeting = MeetingFactory(
        title="Netværksmøde om ensomhed",
        agenda="1. Velkomst\n2. Erfaringer fra afprøvningen",
        place="Rådhuset, mødelokale 2",
    )
    InvitationFactory(meeting=meeting, participant=person)
    return meeting


@pytest.fixture
def signed_in(client, person):
    return sign_in(client, person)


def feed_url(person) -> str:
    return reverse("calendar:feed", kwargs={"token": person.calendar_token})


@pytest.fixture
def feed(client, person):
    """Make the address (as the first visit to the settings page does), then fetch the feed."""
    calendar_token_ensure(participant=person)

    def fetch():
        response = client.get(feed_url(person))
        assert response.status_code == 200
        return response

    return fetch


# --- The feed ----------------------------------------------------------------------------


def test_the_feed_is_a_calendar_of_the_persons_meetings(feed, meeting, person):
    other = MeetingFactory(title="Et andet netværks møde")
    InvitationFactory(meeting=other)  # someone else's

    response = feed()

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    events = vevents(response.content)
    assert list(events) == [ics.meeting_uid(meeting)]
    event = events[ics.meeting_uid(meeting)]
    assert event.summary.value == f"Netværksmøde om ensomhed – {meeting.network.name}"
    assert event.location.value == "Rådhuset, mødelokale 2"
    assert "2. Erfaringer fra afprøvningen" in event.description.value
    assert event.url.value == absolute_url(reverse("mine:meeting", args=[meeting.pk]))
    assert event.status.value == "CONFIRMED"
    assert event.dtstart.value == meeting.starts_at
    local = timezone.localtime(meeting.starts_at)
    assert f"DTSTART;TZID=Europe/Copenhagen:{local:%Y%m%dT%H%M%S}" in response.content.decode()
    assert event.dtstamp.value.utcoffset() == datetime.timedelta(0)
    meeting.refresh_from_db()
    assert event.last_modified.value == meeting.updated_at.replace(microsecond=0)
    by_vobject, _ = parse(response.content)
    assert by_vobject.vtimezone.tzid.value == "Europe/Copenhagen"
    assert by_vobject.contents["x-wr-calname"][0].value == "Netværksmøder"


def test_each_event_reminds_the_day_before(feed, meeting):
    event = vevents(feed().content)[ics.meeting_uid(meeting)]
    alarm = event.valarm
    assert alarm.action.value == "DISPLAY"
    assert alarm.trigger.value == datetime.timedelta(days=-1)
    assert alarm.description.value


def test_moving_a_meeting_keeps_the_uid_and_raises_the_sequence(feed, meeting):
    before = vevents(feed().content)[ics.meeting_uid(meeting)]
    new_start = meeting.starts_at + datetime.timedelta(days=2)
    meeting_update(
        meeting=meeting, starts_at=new_start, ends_at=new_start + datetime.timedelta(hours=3)
    )

    after = vevents(feed().content)[ics.meeting_uid(meeting)]

    assert int(after.sequence.value) > int(before.sequence.value)
    assert after.dtstart.value == new_start


def test_a_cancelled_meeting_stays_in_the_feed_as_cancelled(feed, meeting):
    before = vevents(feed().content)[ics.meeting_uid(meeting)]
    meeting_cancel(meeting=meeting, reason="For få kan komme")

    after = vevents(feed().content)[ics.meeting_uid(meeting)]

    assert after.status.value == "CANCELLED"
    assert int(after.sequence.value) > int(before.sequence.value)
    assert "valarm" not in after.contents


def test_a_withdrawn_invitation_stays_in_the_feed_as_cancelled(feed, meeting, person):
    Invitation.objects.filter(participant=person).update(withdrawn_at=timezone.now())
    event = vevents(feed().content)[ics.meeting_uid(meeting)]
    assert event.status.value == "CANCELLED"


def test_the_feed_reaches_a_year_back(feed, person, time_machine):
    today = timezone.localdate()
    recent = MeetingFactory(starts_at=at(today - datetime.timedelta(days=300)))
    old = MeetingFactory(starts_at=at(today - datetime.timedelta(days=400)))
    for past in (recent, old):
        past.ends_at = past.starts_at + datetime.timedelta(hours=3)
        past.save()
        InvitationFactory(meeting=past, participant=person)

    assert list(vevents(feed().content)) == [ics.meeting_uid(recent)]


def test_the_feed_takes_two_queries_however_many_meetings(
    client, person, feed, meeting, django_assert_num_queries
):
    for _ in range(5):
        InvitationFactory(participant=person, meeting=MeetingFactory())
    with django_assert_num_queries(2):
        response = client.get(feed_url(person))
    assert len(vevents(response.content)) == 6


def test_an_unknown_address_is_404(client, person):
    assert client.get(reverse("calendar:feed", kwargs={"token": "x" * 43})).status_code == 404
    assert client.get(reverse("calendar:feed", kwargs={"token": "x" * 200})).status_code == 404


def test_an_anonymised_persons_feed_is_gone(feed, client, person):
    person.anonymised_at = timezone.now()
    person.save()
    assert client.get(feed_url(person)).status_code == 404


# --- Times in Copenhagen, across the changes to and from summer time -----------------------


@pytest.mark.parametrize(
    ("day", "offset_hours"),
    [
        (datetime.date(2027, 3, 26), 1),  # the Friday before summer time
        (datetime.date(2027, 3, 29), 2),  # the Monday after it began on the 28th
        (datetime.date(2027, 10, 29), 2),  # the Friday before winter time
        (datetime.date(2027, 11, 1), 1),  # the Monday after it began on the 31st
    ],
)
def test_times_are_copenhagen_times_around_the_summer_time_changes(feed, person, day, offset_hours):
    meeting = MeetingFactory(starts_at=at(day, 9))
    meeting.ends_at = at(day, 12)
    meeting.save()
    InvitationFactory(meeting=meeting, participant=person)

    content = feed().content
    event = vevents(content)[ics.meeting_uid(meeting)]

    assert event.dtstart.value == at(day, 9)
    assert event.dtstart.value.utcoffset() == datetime.timedelta(hours=offset_hours)
    assert f"DTSTART;TZID=Europe/Copenhagen:{day:%Y%m%d}T090000" in content.decode()


@settings(max_examples=200, deadline=None)
@given(
    st.datetimes(
        min_value=datetime.datetime(2026, 1, 1),
        max_value=datetime.datetime(2040, 12, 31),
        timezones=st.just(COPENHAGEN),
    )
)
def test_both_parsers_read_every_copenhagen_time_as_it_was_meant(moment):
    """The VTIMEZONE's yearly rules give the same offsets as the tz database."""
    moment = moment.replace(second=0, microsecond=0)
    if moment.replace(fold=0).utcoffset() != moment.replace(fold=1).utcoffset():
        return  # an hour that happens twice (October) or never (March) is no meeting time
    meeting = Meeting(
        pk=1,
        network=Network(name="Netværk"),
        title="Møde",
        starts_at=moment,
        ends_at=moment + datetime.timedelta(hours=3),
    )
    content = ics.meeting_download(meeting)
    by_vobject, by_icalendar = parse(content)
    assert by_vobject.vevent.dtstart.value == moment
    assert by_vobject.vevent.dtstart.value.utcoffset() == moment.utcoffset()
    assert by_icalendar.walk("VEVENT")[0].decoded("DTSTART") == moment


# --- The settings page and the address -------------------------------------------------


def test_the_address_is_made_when_the_person_first_opens_the_page(signed_in, person, meeting):
    assert person.calendar_token is None

    response = signed_in.get(reverse("calendar:settings"))

    person.refresh_from_db()
    assert len(person.calendar_token) >= 40
    https = absolute_url(feed_url(person))
    assert f'value="{https}"' in response.text
    assert f'href="webcal://{https.split("://")[1]}"' in response.text
    assert "Sådan abonnerer du" in response.text
    assert 'for="feed-address"' in response.text
    # Opening it again keeps the address.
    signed_in.get(reverse("calendar:settings"))
    token = person.calendar_token
    person.refresh_from_db()
    assert person.calendar_token == token


def test_the_page_offers_a_file_for_each_coming_meeting_of_the_persons(signed_in, person, meeting):
    cancelled = MeetingFactory(title="Aflyst møde")
    InvitationFactory(meeting=cancelled, participant=person)
    meeting_cancel(meeting=cancelled, reason="Sygdom")
    someone_elses = InvitationFactory(meeting=MeetingFactory(title="Ikke dit møde")).meeting

    response = signed_in.get(reverse("calendar:settings"))

    assert reverse("calendar:meeting", args=[meeting.pk]) in response.text
    assert "Kalenderfil til Netværksmøde om ensomhed" in response.text
    assert reverse("calendar:meeting", args=[cancelled.pk]) not in response.text
    assert reverse("calendar:meeting", args=[someone_elses.pk]) not in response.text


def test_a_new_address_makes_the_old_one_stop_working(signed_in, client, person, feed, meeting):
    old = feed_url(person)

    confirm = signed_in.get(reverse("calendar:reset"))
    assert "Vil du lave en ny kalenderadresse?" in confirm.text
    person.refresh_from_db()
    assert feed_url(person) == old  # asking is not doing

    response = signed_in.post(reverse("calendar:reset"), follow=True)

    person.refresh_from_db()
    assert feed_url(person) != old
    assert "Din kalender har fået en ny adresse" in response.text
    assert client.get(old).status_code == 404
    assert client.get(feed_url(person)).status_code == 200


def test_the_calendar_pages_are_for_participants_only(client):
    staff = User.objects.create_user("sekretær")
    staff.groups.add(Group.objects.get_or_create(name=SECRETARIAT_GROUP)[0])
    client.force_login(staff)
    assert client.get(reverse("calendar:settings")).status_code == 403
    assert client.post(reverse("calendar:reset")).status_code == 403


# --- One meeting's file ------------------------------------------------------------------


def test_a_participant_downloads_the_file_of_a_meeting_they_are_invited_to(signed_in, meeting):
    response = signed_in.get(reverse("calendar:meeting", args=[meeting.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    day = timezone.localdate(meeting.starts_at)
    assert response["Content-Disposition"] == (
        f'attachment; filename="netvaerksmoede-{day.isoformat()}.ics"'
    )
    event = vevents(response.content)[ics.meeting_uid(meeting)]
    assert event.url.value == absolute_url(reverse("mine:meeting", args=[meeting.pk]))
    assert event.valarm.trigger.value == datetime.timedelta(days=-1)


def test_another_persons_meeting_or_a_withdrawn_invitation_is_404(signed_in, person, meeting):
    someone_elses = InvitationFactory().meeting
    assert signed_in.get(reverse("calendar:meeting", args=[someone_elses.pk])).status_code == 404
    assert signed_in.get(reverse("calendar:meeting", args=[999999])).status_code == 404

    Invitation.objects.filter(participant=person).update(withdrawn_at=timezone.now())
    assert signed_in.get(reverse("calendar:meeting", args=[meeting.pk])).status_code == 404


def test_an_anonymous_download_is_sent_to_sign_in(client, meeting):
    response = client.get(reverse("calendar:meeting", args=[meeting.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("signin:request"))


# --- The mails ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "method", "status"),
    [
        (Delivery.Kind.INVITATION, "REQUEST", "CONFIRMED"),
        (Delivery.Kind.UPDATE, "REQUEST", "CONFIRMED"),
        (Delivery.Kind.CANCELLATION, "CANCEL", "CANCELLED"),
    ],
)
def test_the_mails_carry_the_same_event_as_the_feed(feed, meeting, person, kind, method, status):
    if kind == Delivery.Kind.CANCELLATION:
        meeting_cancel(meeting=meeting, reason="Sygdom")
    delivery = DeliveryFactory(kind=kind, meeting=meeting, participant=person)

    message, _sequence = emails.delivery_message(delivery)
    part = next(a for a in message.attachments if a.get_content_type() == "text/calendar")
    content = part.get_payload(decode=True)
    by_vobject, _ = parse(content)
    mailed = vevents(content)[ics.meeting_uid(meeting)]
    listed = vevents(feed().content)[ics.meeting_uid(meeting)]

    assert by_vobject.method.value == method
    assert mailed.status.value == listed.status.value == status
    for name in ("dtstart", "dtend", "sequence", "summary", "location", "url", "description"):
        assert mailed.contents[name][0].value == listed.contents[name][0].value
    assert mailed.attendee.value == f"mailto:{person.email}"


def test_the_settings_page_costs_the_same_queries_for_1_and_10_meetings(signed_in, person, meeting):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert signed_in.get(reverse("calendar:settings")).status_code == 200
        return len(captured)

    signed_in.get(reverse("calendar:settings"))  # the address is made on the first visit
    few = queries()
    for _ in range(9):
        InvitationFactory(participant=person, meeting=MeetingFactory())
    assert queries() == few
