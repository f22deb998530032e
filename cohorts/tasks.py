from celery import shared_task
from django.db import OperationalError


@shared_task(acks_late=True)
def attendance_warning_send_task() -> int:
    """Periodic: warn trainees whose attendance fell below their cohort's minimum.

    Idempotent: each enrolment is warned at most once (see the service).
    """
    from cohorts.services.attendance import attendance_warning_send

    return attendance_warning_send()


@shared_task(acks_late=True)
def monthly_report_send_task() -> int:
    """Periodic: email each office its programme report for last month.

    Idempotent: one email per office and month (see the service).
    """
    from cohorts.services.reports import monthly_report_send

    return monthly_report_send()


def _training_record_archive_build_failure(self, exc, task_id, args, kwargs, einfo):
    from cohorts.services.records import training_record_archive_fail

    training_record_archive_fail(archive_id=args[0], error=str(exc))


@shared_task(
    autoretry_for=(OperationalError, OSError),
    retry_backoff=True,
    max_retries=3,
    acks_late=True,
    on_failure=_training_record_archive_build_failure,
    # Hundreds of PDFs take longer than the global 4-minute limit.
    soft_time_limit=60 * 60,
    time_limit=65 * 60,
)
def training_record_archive_build_task(archive_id: int) -> int:
    """Build a zip of nominees' training record PDFs; a no-op once it is ready."""
    from cohorts.services.records import training_record_archive_build

    return training_record_archive_build(archive_id=archive_id).done


@shared_task(acks_late=True)
def survey_reminders_send_task() -> int:
    """Periodic: remind admitted trainees of open surveys they have not answered.

    Idempotent: one reminder per survey, phase and trainee (see the service).
    """
    from cohorts.services.surveys import survey_reminders_send

    return survey_reminders_send()
