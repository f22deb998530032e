"""Authoring quizzes and assignments (Django admin: questions nest choices).

Scoped like the gradebook: staff see only the cohorts they may grade.
"""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from cohorts.models import (
    AcceptedAnswer,
    Assessment,
    AssignmentSubmission,
    Choice,
    GradeChange,
    Question,
)
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


class QuestionInline(admin.TabularInline):
    model = Question
    fields = ["order", "kind", "text", "points"]
    extra = 0
    show_change_link = True


@admin.register(Assessment)
class AssessmentAdmin(ScopedToGraderMixin, admin.ModelAdmin):
    list_display = ["title", "cohort", "kind", "weight", "max_score", "due_at"]
    list_filter = ["kind", "required"]
    search_fields = ["title", "cohort__title"]
    inlines = [QuestionInline]


class ChoiceFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        kind = self.instance.kind
        rows = [
            f.cleaned_data
            for f in self.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]
        correct = sum(1 for row in rows if row.get("correct"))
        if kind == Question.Kind.SHORT_ANSWER:
            if rows:
                raise forms.ValidationError(
                    _("Short-answer questions use accepted answers, not choices.")
                )
            return
        if kind == Question.Kind.TRUE_FALSE and len(rows) != 2:
            raise forms.ValidationError(_("True/false questions have two choices."))
        if kind == Question.Kind.MULTIPLE and correct < 1:
            raise forms.ValidationError(_("Mark at least one choice correct."))
        if kind != Question.Kind.MULTIPLE and correct != 1:
            raise forms.ValidationError(_("Mark exactly one choice correct."))


class ChoiceInline(admin.TabularInline):
    model = Choice
    formset = ChoiceFormSet
    extra = 2


class AcceptedAnswerInline(admin.TabularInline):
    model = AcceptedAnswer
    extra = 1


@admin.register(Question)
class QuestionAdmin(ScopedToGraderMixin, admin.ModelAdmin):
    cohort_path = "assessment__cohort"
    list_display = ["text", "assessment", "kind", "points", "order"]
    inlines = [ChoiceInline, AcceptedAnswerInline]


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
    cohort_path = "submission__assessment__cohort"
    list_display = ["submission", "old_score", "new_score", "source", "changed_by"]
    list_filter = ["source"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
