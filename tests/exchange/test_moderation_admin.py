import pytest

from exchange.models import Post, Restriction
from exchange.services.moderation import report_create
from exchange.services.posts import post_create
from training.audit import DISCUSSION_BAN, DISCUSSION_REMOVE, audit_last

pytestmark = pytest.mark.django_db


@pytest.fixture
def hidden(scene):
    post = post_create(
        space=scene.whole,
        access=scene.access(scene.trainee_b),
        title="Cheap watches",
        body="Buy now",
    )
    for user in (scene.trainee_a, scene.trainee_a2, scene.coord_a):
        report_create(post=post, access=scene.access(user), reason=f"Spam {user.pk}")
    post.refresh_from_db()
    assert post.status == Post.Status.HIDDEN
    return post


def test_the_queue_shows_hidden_posts_with_their_author_and_reasons(
    client, scene, hidden
):
    client.force_login(scene.coord_lead)
    html = client.get(f"/admin/exchange/moderation/?cohort={scene.cohort.pk}")
    assert html.status_code == 200
    text = html.content.decode()
    assert "Buy now" in text and "Bo Bai" in text
    assert f"Spam {scene.trainee_a.pk}" in text
    assert "bo.b@example.org" not in text


def test_the_queue_refuses_people_who_do_not_moderate(client, scene, hidden):
    client.force_login(scene.coord_a)  # coordinates a taking-part office, not the lead
    response = client.get("/admin/exchange/moderation/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    response = client.post(f"/admin/exchange/moderation/posts/{hidden.pk}/remove/")
    assert response.status_code == 404
    hidden.refresh_from_db()
    assert hidden.status == Post.Status.HIDDEN


def test_a_moderator_removes_a_post_and_bans_its_author(client, scene, hidden):
    client.force_login(scene.instructor)
    response = client.post(f"/admin/exchange/moderation/posts/{hidden.pk}/remove/")
    assert response.status_code == 302
    hidden.refresh_from_db()
    assert hidden.status == Post.Status.REMOVED
    assert audit_last(DISCUSSION_REMOVE, hidden).user == scene.instructor
    client.post(f"/admin/exchange/moderation/authors/{hidden.pk}/ban/")
    assert Restriction.objects.get(user=scene.trainee_b).kind == "ban"
    assert audit_last(DISCUSSION_BAN, scene.cohort) is not None
    client.force_login(scene.trainee_b)
    assert client.get(f"/exchange/spaces/{scene.whole.pk}/").status_code == 403
    client.force_login(scene.trainee_a)
    html = client.get(f"/exchange/topics/{hidden.pk}/").content.decode()
    assert "removed by a moderator" in html and "Buy now" not in html


def test_a_muted_member_reads_but_cannot_post(client, scene, hidden):
    client.force_login(scene.coord_lead)
    client.post(f"/admin/exchange/moderation/authors/{hidden.pk}/mute/")
    client.force_login(scene.trainee_b)
    page = client.get(f"/exchange/spaces/{scene.whole.pk}/")
    assert page.status_code == 200
    assert "A moderator has muted you in this cohort" in page.content.decode()
    response = client.post(
        f"/exchange/spaces/{scene.whole.pk}/", {"title": "Again", "body": "x"}
    )
    assert response.status_code == 403
    assert "read-only for you" in response.content.decode()
    assert not Post.objects.filter(title="Again").exists()


def test_the_cohort_hub_links_moderators_to_the_queue(client, scene, hidden):
    client.force_login(scene.coord_lead)
    html = client.get(f"/admin/cohorts/hub/{scene.cohort.pk}/").content.decode()
    assert f"/admin/exchange/moderation/?cohort={scene.cohort.pk}" in html
    client.force_login(scene.coord_a)
    html = client.get(f"/admin/cohorts/hub/{scene.cohort.pk}/").content.decode()
    assert "/admin/exchange/moderation/" not in html
    assert f"/exchange/cohorts/{scene.cohort.slug}/" in html


def test_a_completed_cohorts_moderation_is_refused_with_the_reason(
    client, scene, hidden
):
    muted = Restriction.objects.create(
        cohort=scene.cohort, user=scene.trainee_a, kind="mute"
    )
    scene.cohort.status = "completed"
    scene.cohort.save(update_fields=["status"])
    client.force_login(scene.instructor)
    queue = client.get(f"/admin/exchange/moderation/?cohort={scene.cohort.pk}")
    html = queue.content.decode()
    assert "Buy now" in html and "can no longer be moderated" in html
    assert f"/moderation/posts/{hidden.pk}/remove/" not in html
    assert f"/moderation/restrictions/{muted.pk}/lift/" not in html
    for url in (
        f"/admin/exchange/moderation/posts/{hidden.pk}/remove/",
        f"/admin/exchange/moderation/authors/{hidden.pk}/ban/",
        f"/admin/exchange/moderation/restrictions/{muted.pk}/lift/",
    ):
        response = client.post(url, {"cohort": scene.cohort.pk}, follow=True)
        assert response.redirect_chain[-1][0] == (
            f"/admin/exchange/moderation/?cohort={scene.cohort.pk}"
        )
        assert "is completed: nothing can be changed" in response.content.decode()
    hidden.refresh_from_db()
    assert hidden.status == Post.Status.HIDDEN
    assert not Restriction.objects.filter(user=scene.trainee_b).exists()
    assert Restriction.objects.filter(pk=muted.pk).exists()
