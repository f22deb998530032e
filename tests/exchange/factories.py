import factory

from exchange.models import Post, Space
from tests.accounts.factories import UserFactory
from tests.cohorts.factories import CohortFactory


class SpaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Space
        django_get_or_create = ("cohort", "kind", "office")

    cohort = factory.SubFactory(CohortFactory)
    kind = Space.Kind.COHORT
    office = None


class TopicFactory(factory.django.DjangoModelFactory):
    """A topic written straight to the database (services are tested apart)."""

    class Meta:
        model = Post

    space = factory.SubFactory(SpaceFactory)
    author = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Topic {n}")
    body = "How does your office handle divisional applications?"
    body_html = factory.LazyAttribute(lambda o: f"<p>{o.body}</p>")


class ReplyFactory(TopicFactory):
    parent = factory.SubFactory(TopicFactory)
    space = factory.SelfAttribute("parent.space")
    title = ""
