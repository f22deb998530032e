import factory
import wagtail_factories
from wagtail.models import Site

from courses.models import CourseIndexPage, CoursePage


def _home_page():
    return Site.objects.get(is_default_site=True).root_page


class CourseIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CourseIndexPage

    title = "Courses"
    slug = "courses"


def catalogue():
    """The site's course catalogue, created under the home page if missing."""
    existing = CourseIndexPage.objects.first()
    return existing or CourseIndexPageFactory(parent=_home_page())


class CoursePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CoursePage

    title = factory.Sequence(lambda n: f"Patent examination cooperation {n}")
    slug = factory.Sequence(lambda n: f"course-{n}")
    summary = "How partner offices share search and examination work."
    parent = factory.LazyFunction(catalogue)
