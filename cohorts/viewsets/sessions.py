"""The sessions of a cohort in the Wagtail admin."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList

from cohorts.forms.sessions import SessionAdminForm
from cohorts.models import Session
from cohorts.views import sessions_admin

from .base import ScopedModelViewSet


class SessionViewSet(ScopedModelViewSet):
    """A cohort's sessions: its staff see them, the lead office schedules them."""

    model = Session
    views = sessions_admin
    name = "session_admin"
    url_prefix = "sessions"
    icon = "date"
    menu_label = _("Sessions")
    list_display = ["title", "cohort", "starts_at", "room"]
    search_fields = ["title", "room"]
    ordering = ["starts_at"]
    inspect_view_fields = [
        "cohort",
        "title",
        "starts_at",
        "ends_at",
        "room",
        "online_url",
        "instructors",
    ]
    edit_handler = ObjectList(
        [
            FieldPanel("cohort"),
            FieldPanel("title"),
            FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
            FieldRowPanel([FieldPanel("room"), FieldPanel("online_url")]),
            FieldPanel("instructors"),
        ],
        base_form_class=SessionAdminForm,
    )

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path(
                "series/",
                sessions_admin.SessionSeriesView.as_view(),
                name="series",
            ),
        ]
