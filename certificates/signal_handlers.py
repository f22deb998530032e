from django.db import transaction
from django.dispatch import receiver

from cohorts.signals import enrolment_completed


@receiver(enrolment_completed, dispatch_uid="certificates_issue_on_completion")
def issue_on_completion(sender, enrolment, **kwargs):
    from certificates.tasks import certificate_issue_task

    pk = enrolment.pk
    transaction.on_commit(lambda: certificate_issue_task.delay(pk), robust=True)
