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
