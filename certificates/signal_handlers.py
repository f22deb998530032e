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
def certificate_saved(sender, instance, created=False, update_fields=None, **kwargs):
    """Verification pages, the API and credentials show a certificate's status."""
    from certificates.services import caches

    public = caches.certificate_save_is_public(
        created=created, update_fields=update_fields
    )
    caches.certificate_caches_invalidate(
        certificate_ids=[instance.pk] if public else []
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
def certificate_endorsement_changed(sender, instance, **kwargs):
    """A certificate's page and credential list the offices that sign it."""
    from certificates.services.caches import certificate_caches_invalidate

    certificate_caches_invalidate(certificate_ids=[instance.certificate_id])


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
def cohort_endorsement_changed(sender, instance, **kwargs):
    """Every certificate of the cohort shows the office's approval as pending."""
    from certificates.services.caches import certificate_caches_invalidate

    certificate_caches_invalidate(cohort_id=instance.cohort_id)
