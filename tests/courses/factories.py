import datetime

import factory
import wagtail_factories
from wagtail.models import Site

from courses.models import (
    CourseIndexPage,
    CourseInstructor,
    CoursePage,
    FieldSource,
    JurisdictionIndexPage,
    JurisdictionPage,
    LessonPage,
    ModulePage,
    PPHPartnership,
    Treaty,
    TreatyMembership,
)


def _home_page():
    return Site.objects.get(is_default_site=True).root_page


class CourseIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CourseIndexPage

    title = "Courses"
    slug = "courses"


def catalogue():
    """The site's course catalogue (created by a migration; made if missing)."""
    existing = CourseIndexPage.objects.first()
    return existing or CourseIndexPageFactory(parent=_home_page())


class JurisdictionIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = JurisdictionIndexPage

    title = "IP regimes"
    slug = "regimes"


def regimes():
    """The site's IP regimes index (created by a migration; made if missing)."""
    existing = JurisdictionIndexPage.objects.first()
    return existing or JurisdictionIndexPageFactory(parent=_home_page())


class CoursePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CoursePage

    title = factory.Sequence(lambda n: f"Patent examination cooperation {n}")
    slug = factory.Sequence(lambda n: f"course-{n}")
    summary = "How partner offices share search and examination work."
    parent = factory.LazyFunction(catalogue)


class ModulePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ModulePage

    title = factory.Sequence(lambda n: f"Module {n}")
    slug = factory.Sequence(lambda n: f"module-{n}")


class LessonPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = LessonPage

    title = factory.Sequence(lambda n: f"Lesson {n}")
    slug = factory.Sequence(lambda n: f"lesson-{n}")
    summary = "What the lesson covers."
    body = factory.LazyFunction(
        lambda: [
            ("heading", {"text": "Why it matters", "size": "h2"}),
            ("paragraph", "<p>Offices reuse each other's search results.</p>"),
        ]
    )


class TreatyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Treaty
        django_get_or_create = ("slug",)

    short_name = factory.Sequence(lambda n: f"Treaty {n}")
    name = factory.LazyAttribute(lambda o: f"{o.short_name} on intellectual property")
    slug = factory.Sequence(lambda n: f"treaty-{n}")


class JurisdictionPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = JurisdictionPage

    title = factory.Sequence(lambda n: f"Country {n}")
    slug = factory.Sequence(lambda n: f"country-{n}")
    ip_office = factory.LazyAttribute(lambda o: f"{o.title} IP Office")
    parent = factory.LazyFunction(regimes)


class TreatyMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TreatyMembership

    jurisdiction = factory.SubFactory(JurisdictionPageFactory)
    treaty = factory.SubFactory(TreatyFactory)
    state = TreatyMembership.State.MEMBER
    source_title = "WIPO-administered treaties"
    source_url = "https://www.wipo.int/treaties/en/"
    checked_on = factory.LazyFunction(datetime.date.today)
    year = 1990


class PPHPartnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PPHPartnership

    jurisdiction = factory.SubFactory(JurisdictionPageFactory)
    partner = factory.Sequence(lambda n: f"Partner Office {n}")
    state = PPHPartnership.State.IN_FORCE
    source_title = "PPH portal"
    source_url = "https://www.jpo.go.jp/e/toppage/pph-portal/index.html"
    checked_on = factory.LazyFunction(datetime.date.today)


class FieldSourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FieldSource

    jurisdiction = factory.SubFactory(JurisdictionPageFactory)
    field = FieldSource.Field.PATENT_TERM
    state = FieldSource.State.VERIFIED
    source_title = "WIPO Lex"
    source_url = "https://www.wipo.int/wipolex/en/"
    checked_on = factory.LazyFunction(datetime.date.today)


def translate_page(page, language_code, **fields):
    """Publish a translation of `page` in `language_code` with `fields` set.

    Parents that are not translated yet become aliases in that locale, as
    wagtail-localize does when a page is translated before its parents.
    """
    from wagtail.models import Locale

    locale = Locale.objects.get(language_code=language_code)
    translation = page.specific.copy_for_translation(locale, copy_parents=True)
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    return translation.specific_class.objects.get(pk=translation.pk)


class ImageFactory(wagtail_factories.ImageFactory):
    """A small PNG in the Wagtail image library."""

    title = factory.Sequence(lambda n: f"Image {n}")
    file = factory.django.ImageField(
        width=1600, height=800, color="teal", format="PNG", filename="image.png"
    )


class CourseInstructorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CourseInstructor

    course = factory.SubFactory(CoursePageFactory)
    name = factory.Sequence(lambda n: f"Instructor {n}")
    role = "Senior patent examiner"
    bio = "Examined patents for ten years and trains new examiners."
    photo = factory.SubFactory(ImageFactory)
