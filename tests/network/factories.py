import factory

from accounts.models import ContactRequest, NetworkProfile, OfficeDesignation
from tests.accounts.factories import UserFactory
from tests.cohorts.factories import OfficeFactory


class NetworkProfileFactory(factory.django.DjangoModelFactory):
    """An opted-in, public profile (the model's own defaults hide it)."""

    class Meta:
        model = NetworkProfile
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    opted_in = True
    visibility = NetworkProfile.Visibility.PUBLIC
    languages = ",en,"
    country = "Kazakhstan"
    bio = factory.Faker("sentence")

    @factory.post_generation
    def expertise(self, create, extracted, **kwargs):
        if create and extracted:
            self.expertise.set(extracted)


class ContactRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactRequest

    requester = factory.SubFactory(UserFactory)
    expert = factory.SubFactory(UserFactory)
    message = "Could we talk about examination practice?"


class OfficeDesignationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OfficeDesignation

    office = factory.SubFactory(OfficeFactory)
    user = factory.SubFactory(UserFactory)
    kind = OfficeDesignation.Kind.EXPERT
