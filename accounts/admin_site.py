"""The Django admin (/django-admin/): superusers only, logged in through allauth.

Staff work in the Wagtail admin; the Django admin shows every model without
Wagtail's permission rules, so even staff who are not superusers get none of it.
"""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache

from .login import safe_next_url, to_allauth_login


class SuperuserAdminSite(admin.AdminSite):
    def has_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    @method_decorator(never_cache)
    def login(self, request, extra_context=None):
        index = reverse("admin:index", current_app=self.name)
        if not request.user.is_authenticated:
            return to_allauth_login(request, default_next=index)
        if self.has_permission(request):
            return redirect(safe_next_url(request, index))
        # Logged in but not a superuser: allauth would only send them back here.
        raise PermissionDenied
