"""Following spaces and the emails it sends: instant, daily and weekly digests.

A member follows every space they read in their default mode (daily unless
they choose), or in the mode they set for that space; the mode they set for
one thread (topic) overrides the space's for that thread's posts. Digests go out once a
day at EXCHANGE_DIGEST_HOUR in the member's own time zone (weekly ones on
EXCHANGE_DIGEST_WEEKDAY): one email per member and day, keyed
"exchange:digest:<user>:<local date>", so a re-run of the hourly task sends
nothing twice. Each email carries a signed one-click unsubscribe link that
works without logging in, and the List-Unsubscribe headers (RFC 8058).
"""

import datetime
import zoneinfo
from collections import defaultdict

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import strip_tags
from django.utils.text import Truncator

from accounts.services import email_enqueue_many
from exchange.models import Follow, Mode, Post, Preference, Space
from exchange.selectors import (
    author_label,
    member_accesses,
    space_label,
    space_modes,
    space_reader_ids,
    space_reader_ids_by_space,
    thread_modes,
)

UNSUBSCRIBE_SALT = "exchange.unsubscribe"


# ---- choices ----


@transaction.atomic
def follow_set(*, user, space: Space, mode: str, topic: Post | None = None) -> Follow:
    """Set the member's email mode for one space, or for one thread (`topic`)
    of it, which then overrides the space's mode for that thread. Idempotent.

    Raises ValueError for an unknown mode or a reply given as `topic`."""
    if mode not in Mode.values:
        raise ValueError(mode)
    if topic is not None and (not topic.is_topic or topic.space_id != space.pk):
        raise ValueError(topic.pk)
    follow, _created = Follow.objects.update_or_create(
        user=user, space=space, topic=topic, defaults={"mode": mode}
    )
    return follow


@transaction.atomic
def thread_follow_clear(*, user, topic: Post) -> None:
    """The thread follows its space's mode again for the member. Idempotent."""
    Follow.objects.filter(user=user, topic=topic).delete()


@transaction.atomic
def preference_set(*, user, default_mode: str) -> Preference:
    """Set the member's default email mode (spaces they have not set). Idempotent."""
    if default_mode not in Mode.values:
        raise ValueError(default_mode)
    preference, _created = Preference.objects.update_or_create(
        user=user, defaults={"default_mode": default_mode}
    )
    return preference


def unsubscribe_token(
    *, user_id: int, space_id: int | None = None, topic_id: int | None = None
) -> str:
    """A signed token that stops the emails of one thread (of `space_id`),
    one space, or all of them."""
    return signing.dumps(
        {"u": user_id, "s": space_id, "t": topic_id}, salt=UNSUBSCRIBE_SALT
    )


def unsubscribe_read(token: str) -> tuple[int, int | None, int | None]:
    """(user id, space id or None, topic id or None) from a token; raises
    signing.BadSignature."""
    data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    space_id = int(data["s"]) if data.get("s") else None
    topic_id = int(data["t"]) if data.get("t") and space_id else None
    return int(data["u"]), space_id, topic_id


@transaction.atomic
def unsubscribe(
    *, token: str, whole_space: bool = False
) -> tuple[object, Space | None, Post | None]:
    """Stop the emails a token names: one thread (or, with `whole_space`, its
    whole space), one space, or every space and the default.

    Returns (user, space or None, topic or None) of what was stopped. Raises
    signing.BadSignature for a forged or damaged token and LookupError when
    its user, space or thread no longer exists. Idempotent.
    """
    user_id, space_id, topic_id = unsubscribe_read(token)
    user = get_user_model().objects.filter(pk=user_id).first()
    if user is None:
        raise LookupError(user_id)
    if space_id is None:
        preference_set(user=user, default_mode=Mode.NONE)
        Follow.objects.filter(user=user).update(mode=Mode.NONE)
        return user, None, None
    space = Space.objects.select_related("cohort").filter(pk=space_id).first()
    if space is None:
        raise LookupError(space_id)
    if topic_id is None or whole_space:
        follow_set(user=user, space=space, mode=Mode.NONE)
        Follow.objects.filter(user=user, space=space).update(mode=Mode.NONE)
        return user, space, None
    topic = Post.objects.filter(pk=topic_id, space=space).first()
    if topic is None:
        raise LookupError(topic_id)
    follow_set(user=user, space=space, topic=topic, mode=Mode.NONE)
    return user, space, topic


# ---- emails ----


def _unsubscribe_url(
    user_id: int, space_id: int | None, topic_id: int | None = None
) -> str:
    token = unsubscribe_token(user_id=user_id, space_id=space_id, topic_id=topic_id)
    return settings.SITE_URL + reverse("exchange:unsubscribe", args=[token])


def _item(post: Post, access) -> dict:
    """What an email says of one post, as this recipient may know it."""
    text = strip_tags(post.body_html)
    return {
        "space": f"{post.space.cohort.title} – {space_label(post.space)}",
        "topic": (post.parent.title if post.parent_id else post.title),
        "author": author_label(post, access),
        "excerpt": Truncator(text).chars(300),
        "url": settings.SITE_URL
        + reverse("exchange:topic", args=[post.topic_id])
        + f"#post-{post.pk}",
    }


