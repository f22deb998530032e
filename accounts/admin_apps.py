"""App configs that swap in our Django admin site.

Listed in INSTALLED_APPS in place of "django.contrib.admin" (the documented way
to customise it), keeping its app label.
"""

from django.contrib.admin.apps import AdminConfig


class SuperuserAdminConfig(AdminConfig):
    default_site = "accounts.admin_site.SuperuserAdminSite"
