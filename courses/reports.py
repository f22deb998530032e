"""Admin report: knowledge base facts and jurisdictions due for review."""

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView

from courses.permissions import user_can_review_knowledge_base


class ReviewDueView(ReportView):
    """Facts not checked for 12 months and jurisdictions never reviewed."""

    page_title = _("Knowledge base: due for review")
    header_icon = "tasks"
    index_url_name = "courses_review_due"
    index_results_url_name = "courses_review_due_results"
    paginate_by = 100
    columns = [
        TitleColumn(
            "jurisdiction",
            label=_("Jurisdiction"),
            accessor="jurisdiction.title",
            get_url=lambda item: reverse(
                "wagtailadmin_pages:edit", args=(item.jurisdiction.pk,)
            ),
        ),
        Column("what", label=_("What to check")),
        Column("state", label=_("State")),
        DateColumn("checked_on", label=_("Source checked on")),
    ]
    list_export = ["jurisdiction.title", "what", "state", "checked_on"]
    export_headings = {
        "jurisdiction.title": _("Jurisdiction"),
        "what": _("What to check"),
        "state": _("State"),
        "checked_on": _("Source checked on"),
    }

    def dispatch(self, request, *args, **kwargs):
        if not user_can_review_knowledge_base(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        from courses.selectors import knowledge_base_review_due

        return knowledge_base_review_due()
