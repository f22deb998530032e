import hashlib
import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _


class OfficeApiToken(models.Model):
    """A secret that lets one office's own systems read the API, scoped to that office.

    Only the SHA-256 hash of the token is stored; the token itself is shown once,
    when it is created.
    """

    office = models.ForeignKey(
        "cohorts.Office",
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("office"),
    )
    name = models.CharField(
        _("name"), max_length=100, help_text=_("What uses it, e.g. HR system.")
    )
    prefix = models.CharField(_("prefix"), max_length=8, editable=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        ordering = ["office__name", "-created_at"]
        verbose_name = _("office API token")
        verbose_name_plural = _("office API tokens")

    def __str__(self):
        return f"{self.office.short_code}: {self.name} ({self.prefix}…)"

    @staticmethod
    def hash(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    @staticmethod
    def generate() -> str:
        return secrets.token_urlsafe(32)
