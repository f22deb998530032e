from django import forms
from django.utils.translation import gettext_lazy as _

from cohorts.csv_import import validate_import_size
from cohorts.models import Office


class ApplicationForm(forms.Form):
    """A trainee's application: the nominating office and who they are at work."""

    office = forms.ModelChoiceField(
        label=_("Nominating office"),
        queryset=Office.objects.none(),
        empty_label=_("Choose the office that nominates you"),
        help_text=_("The partner office that will consider nominating you."),
    )
    employer = forms.CharField(label=_("Employer"), max_length=255)
    position = forms.CharField(label=_("Position"), max_length=255)
    motivation = forms.CharField(
        label=_("Motivation"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Why this training, and how you will use it (up to 4000 characters)."
        ),
    )

    def __init__(self, *args, cohort, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["office"].queryset = Office.objects.filter(
            participations__cohort=cohort
        ).order_by("name")


class RosterImportForm(forms.Form):
    """Upload of a CSV roster (email, office code, employer, position)."""

    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "UTF-8, with a header row: email, office, employer, position "
            "(office is the office's short code)."
        ),
        validators=[validate_import_size],
    )
