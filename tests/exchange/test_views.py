import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from cohorts.models import Cohort
from exchange.models import Mode, Post
from exchange.selectors import mode_for
from exchange.services.notifications import follow_set, unsubscribe_token
from exchange.services.posts import post_create, post_edit
from exchange.services.spaces import space_set_anonymity

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")


def _write(scene, user, space=None, parent=None, **kwargs):
    space = space or scene.whole
    return post_create(
        space=space,
        access=scene.access(user),
        parent=parent,
        title="" if parent else kwargs.pop("title", "Examination guidelines"),
        body=kwargs.pop("body", "Our office publishes them yearly."),
        **kwargs,
    )


# ---- scoping ----


def test_a_trainee_of_office_a_gets_404_on_office_bs_space(client, scene):
    _write(scene, scene.trainee_b, space=scene.space_b, title="Office B only")
    client.force_login(scene.trainee_a)
    assert client.get(f"/exchange/spaces/{scene.space_b.pk}/").status_code == 404
    topic = Post.objects.get(title="Office B only")
    assert client.get(f"/exchange/topics/{topic.pk}/").status_code == 404
    page = client.get(f"/exchange/spaces/{scene.space_a.pk}/")
    assert page.status_code == 200
    assert "Office B only" not in page.content.decode()


def test_staff_of_an_office_not_taking_part_see_nothing(client, scene):
    client.force_login(scene.outsider)
    assert client.get(f"/exchange/cohorts/{scene.cohort.slug}/").status_code == 404
    assert client.get(f"/exchange/spaces/{scene.whole.pk}/").status_code == 404


def _links(html: str) -> set[str]:
    return set(re.findall(r'href="(/exchange/(?:spaces|topics)/\d+/)"', html))


def test_a_crawl_as_a_trainee_finds_no_other_office_and_no_email(client, scene):
    for user, space in (
        (scene.trainee_b, scene.whole),
        (scene.trainee_b, scene.space_b),
        (scene.coord_a, scene.space_a),
        (scene.instructor, scene.whole),
    ):
        topic = _write(scene, user, space=space, body=f"Hello from {user.pk}")
        _write(scene, scene.trainee_a2, space=scene.whole, parent=None)
        if space != scene.space_b:
            _write(scene, scene.trainee_a2, space=space, parent=topic, body="Thanks")
    client.force_login(scene.trainee_a)
    seen, todo, pages = set(), [f"/exchange/cohorts/{scene.cohort.slug}/"], []
    while todo:
        url = todo.pop()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        pages.append(html)
        todo += sorted(_links(html) - seen)
    assert f"/exchange/spaces/{scene.space_b.pk}/" not in seen
    assert f"/exchange/spaces/{scene.space_a.pk}/" in seen
    found = {e for html in pages for e in EMAIL.findall(html)}
    assert found <= {scene.trainee_a.email}, found
    assert any("Bo Bai" in html for html in pages)  # names, not addresses


# ---- posting ----


def test_a_member_posts_a_topic_and_a_reply(client, scene):
    client.force_login(scene.trainee_a)
    response = client.post(
        f"/exchange/spaces/{scene.whole.pk}/",
        {"title": "Who uses PPH?", "body": "*Tell* us"},
    )
    topic = Post.objects.get(title="Who uses PPH?")
    assert response.status_code == 302
    assert response["Location"] == f"/exchange/topics/{topic.pk}/"
    client.force_login(scene.trainee_b)
    client.post(f"/exchange/topics/{topic.pk}/", {"body": "We do."})
    page = client.get(f"/exchange/topics/{topic.pk}/").content.decode()
    assert "<em>Tell</em> us" in page and "We do." in page


def test_a_topic_without_a_title_is_refused_with_the_reason(client, scene):
    client.force_login(scene.trainee_a)
    response = client.post(f"/exchange/spaces/{scene.whole.pk}/", {"body": "x"})
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert not Post.objects.filter(author=scene.trainee_a).exists()


def test_posting_too_fast_answers_429_with_a_page(client, scene, settings):
    settings.EXCHANGE_POST_RATE = "2/m"
    client.force_login(scene.trainee_a)
    url = f"/exchange/spaces/{scene.whole.pk}/"
    for n in range(2):
        assert client.post(url, {"title": f"T{n}", "body": "b"}).status_code == 302
    response = client.post(url, {"title": "T3", "body": "b"})
    assert response.status_code == 429
    assert "Too many posts" in response.content.decode()
    assert int(response["Retry-After"]) > 0
    assert not Post.objects.filter(title="T3").exists()


