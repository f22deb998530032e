import datetime
import zoneinfo

import pytest
from django.core import mail, signing
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts.models import OutboundEmail
from cohorts.exceptions import CohortCompletedError
from cohorts.models import Cohort
from exchange.exceptions import DuplicateReportError, PostingNotAllowedError
from exchange.models import Mode, Post, Restriction
from exchange.selectors import author_label, post_content_shown
from exchange.services.moderation import member_restrict, post_moderate, report_create
from exchange.services.notifications import (
    digest_send_due,
    follow_set,
    unsubscribe,
    unsubscribe_token,
)
from exchange.services.posts import post_create, post_delete, post_edit, post_restore
from exchange.services.spaces import space_set_anonymity
from tests.cohorts.factories import SessionFactory
from training.audit import DISCUSSION_HIDE, DISCUSSION_MUTE, audit_last

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def _topic(scene, user=None, space=None, **kwargs):
    user = user or scene.trainee_a
    return post_create(
        space=space or scene.whole,
        access=scene.access(user),
        title=kwargs.pop("title", "Divisional applications"),
        body=kwargs.pop("body", "How does your office handle them?"),
        **kwargs,
    )


def _reply(scene, topic, user, body="Same here."):
    return post_create(
        space=topic.space, access=scene.access(user), parent=topic, body=body
    )


# ---- spaces and who reads them ----


def test_each_session_gets_a_thread_in_the_whole_cohort_space(scene):
    later = SessionFactory(cohort=scene.cohort, title="Oppositions")
    thread = Post.objects.get(session=later)
    assert thread.space == scene.whole
    assert thread.title == "Oppositions"
    assert Post.objects.get(session=scene.session).title == "Examining AI inventions"


def test_office_spaces_are_read_by_their_office_the_lead_and_instructors(scene):
    readers = {
        "trainee_a": scene.access(scene.trainee_a),
        "trainee_b": scene.access(scene.trainee_b),
        "coord_a": scene.access(scene.coord_a),
        "coord_lead": scene.access(scene.coord_lead),
        "instructor": scene.access(scene.instructor),
        "outsider": scene.access(scene.outsider),
    }
    reads_a = {name for name, a in readers.items() if a.reads(scene.space_a)}
    reads_whole = {name for name, a in readers.items() if a.reads(scene.whole)}
    assert reads_a == {"trainee_a", "coord_a", "coord_lead", "instructor"}
    assert reads_whole == set(readers) - {"outsider"}


# ---- writing ----


def test_markdown_is_sanitised_and_mentions_marked(scene):
    post = _topic(
        scene,
        body="**Hi** @bo-bai <script>alert(1)</script> [x](javascript:alert(1))",
    )
    assert "<strong>Hi</strong>" in post.body_html
    assert '<span class="mention">@bo-bai</span>' in post.body_html
    assert "<script>" not in post.body_html
    assert "javascript:" not in post.body_html.replace("[x](javascript:", "")
    assert list(post.mentions.all()) == [scene.trainee_b]


def test_a_mention_of_someone_who_cannot_read_the_space_is_not_marked(scene):
    post = _topic(scene, space=scene.space_a, body="Ask @bo-bai")
    assert "mention" not in post.body_html
    assert not post.mentions.exists()


def test_replies_are_one_level_only(scene):
    topic = _topic(scene)
    reply = _reply(scene, topic, scene.trainee_b)
    with pytest.raises(ValidationError):
        _reply(scene, reply, scene.trainee_a)


def test_a_topic_needs_a_title_and_text(scene):
    with pytest.raises(ValidationError):
        _topic(scene, title=" ")
    with pytest.raises(ValidationError):
        _topic(scene, body="")


def test_a_completed_cohort_is_read_only(scene):
    topic = _topic(scene)
    Cohort.objects.filter(pk=scene.cohort.pk).update(status=Cohort.Status.COMPLETED)
    scene.cohort.refresh_from_db()
    with pytest.raises(CohortCompletedError):
        _reply(scene, topic, scene.trainee_b)
    with pytest.raises(CohortCompletedError):
        post_edit(post=topic, access=scene.access(scene.trainee_a), body="changed")


def test_edit_marks_edited_and_only_the_author_edits(scene):
    topic = _topic(scene)
    with pytest.raises(PostingNotAllowedError):
        post_edit(post=topic, access=scene.access(scene.trainee_b), body="mine now")
    post_edit(
        post=topic, access=scene.access(scene.trainee_a), body="Better", title="T2"
    )
    topic.refresh_from_db()
    assert topic.edited_at is not None
    assert (topic.title, topic.body_html) == ("T2", "<p>Better</p>\n")


def test_soft_delete_and_restore(scene):
    topic = _topic(scene)
    access = scene.access(scene.trainee_a)
    post_delete(post=topic, access=access)
    assert not post_content_shown(topic, scene.access(scene.trainee_b))
    post_restore(post=topic, access=access)
    assert post_content_shown(topic, scene.access(scene.trainee_b))


def test_attachments_are_validated_like_assignments(scene):
    with pytest.raises(ValidationError):
        _topic(scene, attachment=SimpleUploadedFile("notes.pdf", b"not a pdf"))
    post = _topic(scene, attachment=SimpleUploadedFile("notes.pdf", PDF))
    assert post.attachment_name == "notes.pdf"
    assert "notes" not in post.attachment.name


# ---- moderation ----


