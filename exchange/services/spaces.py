"""A cohort's spaces and session threads, created as the cohort needs them."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from cohorts.models import Cohort, CohortOffice, Session
from exchange.exceptions import ModerationNotAllowedError
from exchange.models import Post, Space
from training.audit import DISCUSSION_ANONYMITY, audit_log
from training.dates import format_moment_with_zone


@transaction.atomic
def spaces_ensure_for_cohort(*, cohort: Cohort) -> list[Space]:
    """Create any missing space of `cohort` (whole cohort, one per taking-part
    office) and the thread of every session. Idempotent; returns the spaces."""
    spaces = [Space.objects.get_or_create(cohort=cohort, kind=Space.Kind.COHORT)[0]]
    for office_id in CohortOffice.objects.filter(cohort=cohort).values_list(
        "office_id", flat=True
    ):
        spaces.append(
            Space.objects.get_or_create(
                cohort=cohort, kind=Space.Kind.OFFICE, office_id=office_id
            )[0]
        )
    threaded = Post.objects.filter(session__cohort=cohort).values("session_id")
    for session in Session.objects.filter(cohort=cohort).exclude(pk__in=threaded):
        session_thread_ensure(session=session)
    return spaces


@transaction.atomic
def session_thread_ensure(*, session: Session) -> Post:
    """The session's thread in its cohort's whole-cohort space (created once).

    Written in the cohort's language; idempotent.
    """
    existing = Post.objects.filter(session=session).first()
    if existing is not None:
        return existing
    space, _created = Space.objects.get_or_create(
        cohort_id=session.cohort_id, kind=Space.Kind.COHORT
    )
    cohort = session.cohort
    with override(cohort.language), timezone.override(cohort.zone):
        starts = format_moment_with_zone(session.starts_at)
        body = _("Discussion of the session “%(title)s” (%(starts)s).") % {
            "title": session.title,
            "starts": starts,
        }
    thread = Post(space=space, session=session, title=session.title[:200], body=body)
    from exchange.markdown import render

    thread.body_html = render(body)
    thread.save()
    return thread


@transaction.atomic
def space_set_anonymity(*, space: Space, by, anonymous: bool, access) -> Space:
    """Turn "anonymous to classmates" on or off for new posts of `space`.

    Only moderators (ModerationNotAllowedError). Posts already written keep
    the setting they were written with. Audited.
    """
    if not access.moderates:
        raise ModerationNotAllowedError(_("Only the cohort's moderators may do this."))
    if space.anonymous_to_classmates != anonymous:
        space.anonymous_to_classmates = anonymous
        space.save(update_fields=["anonymous_to_classmates"])
        audit_log(DISCUSSION_ANONYMITY, space, user=by, data={"to": anonymous})
    return space
