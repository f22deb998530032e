from django.urls import path

from cohorts.views import (
    assessments,
    attendance,
    completion,
    grading,
    public,
    reports,
    surveys,
)

app_name = "cohorts"
urlpatterns: list = []

# ---- sessions and attendance ----
urlpatterns += [
    path("check-in/", attendance.check_in, name="check_in"),
    path("calendar/", attendance.my_calendar, name="my_calendar"),
    path(
        "my/training-record.csv",
        reports.my_training_record,
        name="my_training_record",
    ),
    path(
        "my/training-record.pdf",
        reports.my_training_record_pdf,
        name="my_training_record_pdf",
    ),
    path("calendar/<str:token>.ics", attendance.calendar_feed, name="calendar_feed"),
    path(
        "manage/<slug:cohort_slug>/sessions/",
        attendance.session_list,
        name="session_list",
    ),
    path(
        "manage/<slug:cohort_slug>/sessions/calendar.ics",
        attendance.cohort_calendar,
        name="cohort_calendar",
    ),
    path(
        "manage/<slug:cohort_slug>/sessions/attendance.<str:fmt>",
        attendance.attendance_export,
        name="attendance_export",
    ),
    path(
        "manage/<slug:cohort_slug>/sessions/<int:session_id>/",
        attendance.session_roster,
        name="session_roster",
    ),
    path(
        "manage/<slug:cohort_slug>/sessions/<int:session_id>/history/",
        attendance.session_history,
        name="session_history",
    ),
    path(
        "manage/<slug:cohort_slug>/sessions/<int:session_id>/import/",
        attendance.session_import,
        name="session_import",
    ),
    path(
        "manage/<slug:cohort_slug>/sessions/<int:session_id>/check-in-code/",
        attendance.session_checkin_code,
        name="session_checkin_code",
    ),
]

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
        completion.cohort_complete_view,
        name="cohort_complete",
    ),
    path(
        "manage/<slug:cohort_slug>/reopen/",
        completion.cohort_reopen_view,
        name="cohort_reopen",
    ),
    path(
        "manage/<slug:cohort_slug>/assessments/<int:pk>/",
        grading.assessment_grading,
        name="assessment_grading",
    ),
    path(
        "manage/<slug:cohort_slug>/assessments/<int:pk>/next/",
        grading.grading_next,
        name="grading_next",
    ),
    path(
        "manage/<slug:cohort_slug>/submissions/<int:pk>/grade/",
        grading.submission_grade,
        name="submission_grade",
    ),
    path(
        "manage/<slug:cohort_slug>/attempts/<int:pk>/score/",
        grading.attempt_score,
        name="attempt_score",
    ),
    path(
        "submissions/<int:pk>/download/",
        assessments.submission_download,
        name="submission_download",
    ),
    path(
        "<slug:cohort_slug>/surveys/<int:pk>/",
        surveys.survey,
        name="survey",
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

# ---- public cohort pages (slug patterns last: they match any word) ----
urlpatterns += [
    path("", public.cohort_list, name="list"),
    path("<slug:slug>/", public.cohort_detail, name="detail"),
    path("<slug:slug>/apply/", public.cohort_apply, name="apply"),
    path("<slug:slug>/withdraw/", public.cohort_withdraw, name="withdraw"),
    path(
        "<slug:slug>/withdraw/undo/",
        public.cohort_withdraw_undo,
        name="withdraw_undo",
    ),
]
