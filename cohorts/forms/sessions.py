"""Admin forms for sessions; times are typed in the cohort's time zone."""

import datetime

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.widgets import AdminDateTimeInput

from accounts import roles
from cohorts.models import Cohort
from cohorts.selectors.scoping import cohort_list_for_coordinator, office_ids_for_user
from cohorts.services.sessions import MAX_SERIES

TIMES_HELP = _("In the cohort's time zone.")


def cohort_choices_for_scheduling(user):
    """Cohorts whose sessions `user` may schedule: those their office leads."""
    qs = cohort_list_for_coordinator(user)
    if user.is_superuser:
        return qs
    return qs.filter(lead_office_id__in=office_ids_for_user(user))


def instructor_choices(extra_ids=()):
    """People who may teach: the Instructors group, plus anyone already teaching."""
    return (
        get_user_model()
        .objects.filter(
            Q(groups__name=roles.INSTRUCTORS) | Q(pk__in=list(extra_ids)),
            is_active=True,
        )
        .distinct()
        .order_by("last_name", "first_name", "email")
    )


def in_zone(value: datetime.datetime | None, cohort: Cohort):
    """Read a typed time as wall-clock time in the cohort's zone.

    Form fields make typed times aware in the current (viewer's) zone; we keep
    the figures the user typed and attach the cohort's zone instead.
    """
    if value is None:
        return None
    return timezone.make_naive(value).replace(tzinfo=cohort.zone)


class SessionAdminForm(WagtailAdminModelForm):
    """One session; the cohort is fixed once the session exists."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        instance = self.instance
        if "cohort" in self.fields and for_user is not None:
            self.fields["cohort"].queryset = cohort_choices_for_scheduling(for_user)
            if instance.pk:
                self.fields["cohort"].disabled = True
        if "instructors" in self.fields:
            current = (
                instance.instructors.values_list("pk", flat=True) if instance.pk else ()
            )
            self.fields["instructors"].queryset = instructor_choices(current)
            self.fields["instructors"].widget = forms.CheckboxSelectMultiple()
            self.fields["instructors"].widget.choices = self.fields[
                "instructors"
            ].choices
        for name in ("starts_at", "ends_at"):
            if name in self.fields:
                self.fields[name].help_text = TIMES_HELP
                if instance.pk:
                    # Show the stored time as the cohort's wall-clock time.
                    local = getattr(instance, name).astimezone(instance.cohort.zone)
                    self.initial[name] = local.replace(tzinfo=None)

    def clean(self):
        cleaned = super().clean()
        cohort = cleaned.get("cohort") or getattr(self.instance, "cohort", None)
        if cohort is None:
            return cleaned
        for name in ("starts_at", "ends_at"):
            if cleaned.get(name) is not None:
                cleaned[name] = in_zone(cleaned[name], cohort)
                setattr(self.instance, name, cleaned[name])
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The session must end after it starts."))
        return cleaned

    def _post_clean(self):
        # The model's own check (ends after start) is reported by clean() above
        # on the right field; skip the duplicate message from validate_constraints.
        super()._post_clean()
        if "ends_at" in self.errors:
            self.errors.pop("__all__", None)


class SessionSeriesForm(forms.Form):
    """A weekly series: the first start, a duration and how many weeks."""

    cohort = forms.ModelChoiceField(queryset=Cohort.objects.none(), label=_("Cohort"))
    title = forms.CharField(
        label=_("Title"),
        max_length=240,
        help_text=_("Each session is numbered: “Title (1/4)”, “Title (2/4)”…"),
    )
    first_start = forms.DateTimeField(
        label=_("First session starts"), help_text=TIMES_HELP, widget=AdminDateTimeInput
    )
    duration = forms.IntegerField(
        label=_("Duration (minutes)"), min_value=1, max_value=24 * 60, initial=120
    )
    count = forms.IntegerField(
        label=_("Number of weekly sessions"),
        min_value=1,
        max_value=MAX_SERIES,
        initial=4,
    )
    instructors = forms.ModelMultipleChoiceField(
        label=_("Instructors"),
        queryset=get_user_model().objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    room = forms.CharField(label=_("Room"), max_length=255, required=False)
    online_url = forms.URLField(
        label=_("Online link"), required=False, assume_scheme="https"
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cohort"].queryset = cohort_choices_for_scheduling(user)
        self.fields["instructors"].queryset = instructor_choices()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("cohort") and cleaned.get("first_start"):
            cleaned["first_start"] = in_zone(cleaned["first_start"], cleaned["cohort"])
        return cleaned
