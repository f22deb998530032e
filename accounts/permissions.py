"""Who may manage accounts and groups in the Wagtail admin.

Platform admins manage users, but a superuser's account and the groups'
permissions are the keys to everything: changing them would let a platform
admin make themselves a superuser. Registered for exact classes in
AccountsConfig.ready(), so they win over Wagtail's default policies.
"""

from django.contrib.auth import get_user_model
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permission_policies.base import BasePermissionPolicy

from accounts import roles

# Actions that change or remove an account or a group.
WRITE_ACTIONS = frozenset({"add", "change", "delete"})


def is_platform_admin(user) -> bool:
    """Superusers and active members of the platform admins group: they see
    every office (keys, certificates, the audit log, programme reports)."""
    return bool(
        user
        and user.is_authenticated
        and user.is_active
        and (
            user.is_superuser or user.groups.filter(name=roles.PLATFORM_ADMINS).exists()
        )
    )


def user_can_manage_account(actor, account) -> bool:
    """Whether `actor` may edit, deactivate or delete `account`.

    Only a superuser manages a superuser; model permissions are checked separately.
    """
    return actor.is_superuser or not account.is_superuser


class UserPermissionPolicy(ModelPermissionPolicy):
    """Model permissions, except that superusers' accounts are for superusers."""

    def user_has_permission_for_instance(self, user, action, instance):
        if action in WRITE_ACTIONS and not user_can_manage_account(user, instance):
            return False
        return super().user_has_permission_for_instance(user, action, instance)


class GroupPermissionPolicy(ModelPermissionPolicy):
    """Only active superusers create, change or delete groups."""

    def user_has_permission(self, user, action):
        if action in WRITE_ACTIONS:
            return user.is_active and user.is_superuser
        return super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        users = (
            get_user_model()
            ._default_manager.filter(is_active=True, is_superuser=True)
            .distinct()
        )
        if other_actions := set(actions) - WRITE_ACTIONS:
            users = users | super().users_with_any_permission(other_actions)
        return users


class OfficeDesignationPermissionPolicy(BasePermissionPolicy):
    """Coordinators propose, list and withdraw their offices' designations.

    Nobody changes one (a change would carry consent over to something the
    person did not accept); superusers see all.
    """

    ACTIONS = frozenset({"view", "add", "delete"})

    def _office_ids(self, user) -> set[int]:
        from cohorts.selectors.scoping import office_ids_for_user

        return office_ids_for_user(user)

    def user_has_permission(self, user, action):
        if not user.is_active or action not in self.ACTIONS:
            return False
        return user.is_superuser or bool(self._office_ids(user))

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        return user.is_superuser or instance.office_id in self._office_ids(user)

    def instances_user_has_any_permission_for(self, user, actions):
        qs = self.model._default_manager.select_related("office", "user")
        if not user.is_active or not self.ACTIONS & set(actions):
            return qs.none()
        if user.is_superuser:
            return qs
        return qs.filter(office_id__in=self._office_ids(user))

    def users_with_any_permission(self, actions):
        users = get_user_model()._default_manager.filter(is_active=True)
        return users.filter(office_memberships__isnull=False).distinct() | users.filter(
            is_superuser=True
        )
