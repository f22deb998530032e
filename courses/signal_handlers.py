"""Receivers that keep the anonymous page cache honest: any content change bumps it."""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move


def page_cache_bump(**kwargs):
    from courses.services import page_cache_bump as bump

    bump()


def connect():
    # Outlines, breadcrumbs, catalogue cards and comparison tables show other
    # pages' titles, so a change to any page invalidates every cached body.
    page_published.connect(page_cache_bump, dispatch_uid="courses_cache_published")
    page_unpublished.connect(page_cache_bump, dispatch_uid="courses_cache_unpublished")
    post_page_move.connect(page_cache_bump, dispatch_uid="courses_cache_moved")
    post_delete.connect(
        page_cache_bump, sender=Page, dispatch_uid="courses_cache_deleted"
    )
    for model in ("Treaty", "IPArea"):
        post_save.connect(
            page_cache_bump,
            sender=f"courses.{model}",
            dispatch_uid=f"courses_cache_{model}",
        )
