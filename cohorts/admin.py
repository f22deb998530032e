"""Read-only Django admin for submissions and the grade audit trail.

Quizzes and assignments are written in the Wagtail admin (AssessmentViewSet),
where instructors and coordinators work; this admin is for superusers.
Scoped like the gradebook: staff see only the cohorts they may grade.
"""

from django.contrib import admin
from django.db.models import Q

from cohorts.models import AssignmentSubmission, GradeChange
from cohorts.selectors.assessments import cohort_list_for_grader


class ScopedToGraderMixin:
    cohort_path = "cohort"

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if request.user.is_superuser:
            return qs
        cohorts = cohort_list_for_grader(request.user).values("pk")
        return qs.filter(**{f"{self.cohort_path}__in": cohorts})

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "cohort" and not request.user.is_superuser:
            kwargs["queryset"] = cohort_list_for_grader(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(AssignmentSubmission)
class AssignmentSubmissionAdmin(ScopedToGraderMixin, admin.ModelAdmin):
    """Read-only: files are downloaded and graded on the grading pages."""

    cohort_path = "assessment__cohort"
    list_display = ["enrolment", "assessment", "submitted_at", "late", "score"]
    list_filter = ["late"]
    readonly_fields = [f.name for f in AssignmentSubmission._meta.fields]
    exclude = ["file"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(GradeChange)
class GradeChangeAdmin(ScopedToGraderMixin, admin.ModelAdmin):
    list_display = [
        "__str__",
        "old_score",
        "new_score",
        "source",
        "reason",
        "changed_by",
    ]
    list_filter = ["source"]

    def get_queryset(self, request):
        qs = admin.ModelAdmin.get_queryset(self, request)
        if request.user.is_superuser:
            return qs
        cohorts = cohort_list_for_grader(request.user).values("pk")
        return qs.filter(
            Q(submission__assessment__cohort__in=cohorts)
            | Q(attempt__assessment__cohort__in=cohorts)
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
