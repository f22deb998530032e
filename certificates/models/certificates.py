import datetime
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from certificates.storage import private_storage


class HolderIdentity(models.Model):
    """A stable, non-personal identifier per holder: `credentialSubject.id` of every credential."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="holder_identity",
        verbose_name=_("holder"),
    )
    uuid = models.UUIDField(_("holder id"), default=uuid.uuid4, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("holder identity")
        verbose_name_plural = _("holder identities")

    def __str__(self):
        return self.urn

    @property
    def urn(self) -> str:
        return f"urn:uuid:{self.uuid}"


def _pdf_path(instance, filename):
    return f"certificates/{instance.code}.pdf"


class Certificate(models.Model):
    """A certificate as issued: a frozen record of a completed enrolment.

    Nothing here follows later edits of the course, cohort or profile. Certificates
    are never deleted: revocation and supersession are status changes with a time.
    """

    class Status(models.TextChoices):
        VALID = "valid", _("Valid")
        EXPIRED = "expired", _("Expired")
        REVOKED = "revoked", _("Revoked")
        SUPERSEDED = "superseded", _("Superseded")

    enrolment = models.ForeignKey(
        "cohorts.Enrolment",
        on_delete=models.PROTECT,
        related_name="certificates",
        verbose_name=_("enrolment"),
    )
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="certificates",
        verbose_name=_("holder"),
    )
    cohort = models.ForeignKey(
        "cohorts.Cohort",
        on_delete=models.PROTECT,
        related_name="certificates",
        verbose_name=_("cohort"),
    )
    code = models.CharField(_("verification code"), max_length=32, unique=True)
    holder_uuid = models.UUIDField(_("holder id"))

    # ---- frozen at issue ----
    holder_name = models.CharField(_("holder's name as printed"), max_length=300)
    holder_native_name = models.CharField(
        _("holder's name in own script"), max_length=300, blank=True
    )
    course_title = models.CharField(_("course"), max_length=300)
    cohort_title = models.CharField(_("cohort"), max_length=300)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    hours = models.PositiveSmallIntegerField(_("hours"), null=True, blank=True)
    attendance_rate = models.DecimalField(
        _("attendance rate (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    final_score = models.DecimalField(
        _("final score (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    learning_record = models.JSONField(
        _("learning record"),
        default=dict,
        blank=True,
        help_text=_(
            '{"sessions_expected", "sessions_attended", "assessments": [{"title", '
            '"kind"}], "ip_areas": [{"code", "name", "url"}]} at issue: the '
            "credential's evidence and alignment."
        ),
    )
    lead_office_name = models.CharField(_("lead office"), max_length=200)
    lead_office_code = models.CharField(_("lead office code"), max_length=20)
    co_offices = models.JSONField(
        _("co-organizing offices"),
        default=list,
        blank=True,
        help_text=_('[{"name": …, "code": …}] at issue.'),
    )
    second_language = models.CharField(
        _("second language"),
        max_length=10,
        blank=True,
        help_text=_(
            "The lead office's working language, printed beside English "
            "(empty when it is English)."
        ),
    )
    course_title_second = models.CharField(
        _("course in the second language"),
        max_length=300,
        blank=True,
        help_text=_("The course's published translation, if any, at issue."),
    )
    issued_at = models.DateTimeField(_("issued at"), default=timezone.now)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)

    # ---- status ----
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revocation_reason = models.CharField(
        _("reason for revocation"), max_length=500, blank=True
    )
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revoked by"),
    )
    superseded_at = models.DateTimeField(_("superseded at"), null=True, blank=True)
    superseded_by = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="supersedes",
        verbose_name=_("superseded by"),
    )

    # ---- signed credential, status list entry and PDF ----
    status_list = models.ForeignKey(
        "certificates.StatusList",
        on_delete=models.PROTECT,
        related_name="certificates",
        verbose_name=_("status list"),
    )
    status_index = models.PositiveIntegerField(_("status list index"))
    credential = models.JSONField(_("signed credential"), default=dict, blank=True)
    pdf = models.FileField(
        _("PDF"), storage=private_storage, upload_to=_pdf_path, blank=True
    )
    pdf_sha256 = models.CharField(_("PDF SHA-256"), max_length=64, blank=True)
    pdf_sha256_earlier = models.JSONField(
        _("SHA-256 of earlier PDFs"),
        default=list,
        blank=True,
        help_text=_("PDFs issued before co-signing offices were added or withdrawn."),
    )
    pdf_source_sha256 = models.CharField(
        _("SHA-256 of the data the PDF shows"), max_length=64, blank=True
    )

    # ---- co-signing offices (a summary of CertificateEndorsement rows) ----
    endorsement_record = models.JSONField(
        _("co-signing offices"),
        default=list,
        blank=True,
        help_text=_(
            '[{"code", "name", "signatory_name", "signatory_title", "signed_at", '
            '"withdrawn_at", "withdrawal_reason"}], kept by the endorsement services.'
        ),
    )

    class Meta:
        ordering = ["-issued_at"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        constraints = [
            # One current certificate per enrolment; corrections mark the old
            # one superseded first, then issue the new one.
            models.UniqueConstraint(
                fields=["enrolment"],
                condition=Q(superseded_at__isnull=True),
                name="one_current_certificate_per_enrolment",
            ),
            models.UniqueConstraint(
                fields=["status_list", "status_index"],
                name="unique_status_list_index",
            ),
        ]

    def __str__(self):
        return f"{self.code} · {self.holder_name}"

    @property
    def status(self) -> str:
        """valid, expired, revoked or superseded; revocation wins over the rest."""
        if self.revoked_at:
            return self.Status.REVOKED
        if self.superseded_at:
            return self.Status.SUPERSEDED
        if self.valid_until and self.valid_until < timezone.localdate():
            return self.Status.EXPIRED
        return self.Status.VALID

    @staticmethod
    def valid_q() -> Q:
        """The query form of `status == VALID`: keep it beside `status`, one rule."""
        return Q(revoked_at__isnull=True, superseded_at__isnull=True) & (
            Q(valid_until__isnull=True) | Q(valid_until__gte=timezone.localdate())
        )

    def get_status_display(self) -> str:
        return self.Status(self.status).label

    @property
    def issued_on(self) -> datetime.date:
        return timezone.localdate(self.issued_at)
