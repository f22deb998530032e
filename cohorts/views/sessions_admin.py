"""Sessions in the Wagtail admin: list, add, edit, delete and a weekly series.

Views parse the form and call `cohorts.services.sessions`; who may see a
session is its cohort's staff (SessionPermissionPolicy), who may change it is
the lead office (checked again in the service).
"""

import datetime
from urllib.parse import urlencode

import django_filters
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import HeaderButton
from wagtail.admin.widgets.button import MenuItem

from cohorts.exceptions import SessionError
from cohorts.forms.sessions import SessionSeriesForm
from cohorts.models import Session
from cohorts.permissions import SessionPermissionPolicy
from cohorts.selectors.hub import cohort_list_for_staff
from cohorts.selectors.scoping import cohort_list_for_coordinator
from cohorts.services.sessions import (
    session_create,
    session_delete,
    session_outside_cohort_dates,
    session_series_create,
    session_update,
)
from training.dates import format_day

policy = SessionPermissionPolicy(Session)


def _visible_sessions(user):
    return policy.instances_user_has_any_permission_for(user, ["view"]).select_related(
        "cohort", "cohort__lead_office"
    )


def _warn_if_outside_dates(request, cohort, sessions) -> None:
    outside = [
        s
        for s in sessions
        if session_outside_cohort_dates(cohort, s.starts_at, s.ends_at)
    ]
    if outside:
        messages.warning(
            request,
            _(
                "%(n)s session(s) fall outside the cohort's dates (%(start)s to "
                "%(end)s). Saved anyway: check that this is intended."
            )
            % {
                "n": len(outside),
                "start": format_day(cohort.start_date),
                "end": format_day(cohort.end_date),
            },
        )


class SessionFilterSet(WagtailFilterSet):
    cohort = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Cohort"),
        # Only the user's own cohorts: the filter must not list the others.
        queryset=lambda request: cohort_list_for_staff(request.user),
    )

    class Meta:
        model = Session
        fields = ["cohort"]


class ScopedSessionMixin:
    """Look sessions up among those the user may see: else 404."""

    def get_object(self, queryset=None):
        pk = self.kwargs.get(getattr(self, "pk_url_kwarg", "pk"))
        return get_object_or_404(
            _visible_sessions(self.request.user), pk=unquote(str(pk))
        )


class ChangeSessionMixin(ScopedSessionMixin):
    action = "change"

    def get_object(self, queryset=None):
        session = super().get_object(queryset)
        if not policy.user_has_permission_for_instance(
            self.request.user, self.action, session
        ):
            raise PermissionDenied
        return session


def _with_cohort(url: str, request) -> str:
    """`url` with the cohort being looked at (?cohort=<pk>), to fill in the form."""
    cohort = request.GET.get("cohort", "")
    return f"{url}?{urlencode({'cohort': cohort})}" if cohort.isdigit() else url


class SessionIndexView(generic.IndexView):
    def get_base_queryset(self):
        return _visible_sessions(self.request.user).prefetch_related("instructors")

    def get_add_url(self):
        url = super().get_add_url()
        return url and _with_cohort(url, self.request)

    @cached_property
    def header_buttons(self):
        """ "Add session", then "Add a weekly series", for the filtered cohort."""
        buttons = list(super().header_buttons)
        if self.add_url:
            buttons.append(
                HeaderButton(
                    _("Add a weekly series"),
                    url=_with_cohort(reverse("session_admin:series"), self.request),
                    icon_name="date",
                )
            )
        return buttons

    @cached_property
    def _coordinated_cohort_ids(self):
        return set(
            cohort_list_for_coordinator(self.request.user).values_list("pk", flat=True)
        )

    def get_list_more_buttons(self, instance):
        buttons = list(super().get_list_more_buttons(instance))
        cohort = instance.cohort
        buttons.append(
            MenuItem(
                _("Cohort hub"),
                url=reverse("cohort_admin:hub", args=[cohort.pk]),
                icon_name="group",
                priority=5,
            )
        )
        user = self.request.user
        teaches = any(i.pk == user.pk for i in instance.instructors.all())
        if teaches or cohort.pk in self._coordinated_cohort_ids:
            args = [cohort.slug, instance.pk]
            buttons += [
                MenuItem(
                    _("Roster"),
                    url=reverse("cohorts:session_roster", args=args),
                    icon_name="list-ul",
                    priority=6,
                ),
                MenuItem(
                    _("Check-in screen"),
                    url=reverse("cohorts:session_checkin_code", args=args),
                    icon_name="view",
                    priority=7,
                ),
            ]
        return buttons


