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


@register.filter(expects_localtime=True)
def zone_label(value):
    """The time zone of a moment by name and offset, isolated for RTL pages:
    "(Asia/Shanghai, UTC+08:00)". Abbreviations are ambiguous (CST is China,
    Cuba and US Central time), so none is shown."""
    from django.utils import timezone

    if not value:
        return ""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    name = getattr(value.tzinfo, "key", None) or value.tzname() or ""
    offset = value.strftime("%z")
    label = (
        "UTC"
        if offset in ("", "+0000") and name in ("UTC", "Etc/UTC", "")
        else (f"{name.replace('_', ' ')}, UTC{offset[:3]}:{offset[3:]}")
    )
    return format_html("<bdi>({})</bdi>", label)


@register.filter(expects_localtime=True)
def datetime_tz(value):
    """A moment in the reader's locale format and time zone, with the zone's
    name and offset: "25 ноября 2026 г. 14:30 (Europe/Moscow, UTC+03:00)"."""
    from django.template.defaultfilters import date
    from django.utils import timezone

    if not value:
        return ""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return format_html("{} {}", date(value, "DATETIME_FORMAT"), zone_label(value))


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
