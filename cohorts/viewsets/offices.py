"""Partner offices, their coordinators and their API tokens (platform admins)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.model import ModelViewSet

from cohorts.models import Office, OfficeApiToken, OfficeMembership
from cohorts.views import admin as admin_views


class OfficeViewSet(ModelViewSet):
    """Partner offices: platform admins only (model permissions)."""

    model = Office
    name = "offices"
    icon = "site"
    menu_label = _("Partner offices")
    list_display = ["name", "short_code", "country", "contact_email"]
    search_fields = ["name", "short_code", "country"]
    form_fields = [
        "name",
        "short_code",
        "country",
        "language",
        "logo",
        "contact_email",
        "website",
    ]
    copy_view_enabled = False


class OfficeMembershipViewSet(ModelViewSet):
    model = OfficeMembership
    name = "office_memberships"
    icon = "user"
    menu_label = _("Office coordinators")
    list_display = ["user", "office", "role", "title"]
    list_filter = ["office", "role"]
    form_fields = ["office", "user", "role", "title"]
    copy_view_enabled = False


class OfficeApiTokenViewSet(ModelViewSet):
    model = OfficeApiToken
    name = "office_api_tokens"
    icon = "key"
    menu_label = _("Office API tokens")
    list_display = [
        "office",
        "name",
        "prefix",
        "created_at",
        "last_used_at",
        "revoked_at",
    ]
    form_fields = ["office", "name", "revoked_at"]
    add_view_class = admin_views.OfficeApiTokenCreateView
    copy_view_enabled = False
