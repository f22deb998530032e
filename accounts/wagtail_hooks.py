from wagtail import hooks
from wagtail.permissions import policy_registry
from wagtail.users.views.bulk_actions import SetActiveStateBulkAction

from .models import User


class GuardedSetActiveStateBulkAction(SetActiveStateBulkAction):
    """Wagtail's bulk (de)activation, refusing accounts the user may not change."""

    def check_perm(self, obj):
        return policy_registry.get_by_type(User).user_has_permission_for_instance(
            self.request.user, "change", obj
        )


# Registered after Wagtail's own action of the same type, which it replaces.
hooks.register("register_bulk_action", GuardedSetActiveStateBulkAction, order=100)


@hooks.register("register_admin_viewset")
def register_designation_viewset():
    from .viewsets import OfficeDesignationViewSet

    return OfficeDesignationViewSet()
