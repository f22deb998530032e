"""A cohort's hub in the Wagtail admin: its figures and a link to every task.

Links are shown only for what the user may do; each decision comes from the
same predicate the linked page uses, so the hub never offers a refused page.
"""

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import HeaderButton

from cohorts.hub import HUB_HOOK, HubLink
from cohorts.models import Cohort, Enrolment
from cohorts.selectors.assessments import user_can_author
from cohorts.selectors.attendance import user_coordinates_cohort
from cohorts.selectors.hub import cohort_figures, cohort_list_for_staff
from cohorts.selectors.scoping import user_leads_cohort
from cohorts.services.cohorts import CLOSED_STATUSES


def _session_links(user, cohort, session, *, coordinates: bool) -> list[HubLink]:
    # The roster and check-in screen admit the cohort's coordinators and the
    # session's own instructors (session_get_for_attendance).
    if not (coordinates or any(i.pk == user.pk for i in session.instructors.all())):
        return []
    args = [cohort.slug, session.pk]
    return [
        HubLink(_("Roster"), reverse("cohorts:session_roster", args=args)),
        HubLink(
            _("Check-in screen"), reverse("cohorts:session_checkin_code", args=args)
        ),
    ]


class CohortHubView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "cohorts/admin/hub.html"
    header_icon = "group"
    page_title = gettext_lazy("Cohort hub")

    def dispatch(self, request, *args, **kwargs):
        # 404 for cohorts the user does not work on, as every staff page does.
        self.cohort = get_object_or_404(
            cohort_list_for_staff(request.user), pk=kwargs["pk"]
        )
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.cohort.title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("cohort_admin:index"), "label": _("Cohorts")},
            {"url": "", "label": self.cohort.title},
        ]

    def get_header_buttons(self):
        buttons = [
            HeaderButton(
                _("Inspect"),
                url=reverse("cohort_admin:inspect", args=[self.cohort.pk]),
                icon_name="info-circle",
            )
        ]
        if self.leads:
            buttons.append(
                HeaderButton(
                    _("Edit"),
                    url=reverse("cohort_admin:edit", args=[self.cohort.pk]),
                    icon_name="edit",
                )
            )
        return buttons

    def get_context_data(self, **kwargs):
        user, cohort = self.request.user, self.cohort
        self.leads = user_leads_cohort(user, cohort)
        coordinates = user_coordinates_cohort(user, cohort)
        authors = user_can_author(user, cohort)
        now = timezone.now()
        figures = cohort_figures(cohort, user, now=now)
        context = super().get_context_data(**kwargs)
        slug, pk = cohort.slug, cohort.pk
        sessions_admin = reverse("session_admin:index") + f"?cohort={pk}"
        context.update(
            cohort=cohort,
            figures=figures,
            now=now,
            leads=self.leads,
            coordinates=coordinates,
            statuses=Enrolment.Status.choices,
            office_rows=[
                (o, [o.by_status.get(v, 0) for v, _label in Enrolment.Status.choices])
                for o in figures.offices
            ],
            completion_rows=[
                (label, figures.completion.get(v, 0))
                for v, label in Enrolment.Completion.choices
            ],
            sessions=[
                (s, _session_links(user, cohort, s, coordinates=coordinates))
                for s in figures.sessions
            ],
            links={
                "applications": coordinates
                and reverse("cohort_admin:applications", args=[pk]),
                "roster_import": coordinates
                and reverse("cohort_admin:import", args=[pk]),
                "roster_csv": coordinates
                and reverse("cohort_admin:export_csv", args=[pk]),
                "sessions_admin": sessions_admin,
                "session_add": self.leads
                and reverse("session_admin:add") + f"?cohort={pk}",
                "session_series": self.leads
                and reverse("session_admin:series") + f"?cohort={pk}",
                "session_list": reverse("cohorts:session_list", args=[slug]),
                "attendance_csv": coordinates
                and reverse("cohorts:attendance_export", args=[slug, "csv"]),
                "gradebook": reverse("cohorts:gradebook", args=[slug]),
                "assessments_admin": reverse("assessment_admin:index")
                + f"?cohort={pk}",
                "quiz_add": authors
                and reverse("assessment_admin:add") + f"?cohort={pk}&kind=quiz",
                "assignment_add": authors
                and reverse("assessment_admin:add") + f"?cohort={pk}&kind=assignment",
                "grade_import": reverse("cohorts:grade_import", args=[slug]),
                "complete": self.leads
                and cohort.status not in CLOSED_STATUSES
                and reverse("cohorts:cohort_complete", args=[slug]),
                "reopen": self.leads
                and cohort.status == Cohort.Status.COMPLETED
                and reverse("cohorts:cohort_reopen", args=[slug]),
            },
            assessments=[
                (a, reverse("cohorts:assessment_grading", args=[slug, a.pk]))
                for a in figures.assessments
            ],
            sections=sorted(
                (
                    section
                    for fn in hooks.get_hooks(HUB_HOOK)
                    if (section := fn(self.request, cohort)) is not None
                ),
                key=lambda s: s.order,
            ),
        )
        return context
