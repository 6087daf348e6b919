"""Meetings, who is invited to them, and the preparation tasks before them."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from netvaerk.models import Network, Phase
from participants.models import Participant

from .uploads import minutes_upload_to, validate_minutes_file

TASK_LEAD_DAYS = 5  # a preparation task is due this many days before its meeting by default


class Meeting(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", pgettext_lazy("meeting status", "Planned")
        HELD = "held", pgettext_lazy("meeting status", "Held")
        CANCELLED = "cancelled", pgettext_lazy("meeting status", "Cancelled")

    network = models.ForeignKey(
        Network, verbose_name=_("network"), on_delete=models.CASCADE, related_name="meetings"
    )
    phase = models.ForeignKey(
        Phase, verbose_name=_("phase"), on_delete=models.PROTECT, related_name="meetings"
    )
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(_("place"), max_length=300, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    agenda = models.TextField(_("agenda"), blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    minutes_file = models.FileField(
        _("minutes file"),
        upload_to=minutes_upload_to,
        max_length=255,
        blank=True,
        validators=[validate_minutes_file],
        help_text=_("PDF, Word (.docx), OpenDocument (.odt) or text (.txt), at most 10 MB."),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PLANNED
    )
    cancellation_reason = models.TextField(_("reason for cancellation"), blank=True)
    sequence = models.PositiveIntegerField(
        _("revision"), default=0, help_text=_("Raised each time the time or place changes.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Who changed what and when (django-simple-history; shown in admin).
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="meeting_ends_after_start",
                violation_error_message=_("A meeting must end after it starts."),
            ),
        ]
        indexes = [models.Index(fields=["network", "starts_at"], name="meeting_network_start")]

    SCHEDULE_FIELDS = ("starts_at", "ends_at", "place", "online_url", "status")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        """Raise the revision when time, place or status change, so calendars update."""
        loaded = getattr(self, "_loaded_schedule", None)
        if loaded is not None and loaded != self._schedule():
            self.sequence += 1
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "sequence"}
        super().save(*args, **kwargs)
        self._loaded_schedule = self._schedule()

    def get_absolute_url(self):
        return reverse("meetings:detail", args=[self.pk])

    @classmethod
    def from_db(cls, db, field_names, values):
        meeting = super().from_db(db, field_names, values)
        meeting._loaded_schedule = meeting._schedule()
        return meeting

    def _schedule(self) -> tuple:
        return tuple(self.__dict__.get(name) for name in self.SCHEDULE_FIELDS)

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    def clean(self):
        if self.phase_id and self.network_id and self.phase.network_id != self.network_id:
            raise ValidationError({"phase": _("The phase must belong to the meeting's network.")})
        if self.status == self.Status.CANCELLED and not self.cancellation_reason.strip():
            raise ValidationError({"cancellation_reason": _("Give a reason for the cancellation.")})

    @property
    def duration(self) -> timedelta:
        return self.ends_at - self.starts_at


class InvitationQuerySet(models.QuerySet):
    def current(self):
        """Invitations that stand; withdrawn ones are kept only for their history."""
        return self.filter(withdrawn_at__isnull=True)


class Invitation(models.Model):
    """A person's invitation to a meeting, with their response and attendance.

    Rows follow from memberships (core: every meeting; involved: the meetings of their
    phases) or are explicit extra invitations. A row that no longer follows is withdrawn,
    never deleted, so a response once given is never lost.
    """

    class Response(models.TextChoices):
        PENDING = "pending", _("Not answered")
        YES = "yes", _("Yes")
        NO = "no", _("No")
        MAYBE = "maybe", _("Maybe")

    class Attendance(models.TextChoices):
        UNKNOWN = "unknown", _("Not registered")
        ATTENDED = "attended", _("Attended")
        ABSENT = "absent", _("Absent")
        EXCUSED = "excused", _("Excused")

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="invitations"
    )
    participant = models.ForeignKey(
        Participant,
        verbose_name=_("participant"),
        on_delete=models.PROTECT,
        related_name="invitations",
    )
    is_extra = models.BooleanField(
        _("extra invitation"),
        default=False,
        help_text=_("Invited explicitly, not because of a membership."),
    )
    response = models.CharField(
        _("response"), max_length=10, choices=Response.choices, default=Response.PENDING
    )
    response_comment = models.TextField(_("comment"), blank=True)
    responded_at = models.DateTimeField(_("responded"), null=True, blank=True)
    attendance = models.CharField(
        _("attendance"), max_length=10, choices=Attendance.choices, default=Attendance.UNKNOWN
    )
    invited_at = models.DateTimeField(_("invited"), auto_now_add=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    awaits_invitation_mail = models.BooleanField(
        _("awaits invitation mail"),
        default=True,
        editable=False,
        help_text=_("True until the invitation mail to this person has been recorded."),
    )

    objects = InvitationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["meeting", "participant__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "participant"],
                name="invitation_unique_per_meeting",
                violation_error_message=_("The person is already invited to this meeting."),
            ),
            models.CheckConstraint(
                condition=Q(response="pending") | Q(responded_at__isnull=False),
                name="invitation_response_has_time",
            ),
        ]
        indexes = [
            models.Index(fields=["participant", "meeting"], name="invitation_participant"),
            # The sweep's invitation rule reads only these: proportional to what awaits a mail,
            # not to every invitation to a coming meeting.
            models.Index(
                fields=["meeting"],
                condition=Q(awaits_invitation_mail=True),
                name="invitation_awaiting_mail",
            ),
        ]

    def __str__(self):
        return f"{self.participant} → {self.meeting}"


class PreparationTask(models.Model):
    class Kind(models.TextChoices):
        TALK = "talk", _("Talk")
        READING = "reading", _("Reading")
        TRY_OUT = "try_out", _("Try out an idea in your own unit")
        OTHER = "other", pgettext_lazy("task kind", "Other")

    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("meeting"),
        on_delete=models.CASCADE,
        related_name="preparation_tasks",
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.OTHER)
    due_date = models.DateField(_("due date"), blank=True)
    assignees = models.ManyToManyField(
        Participant,
        verbose_name=_("assignees"),
        through="TaskAssignment",
        related_name="preparation_tasks",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("preparation task")
        verbose_name_plural = _("preparation tasks")
        ordering = ["due_date", "title"]

    def __str__(self):
        return self.title

    def uninvited(self, participants) -> list:
        """Those of ``participants`` who are not invited to the task's meeting."""
        invited = set(
            Invitation.objects.current()
            .filter(meeting_id=self.meeting_id, participant__in=participants)
            .values_list("participant_id", flat=True)
        )
        return [person for person in participants if person.pk not in invited]

    def clean(self):
        if not self.meeting_id:
            return
        meeting_day = timezone.localdate(self.meeting.starts_at)
        if self.due_date is None:
            self.due_date = meeting_day - timedelta(days=TASK_LEAD_DAYS)
        elif self.due_date > meeting_day:
            raise ValidationError(
                {"due_date": _("A preparation task is due on or before the meeting day.")}
            )


