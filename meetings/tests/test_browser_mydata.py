"""My data in a real browser: a participant on a phone corrects their details, turns a reminder
off, lets fellow participants see their name and asks to be removed; the secretariat opens the
confirmation, the retention page and the record of processing. axe-core on every page, at
phone and desktop width (screenshots in screenshots/)."""

import datetime

import pytest
from django.utils import timezone

from meetings.tests.browser import DESKTOP, PHONE, assert_accessible
from meetings.tests.test_browser_basics import log_in
from meetings.tests.test_browser_mine import sign_in
from netvaerk.models import Network
from netvaerk.tests.factories import NetworkFactory
from participants.models import Consent, Participant
from participants.tests.factories import ConsentFactory, MembershipFactory, ParticipantFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def karen():
    network = NetworkFactory(name="Unge og overgange")
    person = ParticipantFactory(
        name="Karen Holm",
        email="karen.holm@example.dk",
        background=Participant.Background.RELATIVE,
        organisation="Forældreforeningen",
        perspective="Mor til en ung på vej ud af skolen",
    )
    MembershipFactory(network=network, participant=person)
    ConsentFactory(participant=person, kind=Consent.Kind.PROCESSING)
    return person


def test_a_participant_manages_their_data_on_a_phone(page, live_server, karen):
    sign_in(page, live_server, karen)
    page.set_viewport_size(PHONE)
    page.goto("/mine-oplysninger/")
    page.get_by_role("heading", name="Mine oplysninger", level=1).wait_for()
    assert_accessible(page, "mydata-index")

    page.get_by_label("Telefon").fill("+45 20 30 40 50")
    page.get_by_role("button", name="Gem oplysninger").click()
    page.get_by_text("Dine oplysninger er gemt.").wait_for()

    page.get_by_label("Mind mig om mine forberedelsesopgaver").uncheck()
    page.get_by_role("button", name="Gem valg af påmindelser").click()
    page.get_by_text("Dine valg af påmindelser er gemt.").wait_for()

    page.get_by_role("button", name="Ja tak: vis mit navn").click()
    page.get_by_role("button", name="Træk tilbage: vis ikke mit navn").wait_for()
    assert_accessible(page, "mydata-index-consented")

    page.get_by_role("link", name="Det sker der, når du beder om at blive slettet").click()
    page.get_by_role("heading", name="Bed om at blive slettet", level=1).wait_for()
    assert_accessible(page, "mydata-removal")
    page.get_by_role("button", name="Bed om at blive slettet").click()
    page.get_by_role("button", name="Træk min anmodning tilbage").wait_for()
    assert_accessible(page, "mydata-removal-requested")

    karen.refresh_from_db()
    assert karen.phone == "+45 20 30 40 50"
    assert not karen.wants_task_reminders and karen.wants_meeting_reminders
    assert karen.consents.filter(kind=Consent.Kind.SHOW_TO_PEERS, withdrawn_at=None).exists()
    assert karen.removal_requested_at is not None

    page.set_viewport_size(DESKTOP)
    page.goto("/mine-oplysninger/")
    assert_accessible(page, "mydata-index")
    page.goto("/mine-oplysninger/sletning/")
    assert_accessible(page, "mydata-removal-requested")


def test_the_secretariats_personal_data_pages(page, secretariat_user, karen):
    karen.removal_requested_at = timezone.now()
    karen.save()
    concluded = NetworkFactory(
        name="Ældre og ensomhed",
        status=Network.Status.CONCLUDED,
        start_date=timezone.localdate() - datetime.timedelta(days=1000),
        end_date=timezone.localdate() - datetime.timedelta(days=800),
    )
    MembershipFactory(network=concluded, participant=ParticipantFactory(name="Inger Lund"))
    log_in(page)
    page.get_by_role("heading", name="Overblik", level=1).wait_for()
    page.get_by_role("heading", name="Ønsker om sletning").wait_for()
    for width in (DESKTOP, PHONE):
        page.set_viewport_size(width)
        page.goto(f"/deltagere/{karen.pk}/")
        page.get_by_role("heading", name="Personoplysninger").wait_for()
        assert_accessible(page, "person-personal-data")
        page.goto(f"/deltagere/{karen.pk}/anonymiser/")
        assert_accessible(page, "anonymise-confirm")
        page.goto("/deltagere/opbevaring/")
        page.get_by_role("link", name="Inger Lund").wait_for()
        assert_accessible(page, "retention")
        page.goto("/behandlinger/")
        assert_accessible(page, "processing-record")

    page.goto(f"/deltagere/{karen.pk}/anonymiser/")
    page.get_by_role("button", name="Anonymisér").click()
    page.get_by_text("Personen er anonymiseret.").wait_for()
    karen.refresh_from_db()
    assert karen.anonymised_at is not None
