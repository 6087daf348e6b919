"""Participants (people) and their memberships of networks."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from netvaerk.models import Network, Phase


class Participant(models.Model):
    class Background(models.TextChoices):
        MUNICIPAL_STAFF = "municipal_staff", _("Municipal staff")
        CITIZEN = "citizen", _("Citizen")
        USER = "user", pgettext_lazy("background: user of a service", "User")
        RELATIVE = "relative", _("Relative")
        INTEREST_ORGANISATION = "interest_organisation", _("Interest organisation")
        COMPANY = "company", _("Company")
        EVALUATION_INSTITUTE = "evaluation_institute", _("Evaluation institute")
        UNION = "union", _("Trade union")
        OTHER_MUNICIPALITY = "other_municipality", _("Other municipality")
        RESEARCHER = "researcher", _("Researcher")
        OTHER = "other", pgettext_lazy("background", "Other")

    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email"), max_length=254)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    background = models.CharField(_("background"), max_length=30, choices=Background.choices)
    competence_professional = models.TextField(_("professional competence"), blank=True)
    competence_personal = models.TextField(_("personal competence"), blank=True)
    competence_methodical = models.TextField(_("methodical competence"), blank=True)
    perspective = models.TextField(
        _("perspective"), blank=True, help_text=_("The perspective the person brings.")
    )
    motivation = models.TextField(_("motivation"), blank=True)
    is_municipal_staff = models.BooleanField(
        _("municipal staff"),
        default=False,
        help_text=_("Municipal staff agree their time in a network with their line manager."),
    )
    manager_name = models.CharField(_("line manager's name"), max_length=200, blank=True)
    manager_email = models.EmailField(_("line manager's email"), blank=True)
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default="da"
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("login"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="participant",
    )
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Reminder preferences. Invitations, changes and cancellations are always sent.
    wants_meeting_reminders = models.BooleanField(_("reminders before meetings"), default=True)
    wants_task_reminders = models.BooleanField(_("reminders about preparation tasks"), default=True)
    wants_response_reminders = models.BooleanField(
        _("reminders to answer invitations"), default=True
    )
    wants_follow_up_reminders = models.BooleanField(
        _("follow-up after meetings"),
        default=True,
        help_text=_("For co-drivers: a reminder to register attendance and minutes."),
    )

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                name="participant_email_unique_ci",
                violation_error_message=_("A participant with this email already exists."),
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("participants:detail", args=[self.pk])


class MembershipQuerySet(models.QuerySet):
    def active(self, on=None):
        """Memberships that have not ended on the given date (default today)."""
        on = on or timezone.localdate()
        return self.filter(Q(left_on__isnull=True) | Q(left_on__gt=on))


class Membership(models.Model):
    class Role(models.TextChoices):
        CORE = "core", _("Core participant")
        INVOLVED = "involved", _("Involved participant")

    class ManagerAgreement(models.TextChoices):
        NOT_NEEDED = "not_needed", _("Not needed")
        PENDING = "pending", _("Pending")
        AGREED = "agreed", _("Agreed")
        DECLINED = "declined", _("Declined")

    network = models.ForeignKey(
        Network, verbose_name=_("network"), on_delete=models.CASCADE, related_name="memberships"
    )
    participant = models.ForeignKey(
        Participant,
        verbose_name=_("participant"),
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices)
    phases = models.ManyToManyField(
        Phase,
        verbose_name=_("phases"),
        blank=True,
        related_name="memberships",
        help_text=_("The phases an involved participant takes part in."),
    )
    is_co_driver = models.BooleanField(
        _("co-driver"), default=False, help_text=_("Leads the network with the secretariat.")
    )
    manager_agreement = models.CharField(
        _("manager agreement"),
        max_length=12,
        choices=ManagerAgreement.choices,
        default=ManagerAgreement.NOT_NEEDED,
    )
    manager_agreement_on = models.DateField(_("manager agreement date"), null=True, blank=True)
    joined_on = models.DateField(_("joined"), default=timezone.localdate)
    left_on = models.DateField(_("left"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["network", "role", "participant__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["network", "participant"],
                name="membership_unique_per_network",
                violation_error_message=_("The person is already a member of this network."),
            ),
            models.CheckConstraint(
                condition=Q(role__in=["core", "involved"]),
                name="membership_role_valid",
            ),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gte=F("joined_on")),
                name="membership_leaves_after_joining",
                violation_error_message=_("A membership cannot end before it began."),
            ),
        ]

    def __str__(self):
        return f"{self.participant} – {self.network} ({self.get_role_display()})"

    @property
    def is_core(self) -> bool:
        return self.role == self.Role.CORE
