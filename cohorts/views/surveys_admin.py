"""Surveys in the Wagtail admin: the cohort's coordinators write them, with
their questions on one screen; other offices' surveys are not found (404).

Views parse forms and call `cohorts.services.surveys.survey_save`, which
checks the user's offices again.
"""

import django_filters
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
)
from wagtail.admin.views import generic

from cohorts.forms.surveys_admin import SurveyAdminForm
from cohorts.models import Survey
from cohorts.permissions import SurveyPermissionPolicy
from cohorts.selectors.scoping import cohort_list_for_coordinator
from cohorts.selectors.surveys import survey_comments, survey_list_for_coordinator
from cohorts.services.surveys import survey_save
from cohorts.views.admin_forms import ServiceSaveMixin

policy = SurveyPermissionPolicy(Survey)

builder_panel = ObjectList(
    [
        FieldRowPanel([FieldPanel("cohort"), FieldPanel("kind")]),
        FieldPanel("title"),
        FieldPanel("anonymous"),
        FieldRowPanel(
            [
                FieldPanel("opens_on"),
                FieldPanel("post_opens_on"),
                FieldPanel("closes_on"),
            ]
        ),
        MultiFieldPanel(
            [
                InlinePanel(
                    "questions",
                    label=gettext_lazy("Question"),
                    min_num=1,
                    panels=[
                        FieldRowPanel(
                            [FieldPanel("kind"), FieldPanel("correct_option")]
                        ),
                        FieldPanel("text"),
                        FieldPanel("options"),
                    ],
                )
            ],
            heading=gettext_lazy("Questions"),
        ),
    ],
    base_form_class=SurveyAdminForm,
)


class SurveyFilterSet(WagtailFilterSet):
    cohort = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Cohort"),
        # Only the user's own cohorts: the filter must not list the others.
        queryset=lambda request: cohort_list_for_coordinator(request.user),
    )

    class Meta:
        model = Survey
        fields = ["cohort", "kind"]


class SurveyIndexView(generic.IndexView):
    def get_base_queryset(self):
        return survey_list_for_coordinator(self.request.user)


class ScopedSurveyMixin:
    """Look surveys up among those of the user's offices' cohorts: else 404."""

    def get_object(self, queryset=None):
        pk = self.kwargs.get(getattr(self, "pk_url_kwarg", "pk"))
        return get_object_or_404(
            survey_list_for_coordinator(self.request.user), pk=unquote(str(pk))
        )


class SaveWithServiceMixin(ServiceSaveMixin):
    def save_with_service(self, instance, *, by):
        return survey_save(survey=instance, by=by)


class SurveyCreateView(SaveWithServiceMixin, generic.CreateView):
    pass


class SurveyEditView(SaveWithServiceMixin, ScopedSurveyMixin, generic.EditView):
    pass


class SurveyDeleteView(ScopedSurveyMixin, generic.DeleteView):
    def _refused(self):
        if not self.object.responses.exists():
            return None
        messages.error(
            self.request,
            _("Trainees have already answered “%(title)s”, so it cannot be deleted.")
            % {"title": self.object.title},
        )
        return redirect(reverse("survey_admin:index"))

    def get(self, request, *args, **kwargs):
        return self._refused() or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return self._refused() or super().post(request, *args, **kwargs)


class SurveyInspectView(ScopedSurveyMixin, generic.InspectView):
    template_name = "cohorts/admin/survey_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["comments"] = survey_comments(self.object)
        return context


class SurveyHistoryView(ScopedSurveyMixin, generic.history.HistoryView):
    pass


class SurveyUsageView(ScopedSurveyMixin, generic.usage.UsageView):
    pass
