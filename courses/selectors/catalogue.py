"""The course catalogue: live courses filtered by area, jurisdiction, level
and language."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet
from wagtail.images import get_image_model

from courses.localization import default_locale_id, in_active_locale, source_page
from courses.models import CourseIndexPage, CoursePage, IPArea, JurisdictionPage

COVER_RENDITION = "fill-640x360"


def course_list_for_catalogue(
    *,
    catalogue: CourseIndexPage,
    ip_area: str = "",
    jurisdiction: str = "",
    level: str = "",
    language: str = "",
    **_unused,
) -> QuerySet[CoursePage]:
    """Live courses of `catalogue`, filtered, with areas and covers prefetched.

    In the active language: translated courses, and the source-language ones
    not translated yet (courses.localization). `language` keeps the courses
    that can be read in that language, in the original or a translation.
    """
    source = source_page(catalogue)
    qs = (
        in_active_locale(
            CoursePage.objects.filter(
                Q(path__startswith=catalogue.path) | Q(path__startswith=source.path),
                depth=catalogue.depth + 1,
            )
        )
        .live()
        .public()
        .select_related("cover_image")
        .prefetch_related(
            "ip_areas",
            Prefetch(
                "jurisdictions",
                queryset=JurisdictionPage.objects.only(
                    "id", "title", "slug", "locale_id", "url_path"
                ),
            ),
            Prefetch(
                "cover_image",
                queryset=get_image_model().objects.prefetch_renditions(COVER_RENDITION),
            ),
        )
        .order_by("title")
    )
    if ip_area:
        qs = qs.filter(ip_areas__code=ip_area)
    if jurisdiction:
        qs = qs.filter(jurisdictions__slug=jurisdiction)
    if level:
        qs = qs.filter(level=level)
    if language:
        qs = qs.filter(translation_key__in=_course_keys_readable_in(language))
    return qs.distinct()


def _course_keys_readable_in(language: str) -> QuerySet:
    """Translation keys of the courses with a live version in `language`: a
    source course taught in it, or a translation into it."""
    default = default_locale_id()
    return (
        CoursePage.objects.live()
        .filter(
            Q(locale_id=default, language=language)
            | (Q(locale__language_code=language) & ~Q(locale_id=default))
        )
        .values("translation_key")
    )


def ip_area_list():
    return IPArea.objects.all()
