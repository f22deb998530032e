"""Admin report of the audit log, for platform admins."""

import django_filters
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import IntegerField, Value
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.views.reports.audit_logging import LogEntriesView
from wagtail.models import ModelLogEntry

from accounts.permissions import is_platform_admin
from training.audit import ACTIONS, PREFIX


def can_view_audit_log(user) -> bool:
    """Superusers and members of the platform admins group."""
    return is_platform_admin(user)


def _audit_users(request):
    ids = ModelLogEntry.objects.filter(action__startswith=PREFIX).values("user_id")
    return get_user_model().objects.filter(pk__in=ids).order_by("email")


class AuditLogFilterSet(WagtailFilterSet):
    action = django_filters.ChoiceFilter(
        label=_("Action"), choices=list(ACTIONS.items())
    )
    user = django_filters.ModelChoiceFilter(
        label=_("User"), field_name="user", queryset=_audit_users
    )
    timestamp = django_filters.DateFromToRangeFilter(
        label=_("Date"), widget=DateRangePickerWidget
    )

    class Meta:
        model = ModelLogEntry
        fields = ["action", "user", "timestamp"]


class AuditLogView(LogEntriesView):
    """Wagtail's site history, limited to our audit actions, for platform admins.

    Unlike site history, it does not require a permission on each model whose
    entries it lists: seeing the audit trail is the platform admin's job.
    """

    page_title = _("Audit log")
    header_icon = "history"
    filterset_class = AuditLogFilterSet
    index_url_name = "srip_audit_log"
    index_results_url_name = "srip_audit_log_results"

    def dispatch(self, request, *args, **kwargs):
        if not can_view_audit_log(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_filename(self):
        return super().get_filename().replace("audit-log", "srip-audit-log")

    def get_filtered_queryset(self):
        self.log_models = [ModelLogEntry]
        queryset = (
            ModelLogEntry.objects.filter(action__startswith=PREFIX)
            .values("pk", "timestamp")
            .annotate(log_model_index=Value(0, output_field=IntegerField()))
        )
        return self.filter_queryset(queryset).order_by("-timestamp")
