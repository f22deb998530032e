"""The programme reports' filters."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cohorts.models import Office
from cohorts.selectors.reports import ReportFilters
from courses.models import CoursePage, IPArea


class ReportFilterForm(forms.Form):
    start = forms.DateField(
        label=_("Cohorts starting from"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    end = forms.DateField(
        label=_("Cohorts starting until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    course = forms.ModelChoiceField(
        label=_("Course"), queryset=CoursePage.objects.none(), required=False
    )
    ip_area = forms.ModelChoiceField(
        label=_("IP area"), queryset=IPArea.objects.all(), required=False
    )
    country = forms.ChoiceField(label=_("Country or region"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = CoursePage.objects.order_by("title")
        countries = Office.objects.order_by("country").values_list("country", flat=True)
        self.fields["country"].choices = [("", _("All"))] + [
            (c, c) for c in dict.fromkeys(countries)
        ]

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            raise forms.ValidationError(_("The period ends before it starts."))
        return data

    def filters(self) -> ReportFilters:
        data = self.cleaned_data
        return ReportFilters(
            start=data.get("start"),
            end=data.get("end"),
            course_id=data["course"].pk if data.get("course") else None,
            ip_area_id=data["ip_area"].pk if data.get("ip_area") else None,
            country=data.get("country") or "",
        )
