"""Emails about applications, written in the recipient's language.

Every email goes through `accounts.services.email_enqueue` with a key naming
the enrolment and the event, so a retried request or task never sends twice.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.services import email_enqueue
from cohorts.models import Enrolment, OfficeMembership


def _my_learning_url() -> str:
    return settings.SITE_URL + reverse("learning:home")


def _trainee_email(
    enrolment: Enrolment, *, key: str, subject, body, reason: str = ""
) -> None:
    user = enrolment.user
    with translation.override(user.language or settings.LANGUAGE_CODE):
        context = {
            "name": user.get_full_name() or user.email,
            "cohort": enrolment.cohort.title,
            "office": enrolment.office.name,
            "lead": enrolment.cohort.lead_office.name,
            "url": _my_learning_url(),
            "reason": reason,
            "status": enrolment.get_status_display().lower(),
        }
        email_enqueue(
            to=[user.email],
            subject=subject() % context,
            body=body() % context,
            key=key,
        )


def notify_application_received(enrolment: Enrolment) -> None:
    """Tell the trainee their application arrived and who decides next (idempotent)."""
    _trainee_email(
        enrolment,
        key=f"enrolment-{enrolment.pk}-received",
        subject=lambda: _("Application received: %(cohort)s"),
        body=lambda: _(
            "Dear %(name)s,\n\nWe have received your application to %(cohort)s.\n"
            "%(office)s will now consider your nomination; %(lead)s then decides "
            "on admission.\n\nFollow each step on My learning: %(url)s\n"
        ),
    )


_DECISION_TEXT = {
    Enrolment.Status.NOMINATED: lambda: _(
        "%(office)s has nominated you for %(cohort)s. %(lead)s will now decide "
        "on your admission."
    ),
    Enrolment.Status.WAITLISTED: lambda: _(
        "%(office)s has placed you on its waiting list for %(cohort)s. If a seat "
        "frees up you will be nominated automatically."
    ),
    Enrolment.Status.REJECTED: lambda: _(
        "%(office)s could not nominate you for %(cohort)s this time."
    ),
    Enrolment.Status.ADMITTED: lambda: _(
        "You are admitted to %(cohort)s. Welcome! Your sessions appear on My "
        "learning in your own time zone."
    ),
    Enrolment.Status.DECLINED: lambda: _(
        "%(lead)s could not admit you to %(cohort)s this time."
    ),
}


def notify_decision(
    enrolment: Enrolment, *, reason: str = "", event: int | None = None
) -> None:
    """Tell the trainee about the decision now recorded on the enrolment.

    `reason`, when given, is quoted to the trainee. Idempotent per decision:
    `event` (the decision's audit entry) tells a decision taken again after an
    undo from a retry of the first one.
    """
    text = _DECISION_TEXT[enrolment.status]
    key = f"enrolment-{enrolment.pk}-decision-{enrolment.status}"
    _trainee_email(
        enrolment,
        key=f"{key}-{event}" if event else key,
        subject=lambda: _("Decision on your application: %(cohort)s"),
        body=lambda: (
            _("Dear %(name)s,\n\n")
            + text()
            + (_("\n\nReason: %(reason)s") if reason else "")
            + _("\n\nSee your applications on My learning: %(url)s\n")
        ),
        reason=reason,
    )


def notify_decision_undone(enrolment: Enrolment, *, event: int) -> None:
    """Tell the trainee a rejection or decline was taken back (once per undo)."""
    _trainee_email(
        enrolment,
        key=f"enrolment-{enrolment.pk}-undo-{event}",
        subject=lambda: _("Decision on your application: %(cohort)s"),
        body=lambda: _(
            "Dear %(name)s,\n\nThe decision on your application to %(cohort)s "
            "has been taken back: your application is %(status)s again.\n\n"
            "My learning: %(url)s\n"
        ),
    )


def notify_promoted(enrolment: Enrolment) -> None:
    """Tell a wait-listed trainee they were nominated because a seat freed up."""
    _trainee_email(
        enrolment,
        key=f"enrolment-{enrolment.pk}-promoted",
        subject=lambda: _("A seat freed up: you are nominated for %(cohort)s"),
        body=lambda: _(
            "Dear %(name)s,\n\nA seat of %(office)s in %(cohort)s has freed up, "
            "so you have been moved from the waiting list and nominated. %(lead)s "
            "will now decide on your admission.\n\nMy learning: %(url)s\n"
        ),
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


def notify_lead_of_withdrawal(enrolment: Enrolment, promoted: Enrolment | None) -> None:
    """Tell the lead office that an admitted trainee withdrew (and who moved up)."""
    cohort = enrolment.cohort
    recipients = office_recipients(cohort.lead_office)
    if not recipients:
        return
    with translation.override(cohort.lead_office.language or settings.LANGUAGE_CODE):
        context = {
            "trainee": enrolment.user.get_full_name() or enrolment.user.email,
            "office": enrolment.office.name,
            "cohort": cohort.title,
        }
        body = _("%(trainee)s (%(office)s) has withdrawn from %(cohort)s.") % context
        if promoted is not None:
            body += "\n" + _(
                "%(next)s, first on the waiting list of %(office)s, has been "
                "nominated automatically and awaits your decision."
            ) % {
                "next": promoted.user.get_full_name() or promoted.user.email,
                "office": enrolment.office.name,
            }
        email_enqueue(
            to=recipients,
            subject=_("Withdrawal from %(cohort)s") % context,
            body=body + "\n",
            key=f"enrolment-{enrolment.pk}-withdrawn-lead",
        )


def notify_lead_of_withdrawal_undone(enrolment: Enrolment) -> None:
    """Tell the lead office that a trainee took back the place they had withdrawn from."""
    cohort = enrolment.cohort
    recipients = office_recipients(cohort.lead_office)
    if not recipients:
        return
    with translation.override(cohort.lead_office.language or settings.LANGUAGE_CODE):
        context = {
            "trainee": enrolment.user.get_full_name() or enrolment.user.email,
            "office": enrolment.office.name,
            "cohort": cohort.title,
        }
        email_enqueue(
            to=recipients,
            subject=_("Withdrawal undone: %(cohort)s") % context,
            body=_(
                "%(trainee)s (%(office)s) has undone their withdrawal and is "
                "admitted to %(cohort)s again."
            )
            % context
            + "\n",
            # One email per undo: updated_at is the moment of this undo.
            key=f"enrolment-{enrolment.pk}-withdrawal-undone-"
            f"{enrolment.updated_at:%Y%m%d%H%M%S%f}",
        )
