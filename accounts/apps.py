from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from django.contrib.auth.models import Group
        from wagtail.permissions import register_permission_policy

        from .models import OfficeDesignation, User
        from .permissions import GroupPermissionPolicy, UserPermissionPolicy

        # exact_class: wagtail.users registers its defaults after this app.
        register_permission_policy(User, UserPermissionPolicy(User), exact_class=True)
        register_permission_policy(
            Group, GroupPermissionPolicy(Group), exact_class=True
        )
        from .viewsets import designation_policy

        register_permission_policy(OfficeDesignation, designation_policy)

        from . import signal_handlers

        signal_handlers.connect()
