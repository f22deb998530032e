from celery import shared_task


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
