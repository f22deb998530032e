from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from cohorts.signals import enrolment_completed


@receiver(enrolment_completed, dispatch_uid="certificates_issue_on_completion")
def issue_on_completion(sender, enrolment, **kwargs):
    from certificates.tasks import certificate_issue_task

    pk = enrolment.pk
    transaction.on_commit(lambda: certificate_issue_task.delay(pk), robust=True)


@receiver(
    post_save,
    sender="certificates.Certificate",
    dispatch_uid="certificates_cache_saved",
)
@receiver(
    post_save,
    sender="certificates.CertificateEndorsement",
    dispatch_uid="certificates_cache_endorsed",
)
@receiver(
    post_delete,
    sender="certificates.CertificateEndorsement",
    dispatch_uid="certificates_cache_unendorsed",
)
@receiver(
    post_save,
    sender="certificates.CohortEndorsement",
    dispatch_uid="certificates_cache_cohort_endorsed",
)
@receiver(
    post_delete,
    sender="certificates.CohortEndorsement",
    dispatch_uid="certificates_cache_cohort_unendorsed",
)
def page_cache_bump(sender, **kwargs):
    """Verification pages show a certificate's status and its endorsements."""
    from courses.services import page_cache_bump as bump

    bump()
