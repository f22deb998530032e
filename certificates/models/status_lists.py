import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _

# Bitstring Status List v1.0 requires at least 131,072 entries (16 KB) for privacy.
DEFAULT_SIZE = 131_072


def _slug():
    return secrets.token_hex(8)


def _empty_bits():
    return bytes(DEFAULT_SIZE // 8)


class StatusList(models.Model):
    """A Bitstring Status List (purpose: revocation), published as a signed credential.

    Bit i set means the credential with statusListIndex i is revoked. Index i is
    bit `7 - i % 8` of byte `i // 8`. The platform's lists (no office) cover
    certificates; each office has its own lists, issued and signed by the office,
    for its endorsements (a set bit: the endorsement is withdrawn).
    """

    class Purpose(models.TextChoices):
        REVOCATION = "revocation", _("Revocation")

    slug = models.SlugField(_("list id"), max_length=32, unique=True, default=_slug)
    purpose = models.CharField(
        _("purpose"), max_length=20, choices=Purpose.choices, default=Purpose.REVOCATION
    )
    office = models.ForeignKey(
        "cohorts.Office",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="status_lists",
        verbose_name=_("issuing office"),
        help_text=_("Empty for the platform's own lists."),
    )
    awaiting_signature = models.BooleanField(
        _("awaiting the office's signature"),
        default=False,
        help_text=_(
            "The bits changed and the office, which keeps its own key, has not yet "
            "uploaded the list signed; verifiers still see the last signed list."
        ),
    )
    size = models.PositiveIntegerField(_("entries"), default=DEFAULT_SIZE)
    bits = models.BinaryField(_("bitstring"), default=_empty_bits)
    credential = models.JSONField(_("signed status list credential"), default=dict)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("status list")
        verbose_name_plural = _("status lists")

    def __str__(self):
        return self.slug

    def bit_get(self, index: int) -> bool:
        return bool(bytes(self.bits)[index // 8] & (1 << (7 - index % 8)))

    def bit_set(self, index: int, value: bool = True) -> None:
        if not 0 <= index < self.size:
            raise ValueError("status index out of range")
        data = bytearray(bytes(self.bits))
        mask = 1 << (7 - index % 8)
        data[index // 8] = (
            (data[index // 8] | mask) if value else (data[index // 8] & ~mask)
        )
        self.bits = bytes(data)
