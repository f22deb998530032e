"""Writes for trainee progress and for translating pages.

Progress writes are idempotent (unique constraints + get_or_create) and recorded
against the source-language pages, so reading a course in another language
continues the same progress (courses.localization).
"""

import time
from datetime import date

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.models import GroupPagePermission, Page, WorkflowPage, WorkflowState
from wagtail_localize.models import Translation

from courses.exceptions import LessonNotAvailableError, TranslationSubmitError
from courses.localization import source_page
from courses.models import CoursePage, CourseProgress, LessonPage, LessonProgress


def course_start(*, user, course: CoursePage) -> CourseProgress:
    """Record that `user` started `course`; return the progress record.

    Idempotent: starting again returns the existing record unchanged.
    Raises LessonNotAvailableError when the course is not live.
    """
    if not course.live:
        raise LessonNotAvailableError(_("This course is not available."))
    course = source_page(course)
    progress, _created = CourseProgress.objects.get_or_create(user=user, course=course)
    return progress


def course_progress_visit(*, user, course: CoursePage, lesson: LessonPage) -> None:
    """Remember `lesson` as where `user` resumes `course` (one UPDATE, no-op if same)."""
    course, lesson = source_page(course), source_page(lesson)
    CourseProgress.objects.filter(user=user, course=course).exclude(
        last_lesson=lesson
    ).update(last_lesson=lesson, last_activity_at=timezone.now())


@transaction.atomic
def lesson_complete(*, user, lesson: LessonPage) -> LessonProgress:
    """Mark `lesson` complete for `user`, starting its course if needed.

    Idempotent: completing twice keeps the first completion time. Updates the
    course's resume point to this lesson. Raises LessonNotAvailableError when
    the lesson or its course is not live.
    """
    course = CoursePage.objects.ancestor_of(lesson).live().first()
    if not lesson.live or course is None:
        raise LessonNotAvailableError(_("This lesson is not available."))
    course, lesson = source_page(course), source_page(lesson)
    progress, _created = CourseProgress.objects.get_or_create(
        user=user, course=course, defaults={"last_lesson": lesson}
    )
    progress.last_lesson = lesson
    progress.last_activity_at = timezone.now()
    progress.save(update_fields=["last_lesson", "last_activity_at"])
    completion, _created = LessonProgress.objects.get_or_create(
        user=user, lesson=lesson
    )
    return completion


def lesson_uncomplete(*, user, lesson: LessonPage) -> None:
    """Clear the user's completion of `lesson` (idempotent)."""
    lesson = source_page(lesson)
    LessonProgress.objects.filter(user=user, lesson=lesson).delete()


PAGE_CACHE_GENERATION_KEY = "courses:page-cache-generation"


def page_cache_bump() -> None:
    """Invalidate every cached page body for anonymous visitors, after commit.

    Called when pages are published, unpublished, moved or deleted, and when
    treaties change. Idempotent in effect: a new generation number makes the old
    fragments unreachable (they expire on their own).
    """
    transaction.on_commit(
        lambda: cache.set(PAGE_CACHE_GENERATION_KEY, time.time_ns(), None)
    )


def page_cache_entry_set(key: str, value, *, generation: int, timeout: int) -> None:
    """Keep `value` under `key` for `timeout` seconds, valid while the page-cache
    `generation` (from courses.selectors.page_cache_entry_get, read before the
    value's data) is current: page_cache_bump invalidates it with the pages."""
    cache.set(key, (generation, value), timeout)


def frontend_cache_purge(*, urls) -> None:
    """Ask the CDN to drop `urls` (absolute URLs), after commit, on a worker.

    A no-op when no CDN is configured (settings.WAGTAILFRONTENDCACHE empty).
    Purging is idempotent; the task retries when the CDN is unreachable.
    """
    from django.conf import settings

    urls = sorted(set(urls))
    if not urls or not settings.WAGTAILFRONTENDCACHE:
        return

    def enqueue():
        from courses.tasks import frontend_cache_purge_task

        frontend_cache_purge_task.delay(urls)

    transaction.on_commit(enqueue, robust=True)


