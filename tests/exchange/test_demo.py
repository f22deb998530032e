import pytest

from cms.demo import DemoContext, accounts, attendance, cohorts, discussions, offices
from exchange.models import Post

pytestmark = pytest.mark.django_db


def test_demo_discussions_have_a_hidden_and_an_anonymous_post_once(client):
    ctx = DemoContext(password="x", write=lambda line: None)
    for step in (accounts, offices, cohorts, attendance, discussions):
        step.seed(ctx)
    posts = Post.objects.filter(author__isnull=False)
    first = posts.count()
    assert posts.filter(status=Post.Status.HIDDEN).count() == 1
    assert posts.filter(anonymous=True).count() == 1
    bodies = " ".join(posts.values_list("body", flat=True))
    assert "权利要求" in bodies and "ترجمة عربية" in bodies and "Спасибо" in bodies
    discussions.seed(ctx)
    assert posts.count() == first
    # The cohort is completed: its members read, nobody writes.
    hidden = posts.get(status=Post.Status.HIDDEN)
    client.force_login(posts.get(anonymous=False, title__startswith="PPH").author)
    page = client.get(f"/exchange/topics/{hidden.pk}/").content.decode()
    assert "Selling" not in page and "read-only" in page
