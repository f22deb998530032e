from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class OfficeCredentialSettings(models.Model):
    """How an office's certificates present it outside the platform (one row per
    office, created when first set)."""

    office = models.OneToOneField(
        "cohorts.Office",
        on_delete=models.CASCADE,
        related_name="credential_settings",
        verbose_name=_("office"),
    )
    linkedin_organization_id = models.CharField(
        _("LinkedIn organization id"),
        max_length=20,
        blank=True,
        validators=[RegexValidator(r"^\d+$", _("Digits only, e.g. 1337."))],
        help_text=_(
            "The number in the office's LinkedIn company page admin URL. "
            "'Add to LinkedIn profile' then links certificates the office leads "
            "to that page; without it LinkedIn shows the platform's name."
        ),
    )

    class Meta:
        verbose_name = _("office credential settings")
        verbose_name_plural = _("office credential settings")

    def __str__(self) -> str:
        return str(self.office)
