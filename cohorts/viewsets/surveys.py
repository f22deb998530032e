"""Surveys in the Wagtail admin."""

from django.utils.translation import gettext_lazy as _

from cohorts.models import Survey
from cohorts.views import surveys_admin

from .base import ScopedModelViewSet


class SurveyViewSet(ScopedModelViewSet):
    """Surveys of a cohort, written by the coordinators of the offices that
    lead or co-organize it, questions inline."""

    model = Survey
    views = surveys_admin
    name = "survey_admin"
    url_prefix = "surveys"
    icon = "clipboard-list"
    menu_label = _("Surveys")
    list_display = ["title", "cohort", "kind", "opens_on", "closes_on"]
    search_fields = ["title"]
    ordering = ["closes_on"]
    inspect_view_fields = [
        "cohort", "title", "kind", "anonymous", "opens_on", "post_opens_on",
        "closes_on",
    ]  # fmt: skip
    edit_handler = surveys_admin.builder_panel
