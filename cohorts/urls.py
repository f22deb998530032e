from django.urls import path

from cohorts.views import assessments

app_name = "cohorts"
urlpatterns: list = []

# ---- assessments, gradebook and completion ----

urlpatterns += [
    path(
        "manage/<slug:cohort_slug>/gradebook/",
        assessments.gradebook,
        name="gradebook",
    ),
    path(
        "manage/<slug:cohort_slug>/gradebook.<str:fmt>",
        assessments.gradebook_export,
        name="gradebook_export",
    ),
    path(
        "manage/<slug:cohort_slug>/grades/import/",
        assessments.grade_import_view,
        name="grade_import",
    ),
    path(
        "manage/<slug:cohort_slug>/complete/",
        assessments.cohort_complete_view,
        name="cohort_complete",
    ),
    path(
        "manage/<slug:cohort_slug>/assessments/<int:pk>/",
        assessments.assessment_grading,
        name="assessment_grading",
    ),
    path(
        "manage/<slug:cohort_slug>/submissions/<int:pk>/grade/",
        assessments.submission_grade,
        name="submission_grade",
    ),
    path(
        "submissions/<int:pk>/download/",
        assessments.submission_download,
        name="submission_download",
    ),
    path(
        "<slug:cohort_slug>/assessments/",
        assessments.assessment_list,
        name="assessment_list",
    ),
    path(
        "<slug:cohort_slug>/assessments/<int:pk>/",
        assessments.assessment_detail,
        name="assessment_detail",
    ),
    path(
        "<slug:cohort_slug>/assessments/<int:pk>/start/",
        assessments.quiz_start,
        name="quiz_start",
    ),
    path(
        "<slug:cohort_slug>/attempts/<int:pk>/",
        assessments.quiz_attempt,
        name="quiz_attempt",
    ),
]
