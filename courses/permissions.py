"""Instructors edit only the courses assigned to them.

Wagtail grants page permissions per subtree: the Instructors group may add and
change pages under the catalogue. This tester narrows that for pages inside a
course: an instructor who is neither listed in the course's instructors nor the
course's owner keeps no page permission there (so cannot edit, add lessons,
delete or lock). Reviewers still reach the editor through their workflow task.
"""

from functools import cached_property

from wagtail.models import PagePermissionTester

from accounts import roles

# Actions an unassigned instructor loses inside someone else's course.
RESTRICTED_ACTIONS = {"add", "change", "publish", "bulk_delete", "lock", "unlock"}


def user_is_instructor(user) -> bool:
    """True when the user's page rights come from the Instructors role."""
    if not user.is_active or user.is_superuser:
        return False
    cached = getattr(user, "_courses_is_instructor", None)
    if cached is None:
        cached = user.groups.filter(name=roles.INSTRUCTORS).exists()
        user._courses_is_instructor = cached
    return cached


def user_is_assigned(user, course) -> bool:
    """True when the user teaches `course` (listed, or owns the page)."""
    if not course.pk or course.owner_id == user.pk:
        return True
    # The saved assignment, never the in-memory one of a form being edited.
    through = type(course).instructors.through
    return through.objects.filter(coursepage_id=course.pk, user_id=user.pk).exists()


class CoursePagePermissionTester(PagePermissionTester):
    def __init__(self, user, page):
        super().__init__(user, page)
        if (
            user_is_instructor(user)
            and self.course
            and not user_is_assigned(user, self.course)
        ):
            self.permissions = self.permissions - RESTRICTED_ACTIONS

    @cached_property
    def course(self):
        from courses.models import CoursePage

        if isinstance(self.page, CoursePage):
            return self.page
        if not self.page.pk:
            return None
        return CoursePage.objects.ancestor_of(self.page).first()


def user_can_translate(user, page) -> bool:
    """True when `user` may translate `page` (wagtail-localize's "Translate").

    wagtail-localize asks only for its `submit_translation` permission; we add
    Wagtail's own rule for translating (as wagtail.contrib.simple_translation
    does): only a page the user may edit. So an instructor translates their own
    courses, and a reviewer a page waiting for their review.
    """
    return user.has_perm("wagtail_localize.submit_translation") and (
        page.permissions_for_user(user).can_edit()
    )


def user_can_review_knowledge_base(user) -> bool:
    """Knowledge base reviewers (and superusers) see the review report."""
    return user.is_active and user.has_perm("courses.review_jurisdiction")
