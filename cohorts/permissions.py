"""Wagtail permission policy for cohorts: by the offices a cohort involves."""

from wagtail.permission_policies.base import BasePermissionPolicy

from cohorts.models import Cohort
from cohorts.selectors.scoping import (
    cohort_list_for_coordinator,
    office_ids_for_user,
    user_leads_cohort,
)


class CohortPermissionPolicy(BasePermissionPolicy):
    """Coordinators add cohorts for their offices, edit those their office leads,
    and view those their office takes part in. Superusers may do anything."""

    def user_has_permission(self, user, action):
        if not user.is_active:
            return False
        if user.is_superuser:
            return True
        if action == "delete":
            return False
        return bool(office_ids_for_user(user))

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        if user.is_superuser:
            return True
        if action in ("change", "add"):
            return user_leads_cohort(user, instance)
        if action == "view":
            return cohort_list_for_coordinator(user).filter(pk=instance.pk).exists()
        return False

    def instances_user_has_any_permission_for(self, user, actions):
        if not user.is_active:
            return Cohort.objects.none()
        qs = cohort_list_for_coordinator(user)
        if user.is_superuser or "view" in actions:
            return qs
        return qs.filter(lead_office_id__in=office_ids_for_user(user))

    def users_with_any_permission(self, actions):
        from django.contrib.auth import get_user_model

        return get_user_model().objects.filter(is_active=True).filter(
            office_memberships__isnull=False
        ) | get_user_model().objects.filter(is_active=True, is_superuser=True)


class CohortStaffPermissionPolicy(BasePermissionPolicy):
    """What a cohort's staff work on (sessions, assessments): users with an
    office role, instructors and superusers may hold a permission on it."""

    def users_with_any_permission(self, actions):
        from django.contrib.auth import get_user_model

        users = get_user_model().objects.filter(is_active=True)
        return (
            users.filter(office_memberships__isnull=False)
            | users.filter(taught_sessions__isnull=False)
            | users.filter(is_superuser=True)
        ).distinct()


class SessionPermissionPolicy(CohortStaffPermissionPolicy):
    """Sessions follow their cohort: its staff (coordinators of a taking-part
    office, the cohort's instructors) view them; only the lead office's
    coordinators and superusers add, change or delete them."""

    def _staff_cohorts(self, user):
        # The same rule as the gradebook and rosters: coordinators or instructors.
        from cohorts.selectors.assessments import cohort_list_for_grader

        return cohort_list_for_grader(user)

    def user_has_permission(self, user, action):
        if not user.is_active:
            return False
        if user.is_superuser:
            return True
        if action == "view":
            return self._staff_cohorts(user).exists()
        # Scheduling needs a cohort that one of the user's offices leads.
        return Cohort.objects.filter(
            lead_office_id__in=office_ids_for_user(user)
        ).exists()

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        if user.is_superuser:
            return True
        if action == "view":
            return self._staff_cohorts(user).filter(pk=instance.cohort_id).exists()
        return instance.cohort.lead_office_id in office_ids_for_user(user)

    def instances_user_has_any_permission_for(self, user, actions):
        from cohorts.models import Session

        if not user.is_active:
            return Session.objects.none()
        if user.is_superuser:
            return Session.objects.all()
        if "view" in actions:
            return Session.objects.filter(
                cohort__in=self._staff_cohorts(user).values("pk")
            )
        return Session.objects.filter(
            cohort__lead_office_id__in=office_ids_for_user(user)
        )


class AssessmentPermissionPolicy(CohortStaffPermissionPolicy):
    """Assessments follow their cohort: its graders (coordinators of a taking-part
    office, its instructors) view them; the lead office's coordinators, the
    cohort's instructors and superusers add, change and delete them."""

    def _grader_cohorts(self, user):
        from cohorts.selectors.assessments import cohort_list_for_grader

        return cohort_list_for_grader(user)

    def _author_cohorts(self, user):
        from cohorts.selectors.assessments import cohort_list_for_author

        return cohort_list_for_author(user)

    def _cohorts(self, user, actions):
        if set(actions) - {"view"}:
            # Any writing action: the cohorts the user writes for.
            return self._author_cohorts(user)
        return self._grader_cohorts(user)

    def user_has_permission(self, user, action):
        if not user.is_active:
            return False
        if user.is_superuser:
            return True
        return self._cohorts(user, [action]).exists()

    def user_has_permission_for_instance(self, user, action, instance):
        if not user.is_active:
            return False
        if user.is_superuser:
            return True
        return self._cohorts(user, [action]).filter(pk=instance.cohort_id).exists()

    def instances_user_has_any_permission_for(self, user, actions):
        from cohorts.models import Assessment

        if not user.is_active:
            return Assessment.objects.none()
        if user.is_superuser:
            return Assessment.objects.all()
        # "Any of": viewing is the widest.
        cohorts = (
            self._grader_cohorts(user)
            if "view" in actions
            else self._author_cohorts(user)
        )
        return Assessment.objects.filter(cohort__in=cohorts.values("pk"))


class SurveyPermissionPolicy(CohortStaffPermissionPolicy):
    """Surveys follow their cohort: coordinators of an office that leads or
    co-organizes it view, add, change and delete them (superusers: all)."""

    def _cohorts(self, user):
        return cohort_list_for_coordinator(user)

    def user_has_permission(self, user, action):
        if not user.is_active:
            return False
        return user.is_superuser or bool(office_ids_for_user(user))

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        return self._cohorts(user).filter(pk=instance.cohort_id).exists()

    def instances_user_has_any_permission_for(self, user, actions):
        from cohorts.models import Survey

        if not user.is_active:
            return Survey.objects.none()
        return Survey.objects.filter(cohort__in=self._cohorts(user).values("pk"))
