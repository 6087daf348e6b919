"""Uploaded minutes: where they are stored and which files are accepted.

A file is accepted only if both its name and its content say it is a PDF, Word (DOCX),
OpenDocument text (ODT) or plain-text document; a program renamed ``.pdf`` is refused.
Files are stored through Django's storage API under a random folder name and are served
only by a view that checks who may see the meeting.
"""

import uuid
import zipfile
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

MAX_MINUTES_SIZE = 10 * 1024 * 1024  # 10 MB
MINUTES_EXTENSIONS = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".txt": "text/plain; charset=utf-8",
}
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
TEXT_SNIFF_BYTES = 64 * 1024


def minutes_upload_to(meeting, filename: str) -> str:
    """``minutes/<meeting>/<random>/<name>``: the original name, in a folder no one can guess."""
    path = PurePath(get_valid_filename(PurePath(filename).name) or "referat")
    name = path.stem[:120] + path.suffix[:10]
    return f"minutes/{meeting.pk or 'new'}/{uuid.uuid4().hex}/{name}"


def content_type_for(name: str) -> str:
    return MINUTES_EXTENSIONS.get(PurePath(name).suffix.lower(), "application/octet-stream")


def minutes_file_response(meeting) -> FileResponse:
    """The meeting's minutes file as a private download; 404 when there is none (or it has
    gone from storage). The caller has checked who may have it."""
    field = meeting.minutes_file
    if not field:
        raise Http404
    try:
        handle = field.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    name = PurePath(field.name).name
    response = FileResponse(
        handle, as_attachment=True, filename=name, content_type=content_type_for(name)
    )
    response["Cache-Control"] = "private, no-store"
    return response


def _is_pdf(head: bytes, file) -> bool:
    return head.startswith(b"%PDF-")


def _zip_names(file) -> set[str] | None:
    try:
        with zipfile.ZipFile(file) as archive:
            return set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None


def _is_docx(head: bytes, file) -> bool:
    if not head.startswith(b"PK\x03\x04"):
        return False
    names = _zip_names(file)
    return names is not None and {"[Content_Types].xml", "word/document.xml"} <= names


def _is_odt(head: bytes, file) -> bool:
    # The OpenDocument container starts with an uncompressed "mimetype" entry.
    if not head.startswith(b"PK\x03\x04"):
        return False
    names = _zip_names(file)
    if names is None or "mimetype" not in names or "content.xml" not in names:
        return False
    file.seek(0)
    with zipfile.ZipFile(file) as archive:
        return archive.read("mimetype").strip() == ODT_MIMETYPE


def _is_text(head: bytes, file) -> bool:
    file.seek(0)
    sample = file.read(TEXT_SNIFF_BYTES)
    if b"\x00" in sample:
        return False
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError as error:
        # A multi-byte character cut off at the end of the sample is still text.
        if error.start < len(sample) - 3:
            return False
    return True


SNIFFERS = {".pdf": _is_pdf, ".docx": _is_docx, ".odt": _is_odt, ".txt": _is_text}


def validate_minutes_file(file) -> None:
    """Refuse anything but a PDF, DOCX, ODT or TXT file of at most 10 MB, by name and content.

    A file already in storage was checked when it was uploaded and is not read again.
    """
    if getattr(file, "_committed", False):
        return
    extension = PurePath(file.name or "").suffix.lower()
    if extension not in SNIFFERS:
        raise ValidationError(
            _(
                "Upload the minutes as a PDF, Word (.docx), OpenDocument (.odt) "
                "or text (.txt) file."
            ),
            code="extension",
        )
    if file.size > MAX_MINUTES_SIZE:
        raise ValidationError(
            _("The file is %(size)s MB; minutes may be at most 10 MB.")
            % {"size": f"{file.size / 1024 / 1024:.1f}".replace(".", ",")},
            code="size",
        )
    if file.size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        file.seek(0)
        head = file.read(8)
        file.seek(0)
        matches = SNIFFERS[extension](head, file)
    finally:
        file.seek(position)
    if not matches:
        raise ValidationError(
            _("The file’s content does not match its name (%(extension)s). Upload a real %(kind)s.")
            % {"extension": extension, "kind": extension.lstrip(".").upper()},
            code="content",
        )
