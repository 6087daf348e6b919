"""Uploaded minutes checked for type and size (issue #7): a refused file is answered with a
Danish message and nothing is stored, neither in the database nor in the file storage; a file
with a path in its name is stored under its plain name in the meeting's own folder."""

import datetime
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from meetings.models import Meeting
from meetings.tests.factories import MeetingFactory, at
from meetings.uploads import MAX_MINUTES_SIZE
from netvaerk.tests import hostile
from participants.rules import SECRETARIAT_GROUP

pytestmark = pytest.mark.django_db

PDF_HEAD = b"%PDF-1.4\n"


@pytest.fixture
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def held(media) -> Meeting:
    day = timezone.localdate() - datetime.timedelta(days=3)
    return MeetingFactory(starts_at=at(day), ends_at=at(day, 13), status=Meeting.Status.HELD)


@pytest.fixture
def secretariat(client):
    user = User.objects.create_user("sekretær")
    user.groups.add(Group.objects.get_or_create(name=SECRETARIAT_GROUP)[0])
    client.force_login(user)
    return client


def stored(media: Path) -> list[Path]:
    return sorted(path for path in media.rglob("*") if path.is_file()) if media.exists() else []


def send(client, meeting, name: str, content: bytes):
    return client.post(
        reverse("meetings:minutes", args=[meeting.pk]),
        {"minutes": "Kort referat", "minutes_file": SimpleUploadedFile(name, content)},
    )


REFUSED = [
    pytest.param(
        "referat.pdf",
        b"MZ\x90\x00\x03 a Windows program renamed .pdf",
        "Filens indhold passer ikke til filnavnet (.pdf)",
        id="program-named-pdf",
    ),
    pytest.param(
        "referat.docx", b"PK\x03\x04 not a zip", "passer ikke til filnavnet (.docx)", id="fake-docx"
    ),
    pytest.param(
        "referat.txt", b"\x00\x01\x02binary", "passer ikke til filnavnet (.txt)", id="binary-txt"
    ),
    pytest.param(
        "referat.pdf",
        PDF_HEAD + b"0" * (MAX_MINUTES_SIZE + 1 - len(PDF_HEAD)),
        "Filen fylder 10,0 MB; et referat må højst fylde 10 MB.",
        id="10-MB-and-1-byte",
    ),
    pytest.param("tom.pdf", b"", "Den indsendte fil er tom.", id="empty"),
    pytest.param("referat.exe", b"MZ\x90\x00", "Upload referatet som en PDF", id="exe"),
    pytest.param("referat", b"tekst", "Upload referatet som en PDF", id="no-extension"),
    pytest.param(
        hostile.SCRIPT + ".exe", b"x", "Upload referatet som en PDF", id="markup-in-the-name"
    ),
]


@pytest.mark.parametrize("name,content,message", REFUSED)
def test_a_refused_minutes_file_is_answered_in_danish_and_nothing_is_stored(
    secretariat, held, media, name, content, message
):
    before = hostile.snapshot()
    response = send(secretariat, held, name, content)
    assert response.status_code == 200
    body = response.content.decode()
    assert message in body
    assert hostile.raw_markup(response) == []
    assert hostile.changed_tables(before, hostile.snapshot()) == []
    assert stored(media) == []


def test_exactly_10_mb_is_accepted(secretariat, held, media):
    response = send(secretariat, held, "referat.pdf", PDF_HEAD + b"0" * (MAX_MINUTES_SIZE - 9))
    assert response.status_code == 302
    held.refresh_from_db()
    assert held.minutes_file.size == MAX_MINUTES_SIZE


@pytest.mark.parametrize(
    "name",
    ["../../../etc/passwd.txt", "..\\..\\..\\boot.txt", "/etc/cron.d/job.txt", "%2e%2e/x.txt"],
)
def test_a_path_in_the_file_name_is_dropped_and_the_file_stays_in_the_meetings_folder(
    secretariat, held, media, name
):
    response = send(secretariat, held, name, b"Referat\n")
    assert response.status_code == 302
    held.refresh_from_db()
    files = stored(media)
    assert len(files) == 1
    assert files[0].resolve().is_relative_to((media / "minutes" / str(held.pk)).resolve())
    assert ".." not in held.minutes_file.name
    assert Path(held.minutes_file.name).parts[:2] == ("minutes", str(held.pk))


def test_a_huge_file_name_is_shortened_and_keeps_its_extension(secretariat, held, media):
    response = send(secretariat, held, "å" * 5000 + ".txt", b"Referat\n")
    assert response.status_code == 302
    held.refresh_from_db()
    name = Path(held.minutes_file.name).name
    assert name.endswith(".txt") and len(name) <= 130
    assert len(held.minutes_file.name) <= 255
    assert len(stored(media)) == 1
