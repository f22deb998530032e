from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class CohortEndorsement(models.Model):
    """One office's approval of a cohort's results: it endorses every certificate.

    Created by the office's coordinator in one action; a task then signs an
    EndorsementCredential per certificate with the office's key (or, for an office
    that keeps its own key, waits for the signed batch it uploads).
    """

    class Status(models.TextChoices):
        SIGNING = "signing", _("Signing")
        AWAITING = "awaiting", _("Waiting for the office's own signatures")
        SIGNED = "signed", _("Signed")
        FAILED = "failed", _("Failed")

    cohort = models.ForeignKey(
        "cohorts.Cohort",
        on_delete=models.PROTECT,
        related_name="endorsements",
        verbose_name=_("cohort"),
    )
    office = models.ForeignKey(
        "cohorts.Office",
        on_delete=models.PROTECT,
        related_name="cohort_endorsements",
        verbose_name=_("office"),
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved by"),
    )
    signatory_name = models.CharField(
        _("signatory's name"),
        max_length=200,
        help_text=_("Printed on the certificates under the office's name."),
    )
    signatory_title = models.CharField(
        _("signatory's title"),
        max_length=200,
        blank=True,
        help_text=_("e.g. Director, Training Division"),
    )
    approved_at = models.DateTimeField(_("approved at"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.SIGNING
    )
    total = models.PositiveIntegerField(_("certificates to sign"), default=0)
    done = models.PositiveIntegerField(_("certificates signed"), default=0)
    error = models.TextField(_("error"), blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        ordering = ["cohort", "office__name"]
        verbose_name = _("cohort endorsement")
        verbose_name_plural = _("cohort endorsements")
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "office"], name="one_endorsement_per_cohort_office"
            )
        ]

    def __str__(self):
        return f"{self.office.short_code} endorses {self.cohort}"

    @property
    def percent(self) -> int:
        return 100 if not self.total else round(100 * self.done / self.total)


class CertificateEndorsement(models.Model):
    """An office's EndorsementCredential about one certificate's credential.

    ``document`` is the unsigned endorsement until the office signs it, then the
    signed one. A withdrawn endorsement is kept (with its reason) but no longer
    listed in the certificate's credential.
    """

    certificate = models.ForeignKey(
        "certificates.Certificate",
        on_delete=models.PROTECT,
        related_name="endorsements",
        verbose_name=_("certificate"),
    )
    office = models.ForeignKey(
        "cohorts.Office",
        on_delete=models.PROTECT,
        related_name="certificate_endorsements",
        verbose_name=_("office"),
    )
    cohort_endorsement = models.ForeignKey(
        CohortEndorsement,
        on_delete=models.PROTECT,
        related_name="certificate_endorsements",
        verbose_name=_("approval"),
    )
    document = models.JSONField(_("endorsement credential"), default=dict)
    signed_at = models.DateTimeField(_("signed at"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawal_reason = models.CharField(
        _("reason for withdrawal"), max_length=500, blank=True
    )
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("withdrawn by"),
    )
    # The endorsement's entry on its office's own status list (empty for
    # endorsements signed before endorsements carried a status).
    status_list = models.ForeignKey(
        "certificates.StatusList",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="endorsements",
        verbose_name=_("status list"),
    )
    status_index = models.PositiveIntegerField(
        _("status list index"), null=True, blank=True
    )

    class Meta:
        ordering = ["certificate", "office__name"]
        verbose_name = _("certificate endorsement")
        verbose_name_plural = _("certificate endorsements")
        constraints = [
            models.UniqueConstraint(
                fields=["certificate", "office"],
                name="one_endorsement_per_certificate_office",
            ),
            models.CheckConstraint(
                condition=Q(withdrawn_at__isnull=True) | ~Q(withdrawal_reason=""),
                name="endorsement_withdrawal_has_reason",
            ),
            models.UniqueConstraint(
                fields=["status_list", "status_index"],
                name="unique_endorsement_status_index",
            ),
        ]

    def __str__(self):
        return f"{self.office.short_code} endorses {self.certificate.code}"

    @property
    def is_signed(self) -> bool:
        return self.signed_at is not None

    @property
    def is_active(self) -> bool:
        return self.signed_at is not None and self.withdrawn_at is None
