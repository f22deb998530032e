"""Wagtail admin for partner offices and the cohorts they organize.

`CohortsViewSetGroup` is the "Joint training" menu that cohorts/wagtail_hooks.py
registers.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.model import ModelViewSetGroup

from .assessments import AssessmentViewSet
from .cohorts import (
    CohortAdminForm,
    CohortDeleteView,
    CohortEditView,
    CohortHistoryView,
    CohortIndexView,
    CohortInspectView,
    CohortUsageView,
    CohortViewSet,
    ScopedCohortMixin,
)
from .offices import OfficeApiTokenViewSet, OfficeMembershipViewSet, OfficeViewSet
from .sessions import SessionViewSet
from .surveys import SurveyViewSet

__all__ = [
    "AssessmentViewSet",
    "CohortAdminForm",
    "CohortDeleteView",
    "CohortEditView",
    "CohortHistoryView",
    "CohortIndexView",
    "CohortInspectView",
    "CohortUsageView",
    "CohortViewSet",
    "CohortsViewSetGroup",
    "OfficeApiTokenViewSet",
    "OfficeMembershipViewSet",
    "OfficeViewSet",
    "ScopedCohortMixin",
    "SessionViewSet",
    "SurveyViewSet",
]


class CohortsViewSetGroup(ModelViewSetGroup):
    menu_label = _("Joint training")
    menu_icon = "group"
    menu_order = 300
    items = (
        CohortViewSet,
        SessionViewSet,
        AssessmentViewSet,
        SurveyViewSet,
        OfficeViewSet,
        OfficeMembershipViewSet,
        OfficeApiTokenViewSet,
    )
