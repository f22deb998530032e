from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Office(models.Model):
    """A partner IP office (or organisation such as WIPO) that co-organizes training."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    short_code = models.SlugField(
        _("short code"),
        max_length=20,
        unique=True,
        help_text=_(
            "Short identifier, e.g. cnipa; used in URLs and the office's issuer id."
        ),
    )
    country = models.CharField(
        _("country or region"),
        max_length=100,
        help_text=_("e.g. China, or GCC for a regional office."),
    )
    language = models.CharField(
        _("working language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default="en",
        help_text=_("Printed beside English on certificates this office leads."),
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("logo"),
    )
    contact_email = models.EmailField(_("contact email"), blank=True)
    website = models.URLField(_("website"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("partner office")
        verbose_name_plural = _("partner offices")

    def __str__(self):
        return self.name


class OfficeMembership(models.Model):
    """Links a person to an office with a role; a person may belong to several offices."""

    class Role(models.TextChoices):
        COORDINATOR = "coordinator", _("Coordinator")

    office = models.ForeignKey(
        Office,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("office"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="office_memberships",
        verbose_name=_("user"),
    )
    role = models.CharField(
        _("role"), max_length=20, choices=Role.choices, default=Role.COORDINATOR
    )
    title = models.CharField(
        _("title"),
        max_length=200,
        blank=True,
        help_text=_("e.g. Director, Training Division"),
    )

    class Meta:
        verbose_name = _("office membership")
        verbose_name_plural = _("office memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["office", "user"], name="unique_office_membership"
            )
        ]

    def __str__(self):
        return f"{self.user} · {self.office.short_code} ({self.get_role_display()})"
