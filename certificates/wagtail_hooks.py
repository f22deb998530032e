from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import register_permission_policy

from .models import Certificate
from .viewsets import certificate_permission_policy, certificate_viewset

register_permission_policy(Certificate, certificate_permission_policy, exact_class=True)


@hooks.register("register_admin_viewset")
def register_certificate_viewset():
    return certificate_viewset


@hooks.register("register_admin_urls")
def register_office_key_urls():
    from .views import keys

    return [
        path("office-keys/", keys.office_keys, name="certificates_office_keys"),
        path(
            "office-keys/<slug:code>/",
            keys.office_key_register,
            name="certificates_office_key_register",
        ),
    ]


class OfficeKeysMenuItem(MenuItem):
    def is_shown(self, request):
        from .views.keys import can_manage_office_keys

        return can_manage_office_keys(request.user)


@hooks.register("register_settings_menu_item")
def register_office_keys_menu_item():
    return OfficeKeysMenuItem(
        _("Office signing keys"),
        reverse("certificates_office_keys"),
        name="office-signing-keys",
        icon_name="key",
        order=900,
    )
