"""A network's participant list and attendance matrix as CSV and Excel files.

For the secretariat, and for a network's co-driver for their own network. CSV is written the
way Danish Excel opens it: UTF-8 with a byte-order mark (so æ, ø and å survive) and ``;``
between fields. Cells that a spreadsheet would run as a formula are written as text.
"""

import csv
import io
import re

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.generic import View
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from meetings.models import Invitation
from meetings.selectors import (
    network_attendance_matrix,
    network_members_for_export,
    networks_visible_to,
)
from participants.models import Membership

from .base import ObjectPage

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DANISH_LETTERS = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"})
PHONE_LIKE = re.compile(r"^[+-][\d\s()]+$")
MIN_WIDTH, MAX_WIDTH = 8, 60


def file_slug(name: str) -> str:
    """A file-name-safe form of a network's name: 'Ældre i Søby' → 'aeldre-i-soeby'."""
    return slugify(name.translate(DANISH_LETTERS)) or "netvaerk"


def safe_text(value):
    """Text a spreadsheet will not run as a formula (=, +, -, @ first); phone numbers such as
    '+45 12 34 56 78' stay as they are."""
    risky = isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r")
    return "'" + value if risky and not PHONE_LIKE.match(value) else value


def csv_response(filename: str, header: list, rows: list[list]) -> HttpResponse:
    response = HttpResponse(
        content_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": content_disposition_header(True, filename)},
    )
    response.write("\ufeff")  # the byte-order mark tells Excel the file is UTF-8
    writer = csv.writer(response, delimiter=";", lineterminator="\r\n")
    writer.writerow([safe_text(cell) for cell in header])
    writer.writerows([safe_text(cell) for cell in row] for row in rows)
    return response


def xlsx_response(filename: str, sheet_title: str, header: list, rows: list[list]) -> HttpResponse:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = re.sub(r"[\[\]:*?/\\]", "", sheet_title)[:31] or "Ark"
    bold = Font(bold=True)
    widths = [len(str(cell)) for cell in header]
    for row_number, values in enumerate([header, *rows], 1):
        for column, value in enumerate(values, 1):
            cell = sheet.cell(row=row_number, column=column, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # text, even when it begins with '='
            if row_number == 1:
                cell.font = bold
            else:
                widths[column - 1] = max(widths[column - 1], len(str(value)))
    for column, width in enumerate(widths, 1):
        letter = get_column_letter(column)
        sheet.column_dimensions[letter].width = min(max(width + 2, MIN_WIDTH), MAX_WIDTH)
    sheet.freeze_panes = "B2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return HttpResponse(
        buffer.getvalue(),
        content_type=XLSX_TYPE,
        headers={"Content-Disposition": content_disposition_header(True, filename)},
    )


class NetworkExport(ObjectPage, View):
    """One export of one network. Participants get 403 (they never see secretariat pages);
    a network the user cannot see is 404; one they see but may not run is 403."""

    permission_required = "netvaerk.run_network"
    file_format = "csv"
    file_stem = ""

    @cached_property
    def network(self):
        return get_object_or_404(networks_visible_to(self.request.user), pk=self.kwargs["pk"])

    def get_permission_object(self):
        return self.network

    def table(self) -> tuple[list, list[list]]:
        raise NotImplementedError

    def get(self, request, *args, **kwargs):
        header, rows = self.table()
        stem = f"{self.file_stem}-{file_slug(self.network.name)}-{timezone.localdate():%Y-%m-%d}"
        if self.file_format == "xlsx":
            return xlsx_response(f"{stem}.xlsx", self.network.name, header, rows)
        return csv_response(f"{stem}.csv", header, rows)


def yes_no(value: bool) -> str:
    return _("Yes") if value else _("No")


class MembersExport(NetworkExport):
    """The network's current members: core before involved, then by name."""

    file_stem = "deltagere"

    def table(self):
        header = [
            _("Name"),
            _("Organisation"),
            _("Background"),
            _("Role"),
            _("Phases"),
            _("Co-driver"),
            _("Email"),
            _("Phone"),
            _("Manager agreement"),
        ]
        rows = []
        for membership in network_members_for_export(self.network):
            person = membership.participant
            phases = (
                _("All phases")
                if membership.role == Membership.Role.CORE
                else ", ".join(phase.name for phase in membership.phases.all())
            )
            rows.append(
                [
                    person.name,
                    person.organisation,
                    person.get_background_display(),
                    membership.get_role_display(),
                    phases,
                    yes_no(membership.is_co_driver),
                    person.email,
                    person.phone,
                    membership.get_manager_agreement_display(),
                ]
            )
        return header, rows


NOT_REGISTERED = "—"


class AttendanceExport(NetworkExport):
    """Rows: people; for each meeting by date, their attendance (attended, absent, excused, or
    '—' when not registered) and their response; blank where they were not invited. Totals last."""

    file_stem = "fremmoede"

    def table(self):
        matrix = network_attendance_matrix(self.network)
        header = [_("Name")]
        for meeting in matrix.meetings:
            label = "{day} {title}".format(
                day=date_format(timezone.localtime(meeting.starts_at), "SHORT_DATE_FORMAT"),
                title=meeting.title,
            )
            header += [label, _("%(meeting)s – response") % {"meeting": label}]
        header += [_("Attended"), _("Absent"), _("Excused")]
        counted = (
            Invitation.Attendance.ATTENDED,
            Invitation.Attendance.ABSENT,
            Invitation.Attendance.EXCUSED,
        )
        rows = []
        for person, invitations in zip(matrix.participants, matrix.cells, strict=True):
            row = [person.name]
            totals = dict.fromkeys(counted, 0)
            for invitation in invitations:
                if invitation is None:
                    row += ["", ""]
                    continue
                if invitation.attendance in totals:
                    totals[invitation.attendance] += 1
                    attendance = invitation.get_attendance_display()
                else:
                    attendance = NOT_REGISTERED
                row += [attendance, invitation.get_response_display()]
            rows.append(row + [totals[kind] for kind in counted])
        return header, rows
