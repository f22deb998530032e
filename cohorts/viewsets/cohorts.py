"""Cohorts in the Wagtail admin, scoped to the offices taking part in them."""

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import AdminPageChooser, HeaderButton

from cohorts.models import Cohort, Office
from cohorts.selectors.scoping import (
    cohort_list_for_coordinator,
    office_ids_for_user,
    user_leads_cohort,
)
from cohorts.services.cohorts import cohort_status_choices, cohort_status_validate
from cohorts.views import admin as admin_views
from cohorts.views import hub as hub_views


class CohortAdminForm(WagtailAdminModelForm):
    """Coordinators may only make their own offices lead a cohort; the status
    offered follows the cohort's state (completing and reopening have their
    own confirmed actions)."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if for_user is not None and not for_user.is_superuser:
            field = self.fields.get("lead_office")
            if field is not None:
                field.queryset = Office.objects.filter(
                    pk__in=office_ids_for_user(for_user)
                )
        status = self.fields.get("status")
        if status is not None:
            status.choices = cohort_status_choices(self._stored_cohort())

    def _stored_cohort(self) -> Cohort:
        # The status as stored, not as the bound form would change it.
        if self.instance.pk:
            return Cohort.objects.get(pk=self.instance.pk)
        return self.instance

    def clean_status(self):
        status = self.cleaned_data["status"]
        cohort_status_validate(self._stored_cohort(), status)
        return status


class LocalizedPageChooser(AdminPageChooser):
    """A page chooser that names the chosen page by its translation in the
    admin's language (the user's), when a published one exists."""

    def get_display_title(self, instance):
        return instance.localized.get_admin_display_title()


class ScopedCohortMixin:
    """Look cohorts up among those the user's offices take part in: else 404."""

    def get_base_object_queryset(self):
        return cohort_list_for_coordinator(self.request.user)

    def get_object(self, queryset=None):
        from django.shortcuts import get_object_or_404

        pk = self.kwargs.get(getattr(self, "pk_url_kwarg", "pk"))
        return get_object_or_404(
            cohort_list_for_coordinator(self.request.user), pk=unquote(str(pk))
        )


class CohortIndexView(generic.IndexView):
    def get_base_queryset(self):
        return cohort_list_for_coordinator(self.request.user)

    def get_list_more_buttons(self, instance):
        buttons = list(super().get_list_more_buttons(instance))
        buttons.insert(
            0,
            MenuItem(
                _("Open hub"),
                url=reverse("cohort_admin:hub", args=[instance.pk]),
                icon_name="home",
                priority=0,
            ),
        )
        buttons.insert(
            1,
            MenuItem(
                _("Applications"),
                url=reverse("cohort_admin:applications", args=[instance.pk]),
                icon_name="group",
                priority=1,
            ),
        )
        return buttons


def _hub_button(cohort):
    return HeaderButton(
        _("Open hub"),
        url=reverse("cohort_admin:hub", args=[cohort.pk]),
        icon_name="home",
    )


class CohortEditView(ScopedCohortMixin, generic.EditView):
    def get_object(self, queryset=None):
        cohort = super().get_object(queryset)
        if not user_leads_cohort(self.request.user, cohort):
            raise PermissionDenied
        return cohort

    @property
    def header_buttons(self):
        return [
            _hub_button(self.object),
            HeaderButton(
                _("Applications"),
                url=reverse("cohort_admin:applications", args=[self.object.pk]),
                icon_name="group",
            ),
        ]


class CohortDeleteView(ScopedCohortMixin, generic.DeleteView):
    pass


class CohortInspectView(ScopedCohortMixin, generic.InspectView):
    @property
    def header_buttons(self):
        return [_hub_button(self.object)]


class CohortHistoryView(ScopedCohortMixin, generic.history.HistoryView):
    pass


class CohortUsageView(ScopedCohortMixin, generic.usage.UsageView):
    pass


class CohortViewSet(ModelViewSet):
    model = Cohort
    name = "cohort_admin"
    url_prefix = "cohorts"
    icon = "group"
    menu_label = _("Cohorts")
    index_view_class = CohortIndexView
    edit_view_class = CohortEditView
    delete_view_class = CohortDeleteView
    inspect_view_class = CohortInspectView
    history_view_class = CohortHistoryView
    usage_view_class = CohortUsageView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = [
        "title",
        Column("lead_office", label=_("Lead office")),
        "start_date",
        "status",
        "capacity",
    ]
    list_filter = ["status", "delivery_mode"]
    search_fields = ["title", "slug"]
    ordering = ["-start_date"]
    inspect_view_fields = [
        "title",
        "course",
        "lead_office",
        "start_date",
        "end_date",
        "status",
        "capacity",
        "delivery_mode",
        "location",
        "time_zone",
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldPanel(
                        "course",
                        widget=LocalizedPageChooser(
                            target_models=["courses.CoursePage"]
                        ),
                    ),
                    FieldPanel("title"),
                    FieldPanel("slug"),
                    FieldPanel("lead_office"),
                    FieldPanel("status"),
                    FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
                    FieldRowPanel(
                        [
                            FieldPanel("applications_open_at"),
                            FieldPanel("applications_close_at"),
                        ]
                    ),
                    FieldRowPanel([FieldPanel("time_zone"), FieldPanel("language")]),
                    FieldRowPanel(
                        [FieldPanel("delivery_mode"), FieldPanel("location")]
                    ),
                    FieldPanel("capacity"),
                ],
                heading=_("Cohort"),
            ),
            ObjectList(
                [
                    InlinePanel(
                        "participations",
                        heading=_("Participating offices and seat quotas"),
                        label=_("Office"),
                        panels=[FieldPanel("office"), FieldPanel("seat_quota")],
                        min_num=1,
                    )
                ],
                heading=_("Offices and quotas"),
            ),
            ObjectList(
                [
                    MultiFieldPanel(
                        [
                            FieldPanel("min_attendance_percent"),
                            FieldPanel("excused_counts_as_attended"),
                            FieldPanel("min_final_score"),
                            FieldPanel("require_required_assessments"),
                            FieldPanel("contact_hours"),
                            FieldPanel("certificate_validity_months"),
                        ],
                        heading=_("Completion rules"),
                    )
                ],
                heading=_("Completion"),
            ),
        ],
        base_form_class=CohortAdminForm,
    )

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("hub/<int:pk>/", hub_views.CohortHubView.as_view(), name="hub"),
            path(
                "applications/<int:pk>/",
                admin_views.applications,
                name="applications",
            ),
            path(
                "applications/<int:pk>/undo/<int:enrolment_pk>/",
                admin_views.decision_undo,
                name="decision_undo",
            ),
            path(
                "applications/<int:pk>/export.csv",
                admin_views.roster_export_csv,
                name="export_csv",
            ),
            path(
                "applications/<int:pk>/export.xlsx",
                admin_views.roster_export_xlsx,
                name="export_xlsx",
            ),
            path(
                "applications/<int:pk>/import/",
                admin_views.roster_import_view,
                name="import",
            ),
        ]
