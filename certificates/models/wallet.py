from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class WalletOffer(models.Model):
    """A one-time invitation for a holder's wallet to pick up a certificate's
    credential, bound to the wallet's DID (see docs/decisions/0016).

    Only hashes of the secrets are kept: the VC-API exchange id, the
    pre-authorised code and the access token it is exchanged for.
    """

    class Protocol(models.TextChoices):
        VCAPI = "vcapi", _("VC-API exchange")
        OID4VCI = "oid4vci", _("OpenID4VCI credential offer")

    certificate = models.ForeignKey(
        "certificates.Certificate",
        on_delete=models.CASCADE,
        related_name="wallet_offers",
        verbose_name=_("certificate"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("created by"),
    )
    protocol = models.CharField(_("protocol"), max_length=10, choices=Protocol.choices)
    secret_hash = models.CharField(max_length=64, unique=True)
    challenge = models.CharField(_("challenge"), max_length=64, blank=True)
    tx_code_hash = models.CharField(max_length=64, blank=True)
    access_token_hash = models.CharField(max_length=64, blank=True)
    access_expires_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"))
    redeemed_at = models.DateTimeField(_("redeemed at"), null=True, blank=True)
    holder_did = models.CharField(_("wallet DID"), max_length=2000, blank=True)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("wallet offer")
        verbose_name_plural = _("wallet offers")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["access_token_hash"],
                condition=~models.Q(access_token_hash=""),
                name="wallet_offer_unique_access_token",
            )
        ]

    def __str__(self):
        return f"{self.get_protocol_display()} · {self.certificate_id}"


class WalletNonceUse(models.Model):
    """A proof-of-possession nonce already spent: the unique hash refuses a replay."""

    nonce_hash = models.CharField(max_length=64, unique=True)
    used_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("spent wallet nonce")
        verbose_name_plural = _("spent wallet nonces")

    def __str__(self):
        return self.nonce_hash[:12]