def _form_data(form):
    data = form.cleaned_data
    return {
        "title": data["title"],
        "starts_at": data["starts_at"],
        "ends_at": data["ends_at"],
        "room": data.get("room", ""),
        "online_url": data.get("online_url", ""),
    }


class SaveSessionMixin:
    """Service refusals become form errors; a session outside the cohort's dates
    is saved with a warning."""

    def form_valid(self, form):
        try:
            response = super().form_valid(form)
        except (SessionError, ValidationError) as exc:
            form.add_error(None, getattr(exc, "message", None) or exc.messages)
            return self.form_invalid(form)
        _warn_if_outside_dates(self.request, self.object.cohort, [self.object])
        return response


class SessionCreateView(SaveSessionMixin, generic.CreateView):
    def get_initial(self):
        initial = super().get_initial()
        if self.request.GET.get("cohort", "").isdigit():
            initial["cohort"] = int(self.request.GET["cohort"])
        return initial

    def save_instance(self):
        data = self.form.cleaned_data
        return session_create(
            cohort=data["cohort"],
            by=self.request.user,
            instructors=data.get("instructors", []),
            **_form_data(self.form),
        )


class SessionEditView(SaveSessionMixin, ChangeSessionMixin, generic.EditView):
    def save_instance(self):
        return session_update(
            session=self.object,
            by=self.request.user,
            instructors=self.form.cleaned_data.get("instructors", []),
            **_form_data(self.form),
        )


class SessionDeleteView(ChangeSessionMixin, generic.DeleteView):
    action = "delete"

    def get(self, request, *args, **kwargs):
        if self.object.marks.exists():
            # Refuse before asking for confirmation: the answer would be no anyway.
            messages.error(
                request,
                _(
                    "“%(session)s” has attendance marks, so it cannot be deleted. "
                    "Change its date or title instead."
                )
                % {"session": self.object.title},
            )
            return redirect(self.get_success_url())
        return super().get(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            session_delete(session=self.object, by=self.request.user)
        except SessionError as exc:
            messages.error(self.request, exc.message)
            return redirect(self.get_success_url())
        messages.success(self.request, self.get_success_message())
        return redirect(self.get_success_url())


class SessionInspectView(ScopedSessionMixin, generic.InspectView):
    pass


class SessionHistoryView(ScopedSessionMixin, generic.history.HistoryView):
    pass


class SessionUsageView(ScopedSessionMixin, generic.usage.UsageView):
    pass


class SessionSeriesView(WagtailAdminTemplateMixin, FormView):
    """Schedule N weekly sessions in one go, all or nothing."""

    template_name = "cohorts/admin/session_series.html"
    form_class = SessionSeriesForm
    page_title = gettext_lazy("Add a weekly series")
    header_icon = "date"

    def dispatch(self, request, *args, **kwargs):
        if not policy.user_has_permission(request.user, "add"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_initial(self):
        initial = super().get_initial()
        if self.request.GET.get("cohort", "").isdigit():
            initial["cohort"] = int(self.request.GET["cohort"])
        return initial

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("session_admin:index"), "label": _("Sessions")},
            {"url": "", "label": self.page_title},
        ]

    def form_valid(self, form):
        data = form.cleaned_data
        cohort = data["cohort"]
        try:
            sessions = session_series_create(
                cohort=cohort,
                by=self.request.user,
                title=data["title"],
                first_start=data["first_start"],
                duration=datetime.timedelta(minutes=data["duration"]),
                count=data["count"],
                room=data["room"],
                online_url=data["online_url"],
                instructors=data["instructors"],
            )
        except (SessionError, ValidationError) as exc:
            form.add_error(None, getattr(exc, "message", None) or exc.messages)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("%(n)s weekly sessions added to %(cohort)s.")
            % {"n": len(sessions), "cohort": cohort.title},
        )
        _warn_if_outside_dates(self.request, cohort, sessions)
        return redirect(reverse("cohort_admin:hub", args=[cohort.pk]))
