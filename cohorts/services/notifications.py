"""Emails about applications, written in the recipient's language.

Subjects and bodies are the templates cohorts/email/<name>_subject.txt and
<name>_body.txt. Every email goes through `accounts.services.email_enqueue` with
a key naming the enrolment and the event, so a retried request or task never
sends twice.
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from accounts.services import email_enqueue
from cohorts.models import Enrolment, OfficeMembership


def _email(
    *, to: list[str], language: str, name: str, context, key: str, attachments=None
) -> None:
    """Render the email `name` in `language` and enqueue it under `key`.

    `context` is a function called in that language, so that links carry its
    prefix; `attachments` (filename, bytes, mimetype) go with it. Idempotent
    per `key` (email_enqueue).
    """
    with translation.override(language or settings.LANGUAGE_CODE):
        context = context()
        subject = render_to_string(f"cohorts/email/{name}_subject.txt", context)
        body = render_to_string(f"cohorts/email/{name}_body.txt", context)
    email_enqueue(
        to=to,
        subject="".join(subject.splitlines()),
        body=body.strip() + "\n",
        key=key,
        attachments=attachments,
    )


def _my_learning_url() -> str:
    return settings.SITE_URL + reverse("learning:home")


def _trainee_email(enrolment: Enrolment, *, name: str, key: str, **extra) -> None:
    user = enrolment.user

    def context():
        return {
            "enrolment": enrolment,
            "name": user.get_full_name() or user.email,
            "cohort": enrolment.cohort.title,
            "office": enrolment.office.name,
            "lead": enrolment.cohort.lead_office.name,
            "url": _my_learning_url(),
            "reason": "",
            **extra,
        }

    _email(to=[user.email], language=user.language, name=name, context=context, key=key)


def notify_application_received(enrolment: Enrolment) -> None:
    """Tell the trainee their application arrived and who decides next (idempotent)."""
    _trainee_email(
        enrolment,
        name="application_received",
        key=f"enrolment-{enrolment.pk}-received",
    )


def notify_decision(
    enrolment: Enrolment, *, reason: str = "", event: int | None = None
) -> None:
    """Tell the trainee about the decision now recorded on the enrolment.

    `reason`, when given, is quoted to the trainee. Idempotent per decision:
    `event` (the decision's audit entry) tells a decision taken again after an
    undo from a retry of the first one.
    """
    key = f"enrolment-{enrolment.pk}-decision-{enrolment.status}"
    _trainee_email(
        enrolment,
        name="decision",
        key=f"{key}-{event}" if event else key,
        reason=reason,
    )


def notify_decision_undone(enrolment: Enrolment, *, event: int) -> None:
    """Tell the trainee a rejection or decline was taken back (once per undo)."""
    _trainee_email(
        enrolment,
        name="decision_undone",
        key=f"enrolment-{enrolment.pk}-undo-{event}",
    )


def notify_promoted(enrolment: Enrolment) -> None:
    """Tell a wait-listed trainee they were nominated because a seat freed up."""
    _trainee_email(
        enrolment,
        name="promoted",
        key=f"enrolment-{enrolment.pk}-promoted",
    )


def notify_survey_reminder(enrolment: Enrolment, *, survey, phase: str) -> None:
    """Remind an admitted trainee of a survey they have not answered. Once
    per survey, phase and trainee, ever (the key)."""
    _trainee_email(
        enrolment,
        name="survey_reminder",
        key=f"survey-{survey.pk}-{phase}-reminder-{enrolment.pk}",
        survey=survey.title,
        closes_on=survey.closes_on,
        url=settings.SITE_URL
        + reverse("cohorts:survey", args=[enrolment.cohort.slug, survey.pk]),
    )


def office_recipients(office) -> list[str]:
    """The office's contact address and its coordinators' addresses."""
    emails = list(
        OfficeMembership.objects.filter(
            office=office, role=OfficeMembership.Role.COORDINATOR
        ).values_list("user__email", flat=True)
    )
    if office.contact_email:
        emails.insert(0, office.contact_email)
    return list(dict.fromkeys(emails))


def office_email(office, *, name: str, key: str, context, attachments=None) -> int:
    """Email the office's contact and coordinators in the office's language;
    0 when it has nobody to write to. Idempotent per `key`."""
    recipients = office_recipients(office)
    if not recipients:
        return 0
    _email(
        to=recipients,
        language=office.language,
        name=name,
        context=context,
        key=key,
        attachments=attachments,
    )
    return 1


def _lead_office_email(enrolment: Enrolment, *, name: str, key: str, **extra) -> None:
    """Email the lead office's contact and coordinators about `enrolment`."""
    context = {
        "trainee": enrolment.user.get_full_name() or enrolment.user.email,
        "office": enrolment.office.name,
        "cohort": enrolment.cohort.title,
        **extra,
    }
    office_email(
        enrolment.cohort.lead_office, name=name, key=key, context=lambda: context
    )


def notify_lead_of_withdrawal(enrolment: Enrolment, promoted: Enrolment | None) -> None:
    """Tell the lead office that an admitted trainee withdrew (and who moved up)."""
    _lead_office_email(
        enrolment,
        name="withdrawal",
        key=f"enrolment-{enrolment.pk}-withdrawn-lead",
        next=(promoted.user.get_full_name() or promoted.user.email)
        if promoted is not None
        else "",
    )


def notify_lead_of_withdrawal_undone(enrolment: Enrolment) -> None:
    """Tell the lead office that a trainee took back the place they had withdrawn from."""
    _lead_office_email(
        enrolment,
        name="withdrawal_undone",
        # One email per undo: updated_at is the moment of this undo.
        key=f"enrolment-{enrolment.pk}-withdrawal-undone-"
        f"{enrolment.updated_at:%Y%m%d%H%M%S%f}",
    )


def notify_training_records_ready(archive) -> None:
    """Tell the requester their zip of training records is ready (once)."""
    user = archive.requested_by

    def context():
        return {
            "name": user.get_full_name() or user.email,
            "count": archive.total,
            "url": settings.SITE_URL
            + reverse("cohort_training_records_archive", args=[archive.pk]),
        }

    _email(
        to=[user.email],
        language=user.language,
        name="training_records_ready",
        context=context,
        key=f"training-records-archive-{archive.pk}-ready",
    )
