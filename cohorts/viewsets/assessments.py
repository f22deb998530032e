"""Quizzes and assignments in the Wagtail admin."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from cohorts.models import Assessment
from cohorts.views import assessments_admin

from .base import ScopedModelViewSet


class AssessmentViewSet(ScopedModelViewSet):
    """Quizzes and assignments: the cohort's graders see them; the lead office
    and the cohort's instructors write them, a quiz on one screen."""

    model = Assessment
    # No copy view: "Create a new version" copies the questions too.
    views = assessments_admin
    name = "assessment_admin"
    url_prefix = "assessments"
    icon = "form"
    menu_label = _("Assessments")
    list_display = ["title", "cohort", "kind", "status", "due_at"]
    search_fields = ["title"]
    ordering = ["due_at"]
    inspect_view_fields = [
        "cohort",
        "title",
        "kind",
        "status",
        "due_at",
        "weight",
        "max_score",
        "required",
        "attempt_limit",
        "time_limit_minutes",
        "instructions",
    ]
    edit_handler = assessments_admin.builder_panel

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path(
                "preview/<int:pk>/",
                assessments_admin.AssessmentPreviewView.as_view(),
                name="preview",
            ),
            path(
                "new-version/<int:pk>/",
                assessments_admin.AssessmentNewVersionView.as_view(),
                name="new_version",
            ),
            path(
                "import/<int:pk>/",
                assessments_admin.QuestionImportView.as_view(),
                name="import",
            ),
        ]
