"""Marking content shown in a language other than the interface's.

`{% content_lang page %}` adds `lang`/`dir` attributes to an element holding the
page's own content when the page is an untranslated fallback (see
courses.localization); `{% untranslated_note page %}` tells the reader.
"""

from django import template
from django.utils.html import format_html
from django.utils.translation import get_language_info, pgettext_lazy

from courses.localization import (
    content_language,
    is_fallback,
    locale_language,
    page_url,
)
from training import dates

register = template.Library()

# Language names as they read inside a sentence ("traduite en anglais", "al
# inglés"); the names in settings.LANGUAGES stand alone in menus, capitalised.
NAMES_IN_SENTENCE = {
    "en": pgettext_lazy("language name inside a sentence", "English"),
    "zh-hans": pgettext_lazy("language name inside a sentence", "Simplified Chinese"),
    "ar": pgettext_lazy("language name inside a sentence", "Arabic"),
    "ru": pgettext_lazy("language name inside a sentence", "Russian"),
    "fr": pgettext_lazy("language name inside a sentence", "French"),
    "es": pgettext_lazy("language name inside a sentence", "Spanish"),
}


def name_in_sentence(code: str) -> str:
    """The language's name in the active language, for use mid-sentence."""
    name = NAMES_IN_SENTENCE.get(code)
    return str(name) if name else get_language_info(code)["name_translated"]


@register.simple_tag
def content_lang(page):
    """` lang="en" dir="ltr"` for a page shown untranslated; empty otherwise."""
    if page is None or not is_fallback(page):
        return ""
    code = locale_language(page.locale_id)
    direction = "rtl" if get_language_info(code)["bidi"] else "ltr"
    return format_html(' lang="{}" dir="{}"', code, direction)


@register.inclusion_tag("includes/untranslated_note.html")
def untranslated_note(page):
    """A note above a page that is not translated into the reader's language."""
    if page is None or not is_fallback(page):
        return {"show": False}
    return {
        "show": True,
        "source_name": name_in_sentence(locale_language(page.locale_id)),
        "current_name": name_in_sentence(content_language()),
    }


@register.simple_tag
def language_path(path):
    """`path` under the active language's prefix ("/courses/" → "/ar/courses/")."""
    from django.conf import settings

    code = content_language()
    if code == settings.LANGUAGE_CODE:
        return path
    return f"/{code}{path}"


@register.simple_tag(takes_context=True)
def localized_pageurl(context, page):
    """Like Wagtail's `pageurl`, but an untranslated page keeps the reader's
    language prefix (/ar/courses/<slug>/ rather than /courses/<slug>/)."""
    return page_url(page, context.get("request")) or ""


# Dates and times for people, in the reader's language and time zone, from
# training.dates (CLDR data): the only date filters templates use, besides
# `date:'c'` for machine-readable `<time datetime>` values.


@register.filter
def local_date(value):
    """A day: "3 August 2026", "2026年8月3日" (a moment gives its local day)."""
    return dates.format_day(value)


@register.filter
def local_month(value):
    """A month of a year: "August 2026", "2026年8月"."""
    return dates.format_month(value)


@register.filter
def local_time(value):
    """A time of day in the reader's time zone: "14:30"."""
    return dates.format_time(value)


@register.filter
def local_datetime(value):
    """A day and time in the reader's time zone, without the zone (for rows
    under a heading or line that names it): "3 August 2026, 14:30"."""
    return dates.format_moment(value)


@register.filter
def zone_label(value):
    """The time zone of a moment, or of a zone's IANA key, isolated for RTL
    pages: "<bdi>China Standard Time (GMT+08:00)</bdi>"."""
    if not value:
        return ""
    return format_html("<bdi>{}</bdi>", dates.zone_name(value))


@register.filter
def datetime_tz(value):
    """A day and time in the reader's time zone, with the zone's name and
    offset: "3 August 2026, 14:30 <bdi>China Standard Time (GMT+08:00)</bdi>"."""
    if not value:
        return ""
    return format_html("{} {}", dates.format_moment(value), zone_label(value))


@register.filter
def bdi(value):
    """`value` escaped inside `<bdi>`: a name or code keeps its own direction
    inside a sentence of the other direction ("Saudi Arabia, China" in Arabic).
    Usable in `{% blocktranslate with name=office.name|bdi %}` without
    changing the message."""
    if value in (None, ""):
        return ""
    return format_html("<bdi>{}</bdi>", value)


@register.simple_tag(takes_context=True)
def language_links(context):
    """One link per language to the current page in that language.

    Links, not a form: a form's CSRF token would set a cookie on every page and
    make it uncacheable. Each goes through set_language so the choice is kept
    (unprefixed English and language-neutral pages follow the cookie).
    """
    from django.conf import settings
    from django.urls import reverse
    from django.utils.http import urlencode

    request = context.get("request")
    current = context.get("LANGUAGE_CODE") or settings.LANGUAGE_CODE
    here = request.get_full_path() if request else "/"
    setlang = reverse("set_language")
    return [
        {
            "code": code,
            "name": get_language_info(code)["name_local"],
            "url": f"{setlang}?{urlencode({'language': code, 'next': here})}",
            "current": code == current,
        }
        for code, _name in settings.LANGUAGES
    ]