def test_spaces_are_read_only_after_the_cohort_completes(client, scene):
    topic = _write(scene, scene.trainee_b)
    Cohort.objects.filter(pk=scene.cohort.pk).update(status=Cohort.Status.COMPLETED)
    client.force_login(scene.trainee_a)
    page = client.get(f"/exchange/topics/{topic.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Examination guidelines" in html and "read-only" in html
    assert 'name="body"' not in html
    response = client.post(f"/exchange/topics/{topic.pk}/", {"body": "Late"})
    assert response.status_code == 400
    assert "is completed" in response.content.decode()
    assert not topic.replies.exists()


@pytest.mark.parametrize(
    ("status", "read_only"),
    [
        (Cohort.Status.RUNNING, False),
        (Cohort.Status.COMPLETED, True),
        (Cohort.Status.ARCHIVED, True),
    ],
)
def test_my_learning_marks_the_discussions_of_a_closed_cohort_read_only(
    client, scene, status, read_only
):
    Cohort.objects.filter(pk=scene.cohort.pk).update(status=status)
    client.force_login(scene.trainee_a)
    html = client.get("/learning/").content.decode()
    assert f"Discussions: {scene.cohort.title}" in html
    assert ("Read-only" in html) is read_only


def _restrict(scene, user, kind):
    from exchange.services.moderation import member_restrict

    member_restrict(access=scene.access(scene.instructor), user=user, kind=kind)


def test_a_banned_member_is_told_so_and_sees_no_space(client, scene):
    _write(scene, scene.trainee_b, title="Secret strategy", body="Only for us")
    topic = _write(scene, scene.trainee_a2, space=scene.space_a, title="Office talk")
    _restrict(scene, scene.trainee_a, "ban")
    client.force_login(scene.trainee_a)
    for url in (
        f"/exchange/cohorts/{scene.cohort.slug}/",
        f"/exchange/spaces/{scene.whole.pk}/",
        f"/exchange/topics/{topic.pk}/",
    ):
        response = client.get(url)
        assert response.status_code == 403
        html = response.content.decode()
        assert "banned you from the discussions of" in html
        assert scene.cohort.title in html
        for content in ("Secret strategy", "Only for us", "Office talk", "Office A"):
            assert content not in html
    # a space the member could never read stays a plain 404: nothing disclosed
    assert client.get(f"/exchange/spaces/{scene.space_b.pk}/").status_code == 404


def test_people_outside_the_cohort_still_get_404(client, scene):
    client.force_login(scene.outsider)
    response = client.get(f"/exchange/cohorts/{scene.cohort.slug}/")
    assert response.status_code == 404
    assert "banned" not in response.content.decode()


def test_a_muted_member_reads_the_spaces_with_a_notice(client, scene):
    _write(scene, scene.trainee_b, title="Secret strategy")
    _restrict(scene, scene.trainee_a, "mute")
    client.force_login(scene.trainee_a)
    notice = "A moderator has muted you in this cohort"
    html = client.get(f"/exchange/cohorts/{scene.cohort.slug}/").content.decode()
    assert notice in html and "Whole cohort" in html
    html = client.get(f"/exchange/spaces/{scene.whole.pk}/").content.decode()
    assert notice in html and "Secret strategy" in html
    assert 'name="title"' not in html


def test_three_reports_hide_the_post_from_members(client, scene):
    topic = _write(scene, scene.trainee_b, body="Buy cheap watches")
    for user in (scene.trainee_a, scene.trainee_a2, scene.coord_a):
        client.force_login(user)
        response = client.post(
            f"/exchange/posts/{topic.pk}/report/", {"reason": "Spam"}
        )
        assert response.status_code == 302
    client.force_login(scene.trainee_a)
    html = client.get(f"/exchange/topics/{topic.pk}/").content.decode()
    assert "Buy cheap watches" not in html
    assert "hidden while the moderators review" in html
    client.force_login(scene.instructor)
    assert (
        "Buy cheap watches"
        in client.get(f"/exchange/topics/{topic.pk}/").content.decode()
    )


# ---- anonymity ----


def test_anonymous_posts_reveal_nothing_to_classmates(
    client, scene, django_capture_on_commit_callbacks
):
    access = scene.access(scene.coord_lead)
    space_set_anonymity(
        space=scene.whole, by=scene.coord_lead, access=access, anonymous=True
    )
    follow_set(user=scene.trainee_b, space=scene.whole, mode=Mode.INSTANT)
    with django_capture_on_commit_callbacks(execute=True):
        topic = _write(
            scene,
            scene.trainee_a,
            attachment=SimpleUploadedFile("Ana_Alves_memo.pdf", PDF),
        )
    post_edit(
        post=topic, access=scene.access(scene.trainee_a), title="T", body="Edited"
    )
    space_set_anonymity(
        space=scene.whole, by=scene.coord_lead, access=access, anonymous=False
    )
    secrets = ("Ana", "Alves", "ana.a@example.org")
    client.force_login(scene.trainee_b)
    topic_page = client.get(f"/exchange/topics/{topic.pk}/").content.decode()
    space_page = client.get(f"/exchange/spaces/{scene.whole.pk}/").content.decode()
    # The post itself, and the space's list of topics (the composer's list of
    # members one can mention names everyone, as any roster does).
    article = re.search(
        rf'<article id="post-{topic.pk}".*?</article>', topic_page, re.S
    )
    topics = re.search(
        r'<section aria-labelledby="topics-heading">.*?</section>', space_page, re.S
    )
    download = client.get(f"/exchange/posts/{topic.pk}/attachment/")
    assert download.status_code == 200
    assert "Ana" not in download["Content-Disposition"]
    for html in (article.group(0), topics.group(0)):
        assert "Anonymous classmate" in html
        assert not [s for s in secrets if s in html], html
    assert "(edited)" in article.group(0)
    assert "attachment.pdf" in article.group(0)
    (email,) = [m for m in mail.outbox if m.to == [scene.trainee_b.email]]
    assert not [s for s in secrets if s in email.body + email.subject]
    assert "Anonymous classmate" in email.body
    client.force_login(scene.coord_a)
    assert "Ana Alves" in client.get(f"/exchange/topics/{topic.pk}/").content.decode()


# ---- unsubscribing ----


def test_the_unsubscribe_link_works_logged_out(client, scene):
    token = unsubscribe_token(user_id=scene.trainee_b.pk, space_id=scene.whole.pk)
    url = f"/exchange/unsubscribe/{token}/"
    page = client.get(url)
    assert page.status_code == 200 and "<form" in page.content.decode()
    assert mode_for(scene.trainee_b.pk, scene.whole) == Mode.DAILY
    done = client.post(url, {"List-Unsubscribe": "One-Click"})
    assert done.status_code == 200
    assert "no more emails from this space" in done.content.decode()
    assert mode_for(scene.trainee_b.pk, scene.whole) == Mode.NONE
    assert mode_for(scene.trainee_b.pk, scene.space_b) == Mode.DAILY


def test_a_forged_unsubscribe_link_is_not_found(client, scene):
    token = unsubscribe_token(user_id=scene.trainee_b.pk)
    assert client.post(f"/exchange/unsubscribe/{token[:-2]}xx/").status_code == 404


def test_my_learning_links_members_to_their_cohorts_discussions(client, scene):
    link = f'href="/exchange/cohorts/{scene.cohort.slug}/"'
    client.force_login(scene.trainee_a)
    assert link in client.get("/learning/").content.decode()
    client.force_login(scene.outsider)
    assert link not in client.get("/learning/").content.decode()


def test_the_cohort_page_offers_the_discussions_to_members_only(client, scene):
    link = f'href="/exchange/cohorts/{scene.cohort.slug}/"'
    client.force_login(scene.trainee_b)
    assert link in client.get(f"/cohorts/{scene.cohort.slug}/").content.decode()
    client.logout()
    assert link not in client.get(f"/cohorts/{scene.cohort.slug}/").content.decode()
    client.force_login(scene.outsider)
    assert link not in client.get(f"/cohorts/{scene.cohort.slug}/").content.decode()


def test_an_office_attachment_is_handed_out_signed_from_the_private_bucket(
    client, scene, s3, s3_endpoint
):
    from tests.test_object_storage import assert_signed_download

    s3_client, bucket = s3
    topic = _write(
        scene,
        scene.trainee_a,
        space=scene.space_a,
        attachment=SimpleUploadedFile("Memo.pdf", PDF),
    )
    stored = s3_client.get_object(Bucket=bucket, Key=topic.attachment.name)
    assert stored["Body"].read() == PDF
    url = f"/exchange/posts/{topic.pk}/attachment/"
    client.force_login(scene.trainee_a2)
    assert_signed_download(
        client.get(url),
        endpoint=s3_endpoint,
        bucket=bucket,
        body=PDF,
        filename="Memo.pdf",
    )
    for other in (scene.trainee_b, scene.outsider):
        client.force_login(other)
        refused = client.get(url)
        assert refused.status_code == 404
        assert "Location" not in refused
