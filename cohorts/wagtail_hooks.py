from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.permissions import register_permission_policy

from accounts import roles
from cohorts.hub import DASHBOARD_HOOK, HUB_HOOK, HubAction, HubLink, HubSection
from cohorts.models import Assessment, Cohort, Session, Survey
from cohorts.permissions import CohortPermissionPolicy
from cohorts.selectors.scoping import office_ids_for_user
from cohorts.views.assessments_admin import policy as assessment_permission_policy
from cohorts.views.sessions_admin import policy as session_permission_policy
from cohorts.views.surveys_admin import policy as survey_permission_policy
from cohorts.viewsets import CohortsViewSetGroup

register_permission_policy(Cohort, CohortPermissionPolicy(Cohort))
register_permission_policy(Session, session_permission_policy)
register_permission_policy(Assessment, assessment_permission_policy)
register_permission_policy(Survey, survey_permission_policy)


@hooks.register("register_admin_viewset")
def register_cohorts_viewsets():
    return CohortsViewSetGroup()


class MyCohortsPanel(Component):
    """The dashboard's "My cohorts": each cohort's next actions, linking to the
    hub or the task. Five queries whatever the number of cohorts."""

    name = "my_cohorts"
    template_name = "cohorts/admin/my_cohorts_panel.html"
    order = 50

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context):
        from cohorts.selectors.hub import cohort_list_for_dashboard

        request = self.request
        cohorts = cohort_list_for_dashboard(request.user)
        extra: dict[int, list[HubAction]] = {}
        for fn in hooks.get_hooks(DASHBOARD_HOOK):
            for pk, actions in fn(request, cohorts).items():
                extra.setdefault(pk, []).extend(actions)
        rows = []
        for cohort in cohorts:
            hub = reverse("cohort_admin:hub", args=[cohort.pk])
            actions = [
                HubAction(
                    ngettext(
                        "%(n)s application to decide",
                        "%(n)s applications to decide",
                        cohort.n_to_decide,
                    )
                    % {"n": cohort.n_to_decide},
                    cohort.n_to_decide,
                    reverse("cohort_admin:applications", args=[cohort.pk]),
                ),
                HubAction(
                    ngettext(
                        "%(n)s session today",
                        "%(n)s sessions today",
                        cohort.n_sessions_today,
                    )
                    % {"n": cohort.n_sessions_today},
                    cohort.n_sessions_today,
                    hub,
                ),
                HubAction(
                    ngettext(
                        "%(n)s submission to grade",
                        "%(n)s submissions to grade",
                        cohort.n_to_grade,
                    )
                    % {"n": cohort.n_to_grade},
                    cohort.n_to_grade,
                    reverse("cohorts:gradebook", args=[cohort.slug]),
                ),
                *extra.get(cohort.pk, []),
            ]
            rows.append((cohort, hub, [a for a in actions if a.count]))
        return {"rows": rows, "cohorts_url": reverse("cohort_admin:index")}


def _works_on_cohorts(user) -> bool:
    # Coordinators, instructors and superusers; editors without a cohort role
    # get no empty panel.
    return (
        user.is_superuser
        or bool(office_ids_for_user(user))
        or user.groups.filter(name=roles.INSTRUCTORS).exists()
    )


@hooks.register("construct_homepage_panels")
def add_my_cohorts_panel(request, panels):
    if _works_on_cohorts(request.user):
        panels.append(MyCohortsPanel(request))


# ---- programme reports ----


@hooks.register("register_admin_urls")
def register_report_urls():
    from django.urls import path

    from cohorts.views import reports

    return [
        path("programme-reports/", reports.reports, name="cohort_reports"),
        path(
            "programme-reports/export.<str:fmt>",
            reports.reports_export,
            name="cohort_reports_export",
        ),
        path(
            "programme-reports/training-records.<str:fmt>",
            reports.office_training_records,
            name="cohort_training_records",
        ),
        path(
            "programme-reports/training-records/archives/",
            reports.office_training_records_archive_request,
            name="cohort_training_records_archive_request",
        ),
        path(
            "programme-reports/training-records/archives/<int:pk>/",
            reports.office_training_records_archive,
            name="cohort_training_records_archive",
        ),
        path(
            "programme-reports/training-records/archives/<int:pk>/download/",
            reports.office_training_records_archive_download,
            name="cohort_training_records_archive_download",
        ),
    ]


class ReportsMenuItem(MenuItem):
    def is_shown(self, request):
        from cohorts.selectors.reports import user_may_see_reports

        return user_may_see_reports(request.user)


@hooks.register("register_admin_menu_item")
def register_reports_menu_item():
    return ReportsMenuItem(
        _("Programme reports"),
        reverse("cohort_reports"),
        name="programme-reports",
        icon_name="table",
        order=310,
    )


@hooks.register(HUB_HOOK)
def reports_hub_section(request, cohort):
    from urllib.parse import urlencode

    from cohorts.selectors.reports import user_may_see_reports

    if not user_may_see_reports(request.user):
        return None
    query = urlencode({"course": cohort.course_id})
    return HubSection(
        heading=_("Programme reports"),
        links=[
            HubLink(
                _("Figures of this course's cohorts"),
                f"{reverse('cohort_reports')}?{query}",
            )
        ],
        order=900,
    )
