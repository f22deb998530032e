from django import forms
from django.utils.translation import gettext_lazy as _

from cohorts.csv_import import validate_import_size
from cohorts.models import AttendanceMark


class RosterForm(forms.Form):
    """One radio group (and a note) per expected trainee; saved in one request.

    `office_ids`: offices whose nominees the user may mark (None: all). Other
    rows are rendered disabled, so the browser does not post them; a crafted
    post still reaches the service, which refuses it. `self.rows` holds
    (row, status field, note field, read-only).
    """

    def __init__(self, *args, rows, office_ids=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        for row in rows:
            if not row.expected:
                self.rows.append((row, None, None, False))
                continue
            pk = row.enrolment.pk
            readonly = office_ids is not None and row.enrolment.office_id not in (
                office_ids
            )
            status = forms.ChoiceField(
                label=str(row.enrolment.user),
                choices=AttendanceMark.Status.choices,
                widget=forms.RadioSelect,
                required=False,
                initial=row.mark.status if row.mark else None,
            )
            note = forms.CharField(
                label=_("Note"),
                max_length=500,
                required=False,
                initial=row.mark.note if row.mark else "",
            )
            if readonly:
                status.widget.attrs["disabled"] = True
                note.widget.attrs["disabled"] = True
            self.fields[f"status-{pk}"] = status
            self.fields[f"note-{pk}"] = note
            self.rows.append((row, self[f"status-{pk}"], self[f"note-{pk}"], readonly))

    def marks(self) -> dict[int, tuple[str, str]]:
        """enrolment id → (status, note) for every trainee given a status."""
        result = {}
        for row, status, _note, _readonly in self.rows:
            if status is None:
                continue
            pk = row.enrolment.pk
            value = self.cleaned_data.get(f"status-{pk}")
            if value:
                result[pk] = (value, self.cleaned_data.get(f"note-{pk}", ""))
        return result


class CheckInForm(forms.Form):
    code = forms.CharField(
        label=_("Check-in code"),
        max_length=12,
        help_text=_("The 6 digits shown on your instructor's screen."),
        widget=forms.TextInput(
            attrs={
                "inputmode": "numeric",
                "autocomplete": "one-time-code",
                "pattern": "[0-9 ]*",
                "autofocus": True,
            }
        ),
    )
    session = forms.IntegerField(required=False, widget=forms.HiddenInput)


class AttendanceImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "UTF-8 CSV with the columns email, status (present, late, excused, "
            "absent) and note. Nothing is saved if any row has an error."
        ),
        validators=[validate_import_size],
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )
