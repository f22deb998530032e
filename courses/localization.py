"""Serving content in the reader's language, falling back to the source language.

Every page tree exists in the default locale (English, the source); editors
translate pages into the other locales with wagtail-localize. Where a page is
not translated yet, readers of another language get the source page at their
language's URL (/ar/courses/<slug>/ shows the English course, marked as not yet
translated and with lang="en" on its content) rather than a 404.

Locale ids are kept per process (courses.site_cache, cleared when a locale
changes), so templates can ask "is this a fallback?" for every card of a
listing without a query each.
"""

from __future__ import annotations

from django.conf import settings
from django.db.models import Q, QuerySet
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils import translation
from wagtail.coreutils import get_supported_content_language_variant


def _locale_ids() -> dict[str, int]:
    from courses.site_cache import locales

    return {code: locale.pk for code, locale in locales().items()}


def content_language(language_code: str | None = None) -> str:
    """The content language for `language_code` (default: the active language)."""
    code = language_code or translation.get_language() or settings.LANGUAGE_CODE
    try:
        return get_supported_content_language_variant(code)
    except LookupError:
        return settings.LANGUAGE_CODE


def default_locale_id() -> int | None:
    return _locale_ids().get(content_language(settings.LANGUAGE_CODE))


def active_locale_id() -> int | None:
    """The id of the active language's locale (the default one if it has none)."""
    ids = _locale_ids()
    return ids.get(content_language()) or default_locale_id()


def locale_language(locale_id: int) -> str:
    """The language code of the locale with `locale_id`."""
    for code, pk in _locale_ids().items():
        if pk == locale_id:
            return code
    return settings.LANGUAGE_CODE


def is_fallback(page) -> bool:
    """True when `page` is shown to a reader of another language (not translated)."""
    locale_id = getattr(page, "locale_id", None)
    return locale_id is not None and locale_id != active_locale_id()


def in_active_locale(queryset: QuerySet) -> QuerySet:
    """`queryset` in the active locale, plus source pages not translated into it.

    One queryset (a subquery, no extra round trip): for each translation key the
    active locale's page if there is one, else the default locale's page.
    """
    active, default = active_locale_id(), default_locale_id()
    if active is None or active == default:
        return queryset.filter(locale_id=default) if default else queryset
    translated = queryset.model.objects.filter(locale_id=active).values(
        "translation_key"
    )
    return queryset.filter(
        Q(locale_id=active)
        | (Q(locale_id=default) & ~Q(translation_key__in=translated))
    )


def source_page(page):
    """The default-locale version of `page` (itself if it is the source or has none).

    Progress, cohorts and certificates refer to the source pages, so a trainee's
    progress is the same whichever language they read the course in.
    """
    default = default_locale_id()
    if page is None or default is None or page.locale_id == default:
        return page
    return page.get_translation_or_none(default) or page


def page_url(page, request=None) -> str | None:
    """`page`'s URL, under the active language's prefix when shown as a fallback.

    Works for base `Page` rows too (outlines, parents), which do not have
    `LocalizedPageMixin`.
    """
    if isinstance(page, LocalizedPageMixin):
        return page.get_url(request=request)
    url = page.get_url(request=request)
    if url and page.locale_id == default_locale_id() and is_fallback(page):
        target = content_language()
        # translate_url resolves in the active language: resolve as English.
        with translation.override(settings.LANGUAGE_CODE):
            return translate_url(url, target)
    return url


class LocalizedPageMixin:
    """Links to an untranslated page stay in the reader's language.

    Wagtail links a page under its own locale's prefix, so an English page
    listed on /ar/courses/ would link to /courses/<slug>/ and switch the
    reader to English. A source page viewed in another language links to the
    same path under the active language's prefix instead; routing falls back
    to the source page there (see `courses.routing.PathRouteMixin`).
    """

    @property
    def is_locale_fallback(self) -> bool:
        return is_fallback(self)

    @property
    def content_language(self) -> str:
        """The language of this page's content (for lang attributes)."""
        return locale_language(self.locale_id)

    def get_url_parts(self, request=None):
        parts = super().get_url_parts(request=request)
        if (
            not parts
            or parts[2] is None
            or not settings.WAGTAIL_I18N_ENABLED
            or self.locale_id != default_locale_id()
            or not is_fallback(self)
        ):
            return parts
        site_id, root_url, _path = parts
        root_path = self._get_relevant_site_root_paths(request)[0][1]
        try:
            with translation.override(content_language()):
                path = reverse("wagtail_serve", args=(self.url_path[len(root_path) :],))
        except NoReverseMatch:
            return parts
        return site_id, root_url, path
