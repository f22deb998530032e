"""The end-of-cohort evaluation a trainee answers."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cohorts.selectors.evaluations import EVALUATION_QUESTIONS

RATING_CHOICES = [
    (1, _("1 – poor")),
    (2, "2"),
    (3, "3"),
    (4, "4"),
    (5, _("5 – excellent")),
]


class EvaluationForm(forms.Form):
    comment = forms.CharField(
        label=_("Anything else you would like to tell us? (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, label in reversed(EVALUATION_QUESTIONS.items()):
            self.fields = {
                name: forms.TypedChoiceField(
                    label=label,
                    choices=RATING_CHOICES,
                    coerce=int,
                    widget=forms.RadioSelect,
                ),
                **self.fields,
            }