def _email(*, user, key: str, template: str, context: dict, unsubscribe_url: str):
    """`email_enqueue`'s arguments for one email, in the member's language."""
    with translation.override(user.language or settings.LANGUAGE_CODE):
        context = {**context, "unsubscribe_url": unsubscribe_url}
        subject = render_to_string(f"exchange/email/{template}_subject.txt", context)
        return {
            "to": [user.email],
            "subject": " ".join(subject.split()),
            "body": render_to_string(f"exchange/email/{template}.txt", context),
            "html_body": render_to_string(f"exchange/email/{template}.html", context),
            "key": key,
            "headers": {
                "List-Unsubscribe": f"<{unsubscribe_url}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            },
        }


def _worth_emailing(post: Post) -> bool:
    """Members' visible posts (not sessions' threads, which nobody wrote)."""
    return (
        post.author_id is not None
        and post.deleted_at is None
        and post.status == Post.Status.VISIBLE
        and (post.parent_id is None or post.parent.deleted_at is None)
    )


def post_notify(*, post_id: int) -> int:
    """Email a new post to the readers who follow its thread (or, without a
    mode for the thread, its space) instantly, and to the members it mentions
    (unless their mode is "none"). Each email's unsubscribe link stops that
    thread and offers the whole space. Returns how many
    emails were enqueued; idempotent per post and recipient."""
    post = (
        Post.objects.select_related("space__cohort", "space__office", "parent")
        .filter(pk=post_id)
        .first()
    )
    if post is None or not _worth_emailing(post):
        return 0
    space = post.space
    readers = space_reader_ids(space) - {post.author_id}
    mentioned = set(post.mentions.values_list("pk", flat=True))
    threads = thread_modes([post.topic_id], user_ids=readers)
    modes = space_modes(readers, [space])
    recipients = set()
    for user_id in readers:
        mode = threads.get((user_id, post.topic_id)) or modes[(user_id, space.pk)]
        if mode != Mode.NONE and (mode == Mode.INSTANT or user_id in mentioned):
            recipients.add(user_id)
    users = list(get_user_model().objects.filter(pk__in=recipients))
    accesses = member_accesses(users, [space.cohort])
    emails = []
    for user in users:
        with translation.override(user.language or settings.LANGUAGE_CODE):
            item = _item(post, accesses[(user.pk, space.cohort_id)])
        emails.append(
            _email(
                user=user,
                key=f"exchange:post:{post.pk}:{user.pk}",
                template="instant",
                context={"item": item, "mentioned": user.pk in mentioned},
                unsubscribe_url=_unsubscribe_url(user.pk, space.pk, post.topic_id),
            )
        )
    email_enqueue_many(emails)
    return len(emails)


def _local_digest_time(user, now: datetime.datetime) -> datetime.datetime | None:
    """The digest time of `user`'s current local hour, or None if not due now."""
    try:
        zone = zoneinfo.ZoneInfo(user.time_zone or "UTC")
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        zone = zoneinfo.ZoneInfo("UTC")
    local = now.astimezone(zone)
    if local.hour != settings.EXCHANGE_DIGEST_HOUR:
        return None
    return local.replace(minute=0, second=0, microsecond=0)


def digest_send_due(*, now: datetime.datetime | None = None) -> int:
    """Send the digests due this hour; returns how many emails were enqueued.

    For every member whose local time is EXCHANGE_DIGEST_HOUR: the posts of
    the last day in the threads and spaces they follow daily and, on the
    weekly day, of the last week in those they follow weekly, in one email (a
    thread's own mode overrides its space's). Posts they wrote,
    deleted, hidden or removed posts are left out. Idempotent per member and
    local date (run it as often as you like within the hour).
    """
    now = now or timezone.now()
    since = now - datetime.timedelta(days=8)
    posts = list(
        Post.objects.filter(created_at__gte=since)
        .select_related("space__cohort", "space__office", "parent", "author")
        .order_by("space_id", "created_at")
    )
    by_space = defaultdict(list)
    for post in posts:
        if _worth_emailing(post):
            by_space[post.space].append(post)
    threads = thread_modes({p.topic_id for posts in by_space.values() for p in posts})
    readers = space_reader_ids_by_space(by_space)
    modes = space_modes(set().union(*readers.values()), by_space)
    wanted = defaultdict(list)  # user id → [(post, mode)]
    for space, space_posts in by_space.items():
        for user_id in readers[space.pk]:
            space_mode = modes[(user_id, space.pk)]
            for post in space_posts:
                mode = threads.get((user_id, post.topic_id)) or space_mode
                if mode in (Mode.DAILY, Mode.WEEKLY) and post.author_id != user_id:
                    wanted[user_id].append((post, mode))
    due = {}  # user → local digest time
    for user in get_user_model().objects.filter(pk__in=wanted, is_active=True):
        at = _local_digest_time(user, now)
        if at is not None:
            due[user] = at
    cohorts = {space.cohort_id: space.cohort for space in by_space}
    accesses = member_accesses(due, cohorts.values())
    emails = []
    for user, at in due.items():
        weekly_day = at.weekday() == settings.EXCHANGE_DIGEST_WEEKDAY
        items = []
        with translation.override(user.language or settings.LANGUAGE_CODE):
            for post, mode in wanted[user.pk]:
                if mode == Mode.WEEKLY and not weekly_day:
                    continue
                start = at - datetime.timedelta(days=7 if mode == Mode.WEEKLY else 1)
                if not start <= post.created_at < at:
                    continue
                access = accesses[(user.pk, post.space.cohort_id)]
                items.append(_item(post, access))
        if not items:
            continue
        emails.append(
            _email(
                user=user,
                key=f"exchange:digest:{user.pk}:{at.date().isoformat()}",
                template="digest",
                context={"items": items, "count": len(items)},
                unsubscribe_url=_unsubscribe_url(user.pk, None),
            )
        )
    email_enqueue_many(emails)
    return len(emails)
