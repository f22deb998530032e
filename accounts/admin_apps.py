"""App configs that swap in our Django admin site and Wagtail user admin.

Listed in INSTALLED_APPS in place of "django.contrib.admin" and "wagtail.users"
(the documented way to customise both), keeping their app labels.
"""

from django.contrib.admin.apps import AdminConfig
from wagtail.users.apps import WagtailUsersAppConfig


class SuperuserAdminConfig(AdminConfig):
    default_site = "accounts.admin_site.SuperuserAdminSite"


class UsersAppConfig(WagtailUsersAppConfig):
    user_viewset = "accounts.viewsets.UserViewSet"
