"""Demo translations: one course, with all its lessons, in Chinese and Russian.

Made through wagtail-localize, as an editor would: a TranslationSource per
page, a StringTranslation per segment, then `save_target(publish=True)`. So the
translations open in wagtail-localize's editor and follow later changes of the
English pages ("Sync translated pages"). Idempotent: a page already translated
into a locale is left as editors changed it. Runs after `cms.demo.courses`.
"""

from django.db import transaction
from wagtail.models import Locale
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

from courses.models import CoursePage

from .translations_content import COURSE_SLUG, LANGUAGES, strings_for


@transaction.atomic
def _translate(page, locale, strings) -> list[str]:
    """Translate and publish `page` into `locale`; return untranslated strings."""
    source, _created = TranslationSource.update_or_create_from_instance(page)
    translation, _created = Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    missing = []
    segments = StringSegment.objects.filter(source=source).select_related(
        "string", "context"
    )
    for segment in segments:
        text = segment.string.data
        # Translated pages keep the English slug, so the language switcher
        # finds the same page in every language.
        value = text if segment.context.path == "slug" else strings.get(text)
        if value is None:
            missing.append(text)
            continue
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={
                "data": value,
                "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
            },
        )
    translation.save_target(publish=True)
    return missing


def seed(ctx):
    default = Locale.get_default()
    course = CoursePage.objects.filter(slug=COURSE_SLUG, locale=default).live().first()
    if course is None:
        ctx.write(f"translations: no course {COURSE_SLUG!r}; skipped")
        return
    catalogue = course.get_parent().specific
    home = catalogue.get_parent().specific
    lessons = [page.specific for page in course.get_children().live()]
    # Parents first, so each translation goes under a translated parent.
    pages = [home, catalogue, course, *lessons]
    for code in LANGUAGES:
        locale = Locale.objects.get(language_code=code)
        strings = strings_for(code)
        created, missing = 0, []
        for page in pages:
            if page.has_translation(locale):
                continue
            missing += _translate(page, locale, strings)
            created += 1
        ctx.write(
            f"translations: {code}: {len(pages)} pages ({created} new)"
            + (f", {len(missing)} strings left in English" if missing else "")
        )
    ctx.notes.append(
        f"Translated course: /zh-hans/courses/{COURSE_SLUG}/ · "
        f"/ru/courses/{COURSE_SLUG}/ (other courses fall back to English)"
    )
