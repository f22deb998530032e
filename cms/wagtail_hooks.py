from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from training.audit import register_actions

from .audit_views import AuditLogView, can_view_audit_log


@hooks.register("register_log_actions")
def register_audit_actions(actions):
    register_actions(actions)


@hooks.register("register_admin_urls")
def register_audit_log_urls():
    return [
        path("reports/audit/", AuditLogView.as_view(), name="srip_audit_log"),
        path(
            "reports/audit/results/",
            AuditLogView.as_view(results_only=True),
            name="srip_audit_log_results",
        ),
    ]


class AuditLogMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_audit_log(request.user)


@hooks.register("register_reports_menu_item")
def register_audit_log_menu_item():
    return AuditLogMenuItem(
        _("Audit log"),
        reverse("srip_audit_log"),
        name="srip-audit-log",
        icon_name="history",
        order=1100,
    )
