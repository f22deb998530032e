from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CertificateBatch(models.Model):
    """One "issue certificates for this cohort" action, with its progress."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to start")
        RUNNING = "running", _("Issuing")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    cohort = models.ForeignKey(
        "cohorts.Cohort",
        on_delete=models.CASCADE,
        related_name="certificate_batches",
        verbose_name=_("cohort"),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    total = models.PositiveIntegerField(_("certificates to issue"), default=0)
    done = models.PositiveIntegerField(_("certificates issued"), default=0)
    error = models.TextField(_("error"), blank=True)
    # Issuing runs in short chunk tasks; a chunk counts once, when it is recorded
    # here, so a retried chunk never counts its enrolments twice.
    # Enrolment ids of each chunk, as planned; kept so a retried or redelivered
    # batch task queues the same chunks again, never a different split.
    chunks = models.JSONField(_("chunks"), default=list, blank=True)
    chunks_done = models.JSONField(_("chunks done"), default=list, blank=True)
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("certificate batch")
        verbose_name_plural = _("certificate batches")

    def __str__(self):
        return f"{self.cohort} ({self.done}/{self.total})"

    @property
    def percent(self) -> int:
        return 100 if not self.total else round(100 * self.done / self.total)
