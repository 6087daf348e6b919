"""The networks domain: themes, networks and their phases."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords


class Theme(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["name"]

    def __str__(self):
        return self.name


class PhaseTemplate(models.Model):
    """One step of the editable template a new network's phases are copied from."""

    order = models.PositiveSmallIntegerField(_("order"), unique=True)
    name = models.CharField(_("name"), max_length=100)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("phase template")
        verbose_name_plural = _("phase templates")
        ordering = ["order"]

    def __str__(self):
        return f"{self.order}. {self.name}"


def default_reminder_offsets() -> list[int]:
    """Meeting reminders go out this many days before a meeting unless a network says otherwise."""
    return [7, 1]


def validate_reminder_offsets(value) -> None:
    if not isinstance(value, list) or not all(
        isinstance(days, int) and not isinstance(days, bool) and 1 <= days <= 60 for days in value
    ):
        raise ValidationError(
            _("Give the reminder days as a list of whole numbers from 1 to 60, e.g. [7, 1].")
        )
    if len(set(value)) != len(value):
        raise ValidationError(_("Each reminder day may appear only once."))


class Network(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("network status", "Draft")
        PLANNED = "planned", pgettext_lazy("network status", "Planned")
        ACTIVE = "active", pgettext_lazy("network status", "Active")
        CONCLUDED = "concluded", pgettext_lazy("network status", "Concluded")

    theme = models.ForeignKey(
        Theme, verbose_name=_("theme"), on_delete=models.PROTECT, related_name="networks"
    )
    name = models.CharField(_("name"), max_length=200)
    challenge = models.TextField(
        _("challenge"), help_text=_("The complex problem the network sheds light on or solves.")
    )
    purpose = models.TextField(_("purpose"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    default_place = models.CharField(_("default meeting place"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    reminder_offsets = models.JSONField(
        _("reminder days before meetings"),
        default=default_reminder_offsets,
        blank=True,
        validators=[validate_reminder_offsets],
        help_text=_(
            "Invitees are reminded this many days before each meeting, e.g. [7, 1]. "
            "An empty list sends no meeting reminders."
        ),
    )
    # Who changed what and when (django-simple-history; shown in admin).
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("network")
        verbose_name_plural = _("networks")
        ordering = ["-start_date", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start_date__isnull=True)
                | Q(end_date__isnull=True)
                | Q(end_date__gt=F("start_date")),
                name="network_ends_after_start",
                violation_error_message=_("A network must end after it starts."),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("networks:detail", args=[self.pk])


class Phase(models.Model):
    network = models.ForeignKey(
        Network, verbose_name=_("network"), on_delete=models.CASCADE, related_name="phases"
    )
    order = models.PositiveSmallIntegerField(_("order"))
    name = models.CharField(_("name"), max_length=100)
    description = models.TextField(_("description"), blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)

    class Meta:
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        ordering = ["network", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["network", "order"],
                name="phase_order_unique_per_network",
                violation_error_message=_("Two phases of a network cannot share an order."),
            ),
            models.CheckConstraint(
                condition=Q(start_date__isnull=True)
                | Q(end_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="phase_ends_on_or_after_start",
                violation_error_message=_("A phase cannot end before it starts."),
            ),
        ]

    def __str__(self):
        return f"{self.order}. {self.name}"


from .sessions import UserSession  # noqa: E402, F401  (the session engine's table)
