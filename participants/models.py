"""Participants (people) and their memberships of networks."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

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
    removal_requested_at = models.DateTimeField(
        _("asked to be removed"),
        null=True,
        blank=True,
        help_text=_("The person asked to be removed; the secretariat anonymises them."),
    )
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True)
    retention_warned_at = models.DateTimeField(
        _("retention warning sent"),
        null=True,
        blank=True,
        help_text=_("When the secretariat was told the person will soon be anonymised."),
    )
    calendar_token = models.CharField(
        _("calendar token"),
        max_length=64,
        null=True,
        blank=True,
        unique=True,
        help_text=_("The secret in the address of the person's calendar feed."),
    )
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
    # Who changed what and when (django-simple-history; shown in admin).
    # The calendar token is a secret and stays out of it.
    history = HistoricalRecords(excluded_fields=["calendar_token"])

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
        # The participant list and admin read a page of people by name: an index scan, not a
        # sort of everyone.
        indexes = [models.Index(fields=["name", "id"], name="participant_by_name")]

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
    manager_summary_sent_at = models.DateTimeField(
        _("summary sent to manager"), null=True, blank=True
    )
    joined_on = models.DateField(_("joined"), default=timezone.localdate)
    left_on = models.DateField(_("left"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()
    history = HistoricalRecords()

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


class Consent(models.Model):
    """A consent the person gave, with the version of the text they agreed to. Withdrawing
    closes the row; giving it again opens a new one, so the history stays."""

    class Kind(models.TextChoices):
        PROCESSING = "processing", _("Processing of my personal data")
        SHOW_TO_PEERS = (
            "show_to_peers",
            _("Showing my name and organisation to fellow participants"),
        )

    participant = models.ForeignKey(
        Participant,
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="consents",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    text_version = models.CharField(_("text version"), max_length=20)
    given_at = models.DateTimeField(_("given"), default=timezone.now)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["participant", "kind", "-given_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "kind"],
                condition=Q(withdrawn_at__isnull=True),
                name="consent_one_current_per_kind",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["processing", "show_to_peers"]), name="consent_kind_valid"
            ),
        ]

    def __str__(self):
        return f"{self.participant}: {self.get_kind_display()} ({self.text_version})"


class NetworkInvitation(models.Model):
    """The secretariat's invitation to join a network in a role. The person opens it from a
    signed, expiring link in the mail, reads what the role means, and accepts (which creates
    the membership) or declines. Each step keeps its time."""

    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("network invitation status", "Awaiting answer")
        ACCEPTED = "accepted", pgettext_lazy("network invitation status", "Accepted")
        DECLINED = "declined", pgettext_lazy("network invitation status", "Declined")
        WITHDRAWN = "withdrawn", pgettext_lazy("network invitation status", "Withdrawn")

    network = models.ForeignKey(
        Network,
        verbose_name=_("network"),
        on_delete=models.CASCADE,
        related_name="network_invitations",
    )
    participant = models.ForeignKey(
        Participant,
        verbose_name=_("participant"),
        on_delete=models.PROTECT,
        related_name="network_invitations",
    )
    role = models.CharField(_("role"), max_length=10, choices=Membership.Role.choices)
    phases = models.ManyToManyField(
        Phase, verbose_name=_("phases"), blank=True, related_name="network_invitations"
    )
    is_co_driver = models.BooleanField(_("co-driver"), default=False)
    message = models.TextField(
        _("personal message"), blank=True, help_text=_("Shown in the mail and on the page.")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("mail sent"), null=True, blank=True)
    expires_at = models.DateTimeField(_("link expires"), null=True, blank=True)
    opened_at = models.DateTimeField(_("first opened"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    membership = models.OneToOneField(
        Membership,
        verbose_name=_("membership"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="network_invitation",
    )

    class Meta:
        verbose_name = _("network invitation")
        verbose_name_plural = _("network invitations")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["network", "participant"],
                condition=Q(status="open"),
                name="network_invitation_one_open",
                violation_error_message=_(
                    "The person already has an open invitation to this network."
                ),
            ),
            models.CheckConstraint(
                condition=Q(role__in=["core", "involved"]), name="network_invitation_role_valid"
            ),
            models.CheckConstraint(
                condition=Q(status="open") | Q(status="withdrawn") | Q(answered_at__isnull=False),
                name="network_invitation_answer_has_time",
            ),
        ]

    def __str__(self):
        return f"{self.participant} → {self.network} ({self.get_role_display()})"


class SignInLink(models.Model):
    """A one-time sign-in link sent by mail. Only a hash of the secret is stored; the link
    works once, until it expires."""

    participant = models.ForeignKey(
        Participant,
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="sign_in_links",
    )
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"))
    used_at = models.DateTimeField(_("used"), null=True, blank=True)

    class Meta:
        verbose_name = _("sign-in link")
        verbose_name_plural = _("sign-in links")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["participant", "created_at"], name="signin_link_recent")]

    def __str__(self):
        return f"{self.participant} ({self.created_at:%Y-%m-%d %H:%M})"
