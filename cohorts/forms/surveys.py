"""The survey form a trainee answers: one field per question."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cohorts.models import SurveyQuestion

RATING_CHOICES = [
    (1, _("1 – poor")),
    (2, "2"),
    (3, "3"),
    (4, "4"),
    (5, _("5 – excellent")),
]


class SurveyForm(forms.Form):
    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        for question in questions:
            if question.kind == SurveyQuestion.Kind.RATING:
                field = forms.TypedChoiceField(
                    choices=RATING_CHOICES, coerce=int, widget=forms.RadioSelect
                )
            elif question.kind == SurveyQuestion.Kind.CHOICE:
                field = forms.TypedChoiceField(
                    choices=list(enumerate(question.option_list, start=1)),
                    coerce=int,
                    widget=forms.RadioSelect,
                )
            else:
                field = forms.CharField(
                    max_length=2000,
                    required=False,
                    widget=forms.Textarea(attrs={"rows": 4}),
                )
            field.label = question.text
            field.question = question
            self.fields[f"q{question.pk}"] = field

    def answers(self) -> dict:
        """{question id: value} for the service."""
        return {
            field.question.pk: self.cleaned_data.get(name)
            for name, field in self.fields.items()
        }