def page_caches_invalidate(*, page: Page | None = None) -> None:
    """Invalidate what shows pages: the sites, root pages and locales kept per
    process (courses.site_cache), the anonymous page cache, and at the CDN
    `page`'s URLs in every language together with its parent's (listings show
    its title), when a page is given. After commit; see frontend_cache_purge.
    """
    from courses.site_cache import site_cache_clear

    site_cache_clear()  # this process at once; the others follow the generation
    page_cache_bump()
    if page is None:
        return
    from django.conf import settings

    if not settings.WAGTAILFRONTENDCACHE:
        return
    from wagtail.contrib.frontend_cache.utils import PurgeBatch

    pages = [page]
    parent = page.get_parent()
    if parent is not None and not parent.is_root():
        pages.append(parent)
    batch = PurgeBatch()
    for each in pages:
        batch.add_page(each)
        batch.add_pages(each.get_translations().live())
    frontend_cache_purge(urls=batch.urls)


def page_translation_grants_copy(*, source: Page, target: Page) -> None:
    """Give `target`, a new translation of `source`, the page rights set on `source`.

    Page permissions and workflows apply to a subtree, and every locale has its
    own tree: /ar/courses/ needs the catalogue's grants (Instructors add and
    change, Course reviewers publish) and its "Course review" workflow, or only
    a superuser could edit an Arabic course and it would skip the review.
    Called for each page wagtail-localize copies or aliases into a locale.
    Idempotent; an existing workflow on `target` is kept.
    """
    for grant in GroupPagePermission.objects.filter(page=source):
        GroupPagePermission.objects.get_or_create(
            group_id=grant.group_id, permission_id=grant.permission_id, page=target
        )
    assigned = WorkflowPage.objects.filter(page=source).first()
    if assigned is not None:
        WorkflowPage.objects.get_or_create(
            page=target, defaults={"workflow_id": assigned.workflow_id}
        )


@transaction.atomic
def page_translation_submit(*, user, page: Page) -> WorkflowState:
    """Submit the translation `page` to its workflow, as translated so far.

    wagtail-localize's editor saves each translated string as it goes and only
    offers "Publish"; someone who may edit but not publish (an instructor)
    submits instead: the strings become a new draft revision of `page`, then
    the page's workflow starts (its reviewers are told, as for any submission).
    Raises PermissionDenied when `user` may not edit `page`;
    TranslationSubmitError when `page` is not a synced translation, has no
    workflow, is locked or already waits for review, or a translated value is
    invalid. Not idempotent: a second call is refused while the first waits.
    """
    page = page.specific
    if not page.permissions_for_user(user).can_edit():
        raise PermissionDenied
    translation = (
        Translation.objects.filter(
            source__object_id=page.translation_key,
            target_locale_id=page.locale_id,
            enabled=True,
        )
        .select_related("target_locale")
        .first()
    )
    if translation is None:
        raise TranslationSubmitError(
            _("“%s” is not a translation made in the translation editor.")
            % page.get_admin_display_title()
        )
    if not page.permissions_for_user(user).can_submit_for_moderation():
        raise TranslationSubmitError(
            _(
                "“%s” cannot be submitted for review now: it is locked, waits for "
                "review already or has no review workflow."
            )
            % page.get_admin_display_title()
        )
    try:
        translation.save_target(user=user, publish=False)
    except ValidationError as error:
        raise TranslationSubmitError(
            _("The translation cannot be submitted: %s") % "; ".join(error.messages)
        ) from error
    page = Page.objects.get(pk=page.pk).specific
    return page.get_workflow().start(page, user)


def knowledge_base_review_remind(*, today: date | None = None) -> int:
    """Email each knowledge base reviewer how many facts and jurisdictions are
    due for review, with a link to the report. Sends nothing when nothing is
    due. Idempotent per month: the key `kb-review-<year>-<month>-<user id>`
    makes a re-run in the same month send nothing more. Returns the number of
    emails newly enqueued.
    """
    from accounts.models import OutboundEmail
    from accounts.services import email_enqueue
    from courses.selectors import (
        knowledge_base_review_due,
        knowledge_base_reviewer_list,
    )

    today = today or timezone.localdate()
    items = knowledge_base_review_due(today=today)
    if not items:
        return 0
    pages = sum(1 for item in items if not item.fact)
    url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("courses_review_due")
    enqueued = 0
    for reviewer in knowledge_base_reviewer_list():
        key = f"kb-review-{today:%Y-%m}-{reviewer.pk}"
        if OutboundEmail.objects.filter(key=key).exists():
            continue
        with translation.override(reviewer.language or settings.LANGUAGE_CODE):
            subject = _("IP regimes knowledge base: facts due for review")
            body = render_to_string(
                "courses/email/review_reminder.txt",
                {
                    "name": str(reviewer),
                    "facts": len(items) - pages,
                    "pages": pages,
                    "url": url,
                },
            )
        email_enqueue(to=[reviewer.email], subject=subject, body=body, key=key)
        enqueued += 1
    return enqueued
