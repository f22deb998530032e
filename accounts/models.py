import zoneinfo

from django.conf import global_settings, settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.search import index

TIME_ZONE_CHOICES = [(tz, tz) for tz in sorted(zoneinfo.available_timezones())]


def validate_time_zone(value):
    # Choices are not stored in the field: the tz database changes between releases.
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("Unknown time zone: %(tz)s"), params={"tz": value})


class UserManager(BaseUserManager):
    """Users are identified by email; there is no username."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    # Optional, for anonymous statistics only (programme reports show groups
    # of fewer than 5 people as "<5"); blank means "not stated".
    class Sector(models.TextChoices):
        GOVERNMENT = "government", _("Government")
        PRIVATE = "private", _("Private sector")
        ACADEMIA = "academia", _("Academia")
        OTHER = "other", pgettext_lazy("sector", "Other")
        PREFER_NOT_TO_SAY = "prefer_not_to_say", _("Prefer not to say")

    class Gender(models.TextChoices):
        WOMAN = "woman", _("Woman")
        MAN = "man", _("Man")
        ANOTHER = "another", _("Another gender")
        PREFER_NOT_TO_SAY = "prefer_not_to_say", _("Prefer not to say")

    username = None
    email = models.EmailField(_("email address"), unique=True)
    native_name = models.CharField(
        _("name in your own script"),
        max_length=150,
        blank=True,
        help_text=_("Printed on certificates beside the Latin-script name, e.g. 王芳."),
    )
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="UTC", validators=[validate_time_zone]
    )
    language = models.CharField(
        _("preferred language"),
        max_length=10,
        choices=settings.LANGUAGES,
        blank=True,
    )
    sector = models.CharField(
        _("sector"), max_length=20, choices=Sector.choices, blank=True
    )
    gender = models.CharField(
        _("gender"), max_length=20, choices=Gender.choices, blank=True
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.get_full_name() or self.email


class OutboundEmail(models.Model):
    """An email to send, recorded before sending so it survives a broker outage.

    `key` makes enqueueing idempotent (one decision email per decision); the
    status guard makes sending idempotent (a retried task never sends twice).
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    key = models.CharField(_("idempotency key"), max_length=200, unique=True)
    to = models.JSONField(_("recipients"))
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("body"))
    html_body = models.TextField(_("HTML body"), blank=True)
    # Extra headers, e.g. List-Unsubscribe for discussion emails.
    headers = models.JSONField(_("headers"), default=dict, blank=True)
    # [{"filename", "mimetype", "content" (base64)}], e.g. a monthly report.
    attachments = models.JSONField(_("attachments"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("outbound email")
        verbose_name_plural = _("outbound emails")
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self):
        return f"{self.subject} → {', '.join(self.to)}"


# ---- alumni and expert network ----

# Languages a person may say they speak: Django's list. Its names are marked
# gettext_noop there; Django's own catalogues translate them when shown.
SPOKEN_LANGUAGE_CHOICES = [
    (code, _(name)) for code, name in sorted(global_settings.LANGUAGES)
]
BIO_MAX_LENGTH = 600


class NetworkProfile(index.Indexed, models.Model):
    """A member's entry in the alumni and expert network; listed only when opted in.

    Who may see it is one rule, `accounts.selectors.network_profiles_visible_to`.
    It never holds or shows an email address.
    """

    class Visibility(models.TextChoices):
        ONLY_ME = "only_me", _("Only me")
        HOLDERS = "holders", _("Holders of this platform's certificates")
        PUBLIC = "public", _("Everyone")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="network_profile",
        verbose_name=_("member"),
    )
    opted_in = models.BooleanField(_("listed in the network"), default=False)
    visibility = models.CharField(
        _("who may see my profile"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.ONLY_ME,
    )
    expertise = models.ManyToManyField(
        "courses.IPArea", blank=True, related_name="+", verbose_name=_("expertise")
    )
    # ",en,fr," so that one language is found with `languages__contains=",fr,"`
    # on every database (SQLite has no JSON containment).
    languages = models.CharField(_("languages spoken"), max_length=300, blank=True)
    office = models.ForeignKey(
        "cohorts.Office",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("office"),
    )
    country = models.CharField(_("country or region"), max_length=100, blank=True)
    bio = models.TextField(_("short bio"), max_length=BIO_MAX_LENGTH, blank=True)
    shown_cohorts = models.ManyToManyField(
        "cohorts.Cohort", blank=True, related_name="+", verbose_name=_("cohorts shown")
    )
    shown_certificates = models.ManyToManyField(
        "certificates.Certificate",
        blank=True,
        related_name="+",
        verbose_name=_("certificates shown"),
    )
    updated_at = models.DateTimeField(auto_now=True)

    search_fields = [
        index.SearchField("bio"),
        index.SearchField("country"),
        index.AutocompleteField("country"),
        index.RelatedFields(
            "user",
            [
                index.SearchField("first_name"),
                index.SearchField("last_name"),
                index.SearchField("native_name"),
                index.AutocompleteField("first_name"),
                index.AutocompleteField("last_name"),
            ],
        ),
        index.RelatedFields("office", [index.SearchField("name")]),
        index.FilterField("opted_in"),
        index.FilterField("visibility"),
    ]

    class Meta:
        verbose_name = _("network profile")
        verbose_name_plural = _("network profiles")

    def __str__(self):
        return str(self.user)

    @property
    def language_codes(self) -> list[str]:
        return [code for code in self.languages.split(",") if code]

    @staticmethod
    def join_languages(codes) -> str:
        return f",{','.join(sorted(set(codes)))}," if codes else ""

    def get_language_names(self) -> list[str]:
        names = dict(SPOKEN_LANGUAGE_CHOICES)
        return [str(names.get(code, code)) for code in self.language_codes]


class OfficeDesignation(models.Model):
    """An office marks one of its people as an expert or a trainer.

    Proposed by the office's coordinator; shown only once the person accepts.
    """

    class Kind(models.TextChoices):
        EXPERT = "expert", _("Expert")
        TRAINER = "trainer", _("Trainer")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Awaiting the person's consent")
        ACCEPTED = "accepted", pgettext_lazy("answer to a request", "Accepted")
        DECLINED = "declined", pgettext_lazy("answer to a request", "Declined")

    office = models.ForeignKey(
        "cohorts.Office",
        on_delete=models.CASCADE,
        related_name="designations",
        verbose_name=_("office"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="office_designations",
        verbose_name=_("person"),
    )
    kind = models.CharField(_("as"), max_length=10, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("proposed by"),
    )
    proposed_at = models.DateTimeField(_("proposed at"), auto_now_add=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        ordering = ["-proposed_at"]
        verbose_name = _("expert or trainer designation")
        verbose_name_plural = _("expert and trainer designations")
        constraints = [
            models.UniqueConstraint(
                fields=["office", "user", "kind"], name="unique_office_designation"
            )
        ]

    def __str__(self):
        return f"{self.user} · {self.get_kind_display()} · {self.office.short_code}"


class ContactRequest(models.Model):
    """A member asks an expert to get in touch.

    The expert's email is disclosed to the requester only once accepted; a
    declined request reads as unanswered to the requester.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        ACCEPTED = "accepted", pgettext_lazy("answer to a request", "Accepted")
        DECLINED = "declined", pgettext_lazy("answer to a request", "Declined")

    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="contact_requests_sent",
        verbose_name=_("requester"),
    )
    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="contact_requests_received",
        verbose_name=_("expert"),
    )
    message = models.TextField(_("message"), max_length=1000)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("contact request")
        verbose_name_plural = _("contact requests")
        constraints = [
            models.UniqueConstraint(
                fields=["requester", "expert"],
                condition=models.Q(status="pending"),
                name="one_pending_contact_request_per_pair",
            ),
            models.CheckConstraint(
                condition=~models.Q(requester=models.F("expert")),
                name="contact_request_not_to_self",
            ),
        ]
        indexes = [models.Index(fields=["requester", "created_at"])]

    def __str__(self):
        return f"{self.requester} → {self.expert} ({self.get_status_display()})"
