"""Audit log of sensitive actions, kept in Wagtail's own log (ModelLogEntry).

Entries show in the admin under Reports: "Site history" for superusers and
"Audit log" (only these actions) for platform admins. Call `audit_log` from the
service that performs the action, inside its transaction, so the entry exists
exactly when the change does, whoever calls the service (view, import, API,
command). It lives in the project package, not in `cms`, so that every app's
services can import it without depending on the CMS (which reads everyone).
"""

import uuid
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import LogFormatter
from wagtail.log_actions import log as wagtail_log

ENROLMENT_DECISION = "srip.enrolment.decision"
ENROLMENT_DECISION_UNDO = "srip.enrolment.undo"
ATTENDANCE_EDIT = "srip.attendance.edit"
GRADE_CHANGE = "srip.grade.change"
CERTIFICATE_ISSUE = "srip.certificate.issue"
CERTIFICATE_REVOKE = "srip.certificate.revoke"
CERTIFICATE_CORRECT = "srip.certificate.correct"
CERTIFICATE_WALLET_PICKUP = "srip.certificate.wallet_pickup"
COHORT_COMPLETE = "srip.cohort.complete"
COHORT_REOPEN = "srip.cohort.reopen"
SIGNING_KEY_CREATE = "srip.signing_key.create"
SIGNING_KEY_ROTATE = "srip.signing_key.rotate"
SIGNING_KEY_WITHDRAW = "srip.signing_key.withdraw"
OFFICE_DID_SET = "srip.office_did.set"
ENDORSEMENT_APPROVE = "srip.endorsement.approve"
ENDORSEMENT_IMPORT = "srip.endorsement.import"
ENDORSEMENT_WITHDRAW = "srip.endorsement.withdraw"
OFFICE_KEY_REGISTER = "srip.office_key.register"
NETWORK_CONTACT_ACCEPT = "srip.network.contact_accept"
NETWORK_DESIGNATION_PROPOSE = "srip.network.designation_propose"
DISCUSSION_REPORT = "srip.discussion.report"
DISCUSSION_HIDE = "srip.discussion.hide"
DISCUSSION_RESTORE = "srip.discussion.restore"
DISCUSSION_REMOVE = "srip.discussion.remove"
DISCUSSION_DELETE = "srip.discussion.delete"
DISCUSSION_UNDELETE = "srip.discussion.undelete"
DISCUSSION_MUTE = "srip.discussion.mute"
DISCUSSION_BAN = "srip.discussion.ban"
DISCUSSION_LIFT = "srip.discussion.lift"
DISCUSSION_ANONYMITY = "srip.discussion.anonymity"

ACTIONS = {
    ENROLMENT_DECISION: _("Enrolment decision"),
    ENROLMENT_DECISION_UNDO: _("Enrolment decision undone"),
    ATTENDANCE_EDIT: _("Attendance edited"),
    GRADE_CHANGE: _("Grade changed"),
    CERTIFICATE_ISSUE: _("Certificate issued"),
    CERTIFICATE_REVOKE: _("Certificate revoked"),
    CERTIFICATE_CORRECT: _("Certificate corrected"),
    CERTIFICATE_WALLET_PICKUP: _("Certificate picked up by a wallet"),
    COHORT_COMPLETE: _("Cohort completed"),
    COHORT_REOPEN: _("Cohort reopened"),
    SIGNING_KEY_CREATE: _("Signing key created"),
    SIGNING_KEY_ROTATE: _("Signing key rotated"),
    SIGNING_KEY_WITHDRAW: _("Signing key withdrawn"),
    OFFICE_DID_SET: _("Office identity on its own domain changed"),
    ENDORSEMENT_APPROVE: _("Cohort results approved by an office"),
    ENDORSEMENT_IMPORT: _("Signed endorsements imported"),
    ENDORSEMENT_WITHDRAW: _("Endorsement withdrawn"),
    OFFICE_KEY_REGISTER: _("Office public key registered"),
    NETWORK_CONTACT_ACCEPT: _("Contact request accepted (email disclosed)"),
    NETWORK_DESIGNATION_PROPOSE: _("Office proposed an expert or trainer"),
    DISCUSSION_REPORT: _("Discussion post reported"),
    DISCUSSION_HIDE: _("Discussion post hidden after reports"),
    DISCUSSION_RESTORE: _("Discussion post restored by a moderator"),
    DISCUSSION_REMOVE: _("Discussion post removed by a moderator"),
    DISCUSSION_DELETE: _("Discussion post deleted"),
    DISCUSSION_UNDELETE: _("Discussion post undeleted"),
    DISCUSSION_MUTE: _("Member muted in a cohort's discussions"),
    DISCUSSION_BAN: _("Member banned from a cohort's discussions"),
    DISCUSSION_LIFT: _("Discussion restriction lifted"),
    DISCUSSION_ANONYMITY: _("Discussion space anonymity changed"),
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
    title: str = "",
):
    """Record a sensitive action on `instance` by `user`; return the log entry.

    `data` is stored as JSON (dates, decimals and UUIDs are converted); keep
    it small and free of secrets: before/after values, a reason. `title`
    names the object in the report (default: str(instance)). Raises
    ValueError for an action that is not one of ACTIONS, so a typo cannot
    create entries that no report shows. Not idempotent: every call is one
    more entry, as every decision is.
    """
    if action not in ACTIONS:
        raise ValueError(f"Unknown audit action: {action}")
    kwargs = {"title": title} if title else {}
    return wagtail_log(instance, action, user=user, data=data or {}, **kwargs)


def audit_log_many(
    action: str,
    items: list[tuple[models.Model, dict[str, Any], str]],
    user=None,
) -> list:
    """Record one action on many objects in one query; return the log entries.

    `items` are (instance, data, title) triples: the title is what the report
    shows for the object, given by the caller so that no per-object query is
    needed. All entries share one uuid, as Wagtail groups the entries of one
    request. Raises ValueError for an unknown action. For bulk writers
    (roster saves, imports) whose query count must not grow with the rows.
    """
    from wagtail.models import ModelLogEntry

    if action not in ACTIONS:
        raise ValueError(f"Unknown audit action: {action}")
    if not items:
        return []
    shared, now = uuid.uuid4(), timezone.now()
    entries = [
        ModelLogEntry(
            content_type=ContentType.objects.get_for_model(
                instance, for_concrete_model=False
            ),
            object_id=str(instance.pk),
            label=title,
            action=action,
            user=user,
            uuid=shared,
            data=data,
            timestamp=now,
        )
        for instance, data, title in items
    ]
    return ModelLogEntry.objects.bulk_create(entries)


def audit_last(action: str, instance: models.Model):
    """The most recent entry of `action` on `instance`, or None."""
    from wagtail.models import ModelLogEntry

    return (
        ModelLogEntry.objects.for_instance(instance)
        .filter(action=action)
        .order_by("-timestamp", "-pk")
        .first()
    )