def test_three_reports_from_different_members_hide_a_post(scene):
    post = _topic(scene, user=scene.trainee_b)
    for user in (scene.trainee_a, scene.trainee_a2):
        report_create(post=post, access=scene.access(user), reason="Off topic")
    with pytest.raises(DuplicateReportError):
        report_create(post=post, access=scene.access(scene.trainee_a), reason="Again")
    post.refresh_from_db()
    assert post.status == Post.Status.VISIBLE
    report_create(post=post, access=scene.access(scene.coord_a), reason="Spam")
    post.refresh_from_db()
    assert post.status == Post.Status.HIDDEN
    assert audit_last(DISCUSSION_HIDE, post) is not None
    assert not post_content_shown(post, scene.access(scene.trainee_a))
    assert post_content_shown(post, scene.access(scene.instructor))
    post_moderate(post=post, access=scene.access(scene.coord_lead), decision="restore")
    post.refresh_from_db()
    assert post.status == Post.Status.VISIBLE
    assert not post.reports.filter(resolved_at__isnull=True).exists()


def test_only_moderators_decide_and_mute(scene):
    post = _topic(scene, user=scene.trainee_b)
    with pytest.raises(Exception, match="moderators"):
        post_moderate(post=post, access=scene.access(scene.coord_a), decision="remove")
    member_restrict(
        access=scene.access(scene.instructor), user=scene.trainee_b, kind="mute"
    )
    assert audit_last(DISCUSSION_MUTE, scene.cohort) is not None
    access = scene.access(scene.trainee_b)
    assert access.reads(scene.whole) and not access.may_write
    with pytest.raises(PostingNotAllowedError):
        _reply(scene, post, scene.trainee_b)
    member_restrict(
        access=scene.access(scene.instructor), user=scene.trainee_b, kind="ban"
    )
    assert not scene.access(scene.trainee_b).reads(scene.whole)
    assert Restriction.objects.get(user=scene.trainee_b).kind == "ban"


# ---- anonymity ----


def test_anonymous_posts_hide_the_author_from_classmates_only(scene):
    space_set_anonymity(
        space=scene.whole,
        by=scene.coord_lead,
        anonymous=True,
        access=scene.access(scene.coord_lead),
    )
    post = _topic(scene, attachment=SimpleUploadedFile("Ana-Alves-notes.pdf", PDF))
    assert author_label(post, scene.access(scene.trainee_b)) == "Anonymous classmate"
    assert author_label(post, scene.access(scene.coord_a)) == "Ana Alves"
    assert post.attachment_name == "attachment.pdf"
    space_set_anonymity(
        space=scene.whole,
        by=scene.coord_lead,
        anonymous=False,
        access=scene.access(scene.coord_lead),
    )
    post.refresh_from_db()
    assert author_label(post, scene.access(scene.trainee_b)) == "Anonymous classmate"


# ---- emails ----


def _next_digest_time(user, settings):
    """The first digest hour in the user's time zone after now."""
    local = timezone.now().astimezone(zoneinfo.ZoneInfo(user.time_zone))
    at = local.replace(hour=settings.EXCHANGE_DIGEST_HOUR, minute=0, second=0)
    return at if at > local else at + datetime.timedelta(days=1)


def test_three_replies_in_daily_mode_give_one_digest_and_no_instant_email(
    scene, settings, django_capture_on_commit_callbacks
):
    scene.trainee_a.time_zone = "Asia/Tokyo"
    scene.trainee_a.save()
    follow_set(user=scene.trainee_a, space=scene.whole, mode=Mode.DAILY)
    topic = _topic(scene)
    with django_capture_on_commit_callbacks(execute=True):
        for user in (scene.trainee_b, scene.trainee_a2, scene.coord_a):
            _reply(scene, topic, user)
    mine = OutboundEmail.objects.filter(to=[scene.trainee_a.email])
    assert mine.count() == 0
    run_at = _next_digest_time(scene.trainee_a, settings)
    digest_send_due(now=run_at - datetime.timedelta(hours=1))
    assert mine.count() == 0
    digest_send_due(now=run_at)
    digest_send_due(now=run_at + datetime.timedelta(minutes=30))
    assert mine.count() == 1
    digest = mine.get()
    assert "3 new posts" in digest.subject
    assert "List-Unsubscribe" in digest.headers
    assert digest.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "bo.b@example.org" not in digest.body
    assert "Bo Bai" in digest.body


def test_instant_followers_get_each_post_with_unsubscribe_headers(
    scene, django_capture_on_commit_callbacks
):
    follow_set(user=scene.trainee_b, space=scene.whole, mode=Mode.INSTANT)
    with django_capture_on_commit_callbacks(execute=True):
        _topic(scene)
    (message,) = [m for m in mail.outbox if m.to == [scene.trainee_b.email]]
    assert message.extra_headers["List-Unsubscribe-Post"] == (
        "List-Unsubscribe=One-Click"
    )
    assert "/exchange/unsubscribe/" in message.extra_headers["List-Unsubscribe"]
    assert "Ana Alves" in message.body
    assert "ana.a@example.org" not in message.body


def test_unsubscribe_token_stops_one_space_or_everything(scene):
    user, space, _topic = unsubscribe(
        token=unsubscribe_token(user_id=scene.trainee_b.pk, space_id=scene.whole.pk)
    )
    assert space == scene.whole
    from exchange.selectors import default_mode_for, mode_for

    assert mode_for(scene.trainee_b.pk, scene.whole) == Mode.NONE
    assert mode_for(scene.trainee_b.pk, scene.space_b) == Mode.DAILY
    unsubscribe(token=unsubscribe_token(user_id=scene.trainee_b.pk))
    assert default_mode_for(scene.trainee_b.pk) == Mode.NONE
    with pytest.raises(signing.BadSignature):
        unsubscribe(token="forged:token")
