"""Writing in a space: topics, one-level replies, edits, soft delete and restore.

Every write checks the writer's Access (member, not muted, cohort open) here,
so a view, a command or the demo obey the same rule. The cohort-state rule is
`cohorts.services.cohorts.cohort_ensure_open`: a completed cohort's spaces are
read-only.
"""

import os

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cohorts.services.cohorts import cohort_ensure_open
from exchange.exceptions import PostingNotAllowedError
from exchange.markdown import mentioned_handles, render
from exchange.models import Post, Space
from exchange.selectors import Access, mention_handle, space_reader_ids
from training.audit import DISCUSSION_DELETE, DISCUSSION_UNDELETE, audit_log


def _require_writer(access: Access, space: Space) -> None:
    if not access.reads(space):
        raise PostingNotAllowedError(_("You cannot write in this space."))
    cohort_ensure_open(space.cohort_id)
    if access.muted:
        raise PostingNotAllowedError(
            _("A moderator has made the discussions of this cohort read-only for you.")
        )


def _render_with_mentions(post: Post) -> list[int]:
    """Render the post's body; return the ids of the readers it mentions."""
    from django.contrib.auth import get_user_model

    handles = mentioned_handles(post.body)
    mentioned = []
    if handles:
        readers = get_user_model().objects.filter(pk__in=space_reader_ids(post.space))
        mentioned = [u for u in readers if mention_handle(u) in handles]
    post.body_html = render(post.body, {mention_handle(u) for u in mentioned})
    return [u.pk for u in mentioned]


def _attachment_name(post: Post, filename: str) -> str:
    # An anonymous post's file keeps no name: "li-wei-notes.pdf" would tell.
    if post.anonymous:
        ext = os.path.splitext(filename)[1].lower()
        return _("attachment") + ext
    return os.path.basename(filename)[:255]


@transaction.atomic
def post_create(
    *,
    space: Space,
    access: Access,
    body: str,
    title: str = "",
    parent: Post | None = None,
    attachment=None,
) -> Post:
    """Write a topic (with a title) or a reply to a topic of `space`.

    Raises PostingNotAllowedError (not a reader, muted), CohortCompletedError
    (a completed cohort), ValidationError (no text, no title for a topic, a
    reply to a reply, a bad attachment). Notifies followers and mentioned
    members after commit. Not idempotent: every call is a new post.
    """
    _require_writer(access, space)
    if parent is not None:
        if parent.space_id != space.pk or not parent.is_topic:
            raise ValidationError(_("Replies go under a topic of this space."))
        if parent.deleted_at or parent.status == Post.Status.REMOVED:
            raise PostingNotAllowedError(_("This topic is closed."))
        title = ""
    elif not title.strip():
        raise ValidationError({"title": _("Give the topic a title.")})
    if not body.strip():
        raise ValidationError({"body": _("Write something first.")})
    post = Post(
        space=space,
        parent=parent,
        author=access.user,
        anonymous=space.anonymous_to_classmates,
        title=title.strip(),
        body=body,
    )
    if attachment is not None:
        post.attachment = attachment
        post.attachment_name = _attachment_name(post, attachment.name)
    mentioned = _render_with_mentions(post)
    post.full_clean()
    post.save()
    post.mentions.set(mentioned)
    from exchange.services.notifications import post_notify

    post_pk = post.pk
    transaction.on_commit(lambda: post_notify(post_id=post_pk))
    return post


def _require_author(post: Post, access: Access) -> None:
    if post.author_id is None or post.author_id != getattr(access.user, "pk", None):
        raise PostingNotAllowedError(_("Only its author may change this post."))


@transaction.atomic
def post_edit(*, post: Post, access: Access, body: str, title: str = "") -> Post:
    """The author changes the text (and a topic's title); marked "edited".

    Raises PostingNotAllowedError (not the author, muted, removed or deleted
    post), CohortCompletedError, ValidationError (empty text).
    """
    _require_author(post, access)
    _require_writer(access, post.space)
    if post.deleted_at or post.status == Post.Status.REMOVED:
        raise PostingNotAllowedError(_("This post can no longer be edited."))
    if not body.strip():
        raise ValidationError({"body": _("Write something first.")})
    if post.is_topic:
        if not title.strip():
            raise ValidationError({"title": _("Give the topic a title.")})
        post.title = title.strip()
    post.body = body
    mentioned = _render_with_mentions(post)
    post.edited_at = timezone.now()
    post.full_clean()
    post.save()
    post.mentions.set(mentioned)
    return post


@transaction.atomic
def post_delete(*, post: Post, access: Access) -> Post:
    """Soft-delete: the author or a moderator; the text stays for a restore.

    Idempotent. Audited when a moderator deletes someone else's post.
    """
    if not access.moderates:
        _require_author(post, access)
    _require_writer(access, post.space)
    if post.deleted_at is None:
        post.deleted_at = timezone.now()
        post.save(update_fields=["deleted_at"])
        if post.author_id != access.user.pk:
            audit_log(DISCUSSION_DELETE, post, user=access.user)
    return post


@transaction.atomic
def post_restore(*, post: Post, access: Access) -> Post:
    """Undo a soft delete (the author or a moderator). Idempotent."""
    if not access.moderates:
        _require_author(post, access)
    _require_writer(access, post.space)
    if post.deleted_at is not None:
        post.deleted_at = None
        post.save(update_fields=["deleted_at"])
        if post.author_id != access.user.pk:
            audit_log(DISCUSSION_UNDELETE, post, user=access.user)
    return post
