"""Audit log of sensitive actions, kept in Wagtail's own log (ModelLogEntry).

Entries show in the admin under Reports: "Site history" for superusers and
"Audit log" (only these actions) for platform admins. Call `audit_log` from the
service that performs the action, inside its transaction, so the entry exists
exactly when the change does, whoever calls the service (view, import, API,
command). It lives in the project package, not in `cms`, so that every app's
services can import it without depending on the CMS (which reads everyone).
"""

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import LogFormatter
from wagtail.log_actions import log as wagtail_log

ENROLMENT_DECISION = "srip.enrolment.decision"
ATTENDANCE_EDIT = "srip.attendance.edit"
GRADE_CHANGE = "srip.grade.change"
CERTIFICATE_ISSUE = "srip.certificate.issue"
CERTIFICATE_REVOKE = "srip.certificate.revoke"
CERTIFICATE_CORRECT = "srip.certificate.correct"
COHORT_COMPLETE = "srip.cohort.complete"
COHORT_REOPEN = "srip.cohort.reopen"
SIGNING_KEY_CREATE = "srip.signing_key.create"
SIGNING_KEY_ROTATE = "srip.signing_key.rotate"
ENDORSEMENT_APPROVE = "srip.endorsement.approve"
ENDORSEMENT_IMPORT = "srip.endorsement.import"
ENDORSEMENT_WITHDRAW = "srip.endorsement.withdraw"
OFFICE_KEY_REGISTER = "srip.office_key.register"

ACTIONS = {
    ENROLMENT_DECISION: _("Enrolment decision"),
    ATTENDANCE_EDIT: _("Attendance edited"),
    GRADE_CHANGE: _("Grade changed"),
    CERTIFICATE_ISSUE: _("Certificate issued"),
    CERTIFICATE_REVOKE: _("Certificate revoked"),
    CERTIFICATE_CORRECT: _("Certificate corrected"),
    COHORT_COMPLETE: _("Cohort completed"),
    COHORT_REOPEN: _("Cohort reopened"),
    SIGNING_KEY_CREATE: _("Signing key created"),
    SIGNING_KEY_ROTATE: _("Signing key rotated"),
    ENDORSEMENT_APPROVE: _("Cohort results approved by an office"),
    ENDORSEMENT_IMPORT: _("Signed endorsements imported"),
    ENDORSEMENT_WITHDRAW: _("Endorsement withdrawn"),
    OFFICE_KEY_REGISTER: _("Office public key registered"),
}
PREFIX = "srip."


class AuditFormatter(LogFormatter):
    """Shows the label, then the recorded data as "key: value" pairs."""

    def format_message(self, log_entry):
        data = log_entry.data or {}
        # PostgreSQL's jsonb does not keep key order: "from" before "to", then A-Z.
        keys = sorted(data, key=lambda key: (KEY_ORDER.get(key, len(KEY_ORDER)), key))
        details = ", ".join(f"{key}: {data[key]}" for key in keys)
        return f"{self.label} ({details})" if details else str(self.label)


KEY_ORDER = {"from": 0, "to": 1}


def register_actions(actions) -> None:
    """Register our actions with Wagtail's log registry (register_log_actions hook)."""
    for action, label in ACTIONS.items():
        formatter = type("AuditFormatter", (AuditFormatter,), {"label": label})
        actions.register_action(action)(formatter)


def audit_log(
    action: str,
    instance: models.Model,
    user=None,
    data: dict[str, Any] | None = None,
):
    """Record a sensitive action on `instance` by `user`; return the log entry.

    `data` is stored as JSON (dates, decimals and UUIDs are converted); keep
    it small and free of secrets: before/after values, a reason. Raises
    ValueError for an action that is not one of ACTIONS, so a typo cannot
    create entries that no report shows. Not idempotent: every call is one
    more entry, as every decision is.
    """
    if action not in ACTIONS:
        raise ValueError(f"Unknown audit action: {action}")
    return wagtail_log(instance, action, user=user, data=data or {})
