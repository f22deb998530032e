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


@shared_task(acks_late=True)
def survey_reminders_send_task() -> int:
    """Periodic: remind admitted trainees of open surveys they have not answered.

    Idempotent: one reminder per survey, phase and trainee (see the service).
    """
    from cohorts.services.surveys import survey_reminders_send

    return survey_reminders_send()