class TaskAssignment(models.Model):
    task = models.ForeignKey(
        PreparationTask,
        verbose_name=_("preparation task"),
        on_delete=models.CASCADE,
        related_name="assignments",
    )
    participant = models.ForeignKey(
        Participant,
        verbose_name=_("participant"),
        on_delete=models.PROTECT,
        related_name="task_assignments",
    )
    done_at = models.DateTimeField(_("done"), null=True, blank=True)

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["task", "participant__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["task", "participant"],
                name="assignment_unique_per_task",
                violation_error_message=_("The person already has this task."),
            ),
        ]

    def __str__(self):
        return f"{self.participant}: {self.task}"

    def clean(self):
        if self.task_id and self.participant_id and self.task.uninvited([self.participant]):
            message = _("Only people invited to the meeting can be assigned.")
            raise ValidationError({"participant": message})

    @property
    def is_done(self) -> bool:
        return self.done_at is not None


class DeliveryQuerySet(models.QuerySet):
    def unsent(self):
        """Rows still to be sent: waiting, handed to a worker, or being sent."""
        return self.filter(status__in=Delivery.UNSENT)


class Delivery(models.Model):
    """One message to one person about one occasion, and how sending it went.

    The reminder sweep records a row for each (kind, meeting or task, recipient, occasion)
    once — the unique constraint makes a second sweep's insert a no-op — and a worker claims
    the row, sends the mail and marks it sent. Retries and their back-off live here, not in
    the broker, so a lost broker message only delays a row until the next sweep.
    """

    class Kind(models.TextChoices):
        INVITATION = "invitation", _("Invitation")
        UPDATE = "update", _("Meeting changed")
        CANCELLATION = "cancellation", _("Meeting cancelled")
        MEETING_REMINDER = "meeting_reminder", _("Meeting reminder")
        RESPONSE_NUDGE = "response_nudge", _("Reminder to answer")
        TASK_REMINDER = "task_reminder", _("Task reminder")
        TASK_OVERDUE = "task_overdue", _("Overdue task")
        FOLLOW_UP = "follow_up", _("Follow-up after meeting")

    class Status(models.TextChoices):
        PENDING = "pending", pgettext_lazy("delivery status", "Pending")
        QUEUED = "queued", pgettext_lazy("delivery status", "Queued")
        SENDING = "sending", pgettext_lazy("delivery status", "Sending")
        SENT = "sent", pgettext_lazy("delivery status", "Sent")
        FAILED = "failed", pgettext_lazy("delivery status", "Failed")
        SKIPPED = "skipped", pgettext_lazy("delivery status", "Skipped")
        MISSED = "missed", pgettext_lazy("delivery status", "Missed")

    UNSENT = (Status.PENDING, Status.QUEUED, Status.SENDING)
    CALENDAR_KINDS = (Kind.INVITATION, Kind.UPDATE, Kind.CANCELLATION)
    TASK_KINDS = (Kind.TASK_REMINDER, Kind.TASK_OVERDUE)

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="deliveries"
    )
    task = models.ForeignKey(
        PreparationTask,
        verbose_name=_("preparation task"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="deliveries",
    )
    participant = models.ForeignKey(
        Participant,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="deliveries",
    )
    due_at = models.DateTimeField(
        _("due"),
        help_text=_(
            "When the message fell due; for invitations, changes and cancellations, "
            "when the person was invited."
        ),
    )
    revision = models.PositiveIntegerField(
        _("meeting revision"),
        default=0,
        help_text=_("For a change notice: the meeting revision it announces."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    next_attempt_at = models.DateTimeField(
        _("next attempt"),
        help_text=_("When the row may next be handed to a worker (due time, back-off or lease)."),
    )
    expires_at = models.DateTimeField(
        _("send no later than"), help_text=_("After this the message is marked missed.")
    )
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    sent_sequence = models.PositiveIntegerField(
        _("revision sent"),
        null=True,
        blank=True,
        help_text=_("The meeting revision the message described when it was sent."),
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    objects = DeliveryQuerySet.as_manager()

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        ordering = ["-due_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                F("kind"),
                F("meeting"),
                Coalesce(F("task"), Value(0), output_field=models.BigIntegerField()),
                F("participant"),
                F("due_at"),
                F("revision"),
                name="delivery_once_per_occasion",
                violation_error_message=_("This message has already been recorded."),
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["task_reminder", "task_overdue"], task__isnull=False)
                | (~Q(kind__in=["task_reminder", "task_overdue"]) & Q(task__isnull=True)),
                name="delivery_task_only_for_task_kinds",
            ),
        ]
        indexes = [
            # The sweep's hand-over query: proportional to what is unsent, not to history.
            models.Index(
                fields=["next_attempt_at"],
                condition=Q(status__in=["pending", "queued", "sending"]),
                name="delivery_unsent_due",
            ),
            # "Has this person had a calendar message about this meeting?" (the sweep).
            models.Index(
                fields=["meeting", "participant"],
                condition=Q(kind__in=["invitation", "update", "cancellation"]),
                name="delivery_calendar_lookup",
            ),
            # The delivery log in admin, newest first: a page of it without sorting all rows.
            models.Index(fields=["due_at", "id"], name="delivery_log_order"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} → {self.participant} ({self.get_status_display()})"
