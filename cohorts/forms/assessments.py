from decimal import Decimal

from django import forms
from django.core.validators import FileExtensionValidator, MaxValueValidator
from django.utils.translation import gettext_lazy as _

from cohorts.csv_import import validate_import_size
from cohorts.files import (
    ASSIGNMENT_EXTENSIONS,
    validate_document_content,
    validate_upload_size,
)
from cohorts.models import Question


class AssignmentUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Your file"),
        help_text=_("PDF, Word (.docx) or OpenDocument (.odt)."),
        validators=[
            FileExtensionValidator(ASSIGNMENT_EXTENSIONS),
            validate_upload_size,
            validate_document_content,
        ],
        widget=forms.ClearableFileInput(
            attrs={"accept": ".pdf,.docx,.odt,application/pdf"}
        ),
    )


class GradeForm(forms.Form):
    score = forms.DecimalField(
        label=_("Score"), min_value=0, max_digits=7, decimal_places=2
    )
    feedback = forms.CharField(
        label=_("Feedback"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def __init__(self, *args, max_score: Decimal, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["score"].max_value = max_score
        self.fields["score"].validators.append(MaxValueValidator(max_score))
        self.fields["score"].widget.attrs.update(max=max_score, step="0.01")
        self.fields["score"].help_text = _("Out of %(max)s.") % {
            "max": f"{Decimal(str(max_score)).normalize():f}"
        }


class ScoreOverrideForm(GradeForm):
    """A quiz attempt's new score and the reason for it (no feedback)."""

    feedback = None
    reason = forms.CharField(
        label=_("Reason for the change"),
        max_length=1000,
        help_text=_("Required. The trainee sees it with their result."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class GradeImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "UTF-8 CSV with the columns email, assessment, score, feedback. "
            "The assessment is the assignment's title."
        ),
        validators=[FileExtensionValidator(["csv"]), validate_import_size],
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )


class QuizAttemptForm(forms.Form):
    """One field per question, in the attempt's own order."""

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for number, question in enumerate(questions, start=1):
            label = _("Question %(n)s") % {"n": number}
            name = f"q{question.pk}"
            if question.kind == Question.Kind.SHORT_ANSWER:
                field = forms.CharField(label=label, required=False, max_length=255)
            else:
                choices = [(c.pk, c.text) for c in question.choices.all()]
                if question.kind == Question.Kind.MULTIPLE:
                    field = forms.MultipleChoiceField(
                        label=label,
                        choices=choices,
                        required=False,
                        widget=forms.CheckboxSelectMultiple,
                    )
                else:
                    field = forms.ChoiceField(
                        label=label,
                        choices=choices,
                        required=False,
                        widget=forms.RadioSelect,
                    )
            field.question = question
            self.fields[name] = field

    def review(self) -> list[dict]:
        """For the review page: each question with the answer as the trainee
        sees it (choice texts or the typed text); empty when not answered."""
        rows = []
        for field in self:
            value = self.cleaned_data.get(field.name)
            if field.field.question.kind == Question.Kind.SHORT_ANSWER:
                chosen = [value] if value else []
            else:
                picked = {
                    str(v) for v in ([value] if isinstance(value, str) else value or [])
                }
                chosen = [text for pk, text in field.field.choices if str(pk) in picked]
            rows.append({"field": field, "chosen": chosen})
        return rows

    def answers(self) -> dict:
        """Question id → chosen choice ids or typed text, for the submit service."""
        result = {}
        for question in self.questions:
            value = self.cleaned_data.get(f"q{question.pk}")
            if question.kind == Question.Kind.SHORT_ANSWER:
                result[question.pk] = value or ""
            elif question.kind == Question.Kind.MULTIPLE:
                result[question.pk] = [int(v) for v in value or []]
            else:
                result[question.pk] = [int(value)] if value else []
        return result
