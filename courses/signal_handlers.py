"""Receivers: any content change bumps the anonymous page cache (and purges the
page's URLs at the CDN); a page copied into another locale gets the page rights
of its source."""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page
from wagtail.signals import (
    copy_for_translation_done,
    page_published,
    page_unpublished,
    post_page_move,
)


def page_cache_bump(**kwargs):
    from courses.services import page_cache_bump as bump

    bump()


def site_changed(**kwargs):
    """Sites and locales are kept per process (courses.site_cache) and show on
    every page."""
    from courses.services import page_caches_invalidate as invalidate

    invalidate()


def page_caches_invalidate(*, instance, **kwargs):
    from courses.services import page_caches_invalidate as invalidate

    invalidate(page=instance)


def view_restriction_changed(*, instance, **kwargs):
    """Who may see a page changed: no cache may keep serving it to visitors
    the restriction now turns away (nor keep the kept set of restricted pages)."""
    from courses.services import page_caches_invalidate as invalidate

    # The page may be going too (a restriction is deleted with its page).
    invalidate(page=Page.objects.filter(pk=instance.page_id).first())


def page_translation_grants_copy(*, source_obj, target_obj, **kwargs):
    from courses.services import page_translation_grants_copy as copy_grants

    if isinstance(source_obj, Page) and isinstance(target_obj, Page):
        copy_grants(source=source_obj, target=target_obj)


def connect():
    # Outlines, breadcrumbs, catalogue cards and comparison tables show other
    # pages' titles, so a change to any page invalidates every cached body.
    page_published.connect(
        page_caches_invalidate, dispatch_uid="courses_cache_published"
    )
    page_unpublished.connect(
        page_caches_invalidate, dispatch_uid="courses_cache_unpublished"
    )
    post_page_move.connect(page_caches_invalidate, dispatch_uid="courses_cache_moved")
    post_delete.connect(
        page_cache_bump, sender=Page, dispatch_uid="courses_cache_deleted"
    )
    copy_for_translation_done.connect(
        page_translation_grants_copy, dispatch_uid="courses_translation_grants"
    )
    for signal, name in ((post_save, "saved"), (post_delete, "deleted")):
        signal.connect(
            view_restriction_changed,
            sender="wagtailcore.PageViewRestriction",
            dispatch_uid=f"courses_cache_restriction_{name}",
        )
    for model in ("wagtailcore.Site", "wagtailcore.Locale"):
        post_save.connect(site_changed, sender=model, dispatch_uid=f"{model}_saved")
        post_delete.connect(site_changed, sender=model, dispatch_uid=f"{model}_deleted")
    for model in ("Treaty", "IPArea"):
        post_save.connect(
            page_cache_bump,
            sender=f"courses.{model}",
            dispatch_uid=f"courses_cache_{model}",
        )
