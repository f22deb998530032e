from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cohorts.files import private_storage


def _archive_path(instance, filename):
    return f"training-records/{instance.requested_by_id}/{filename}"


class TrainingRecordArchive(models.Model):
    """One "PDFs of my nominees' training records" request, built in the
    background into a zip in private storage; only its requester downloads it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to start")
        RUNNING = "running", _("Preparing")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("requested by"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    total = models.PositiveIntegerField(_("records to prepare"), default=0)
    done = models.PositiveIntegerField(_("records prepared"), default=0)
    file = models.FileField(
        _("zip"), storage=private_storage, upload_to=_archive_path, blank=True
    )
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("training records archive")
        verbose_name_plural = _("training records archives")

    def __str__(self):
        return f"{self.requested_by} ({self.done}/{self.total})"

    @property
    def percent(self) -> int:
        return 100 if not self.total else round(100 * self.done / self.total)

    @property
    def is_working(self) -> bool:
        return self.status in (self.Status.PENDING, self.Status.RUNNING)
