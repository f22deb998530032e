"""Reports, hiding after reports, moderators' decisions, mutes and bans.

Moderators are a cohort's instructors and its lead office's coordinators
(`Access.moderates`). Every action is written to the audit log here. A
completed cohort's discussions are frozen: its moderators change nothing
either (`cohort_ensure_open`), like every other write of a closed cohort.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cohorts.services.cohorts import cohort_ensure_open
from exchange.exceptions import (
    DuplicateReportError,
    ModerationNotAllowedError,
    PostingNotAllowedError,
)
from exchange.models import Post, Report, Restriction
from exchange.selectors import Access
from training.audit import (
    DISCUSSION_BAN,
    DISCUSSION_HIDE,
    DISCUSSION_LIFT,
    DISCUSSION_MUTE,
    DISCUSSION_REMOVE,
    DISCUSSION_REPORT,
    DISCUSSION_RESTORE,
    audit_log,
)

# Reports from this many different members hide a post until a moderator decides.
HIDE_AFTER_REPORTS = 3


def _require_moderator(access: Access) -> None:
    if not access.moderates:
        raise ModerationNotAllowedError(_("Only the cohort's moderators may do this."))
    cohort_ensure_open(access.cohort.pk)


@transaction.atomic
def report_create(*, post: Post, access: Access, reason: str) -> Report:
    """A member reports `post` with a reason; the third member's report hides it.

    Raises PostingNotAllowedError (not a reader, own post), ValidationError
    (no reason), DuplicateReportError (already reported by this member).
    Audited (the report, and the hiding).
    """
    if not access.reads(post.space) or post.author_id == access.user.pk:
        raise PostingNotAllowedError(_("You cannot report this post."))
    if not reason.strip():
        raise ValidationError({"reason": _("Say what is wrong with the post.")})
    post = Post.objects.select_for_update().get(pk=post.pk)
    try:
        with transaction.atomic():
            report = Report.objects.create(
                post=post, reporter=access.user, reason=reason.strip()[:500]
            )
    except IntegrityError:
        raise DuplicateReportError(_("You have already reported this post.")) from None
    audit_log(DISCUSSION_REPORT, post, user=access.user, data={"reason": reason[:200]})
    open_reports = post.reports.filter(resolved_at__isnull=True)
    if (
        post.status == Post.Status.VISIBLE
        and open_reports.values("reporter").distinct().count() >= HIDE_AFTER_REPORTS
    ):
        post.status = Post.Status.HIDDEN
        post.hidden_at = timezone.now()
        post.save(update_fields=["status", "hidden_at"])
        audit_log(DISCUSSION_HIDE, post, data={"reports": HIDE_AFTER_REPORTS})
    return report


DECISIONS = {
    "restore": (Post.Status.VISIBLE, DISCUSSION_RESTORE),
    "remove": (Post.Status.REMOVED, DISCUSSION_REMOVE),
}


@transaction.atomic
def post_moderate(*, post: Post, access: Access, decision: str) -> Post:
    """A moderator restores (shows again) or removes a reported post.

    Either way the open reports are resolved. Raises ModerationNotAllowedError,
    CohortCompletedError (the cohort is completed), ValueError for an unknown decision. Audited; deciding twice changes nothing.
    """
    _require_moderator(access)
    status, action = DECISIONS[decision]
    post = Post.objects.select_for_update().get(pk=post.pk)
    now = timezone.now()
    post.reports.filter(resolved_at__isnull=True).update(resolved_at=now)
    if post.status != status:
        post.status = status
        post.hidden_at = None if status == Post.Status.VISIBLE else post.hidden_at
        post.save(update_fields=["status", "hidden_at"])
        audit_log(action, post, user=access.user)
    return post


RESTRICTIONS = {
    Restriction.Kind.MUTE: DISCUSSION_MUTE,
    Restriction.Kind.BAN: DISCUSSION_BAN,
}


@transaction.atomic
def member_restrict(*, access: Access, user, kind: str) -> Restriction | None:
    """Mute (read-only) or ban a member in the cohort, or lift it (kind "lift").

    Raises ModerationNotAllowedError, CohortCompletedError (the cohort is
    completed), PostingNotAllowedError when a moderator
    targets themselves. Audited; repeating the same restriction changes nothing.
    """
    _require_moderator(access)
    if user.pk == access.user.pk:
        raise PostingNotAllowedError(_("You cannot restrict yourself."))
    cohort = access.cohort
    current = Restriction.objects.filter(cohort=cohort, user=user).first()
    if kind == "lift":
        if current is not None:
            current.delete()
            audit_log(
                DISCUSSION_LIFT, cohort, user=access.user, data={"member": user.pk}
            )
        return None
    if current is not None and current.kind == kind:
        return current
    restriction, _created = Restriction.objects.update_or_create(
        cohort=cohort, user=user, defaults={"kind": kind, "by": access.user}
    )
    audit_log(RESTRICTIONS[kind], cohort, user=access.user, data={"member": user.pk})
    return restriction
