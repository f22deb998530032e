"""Forms of the quiz builder: the assessment with its nested questions, and the
question import. The rules for a question's choices live in question_rules."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from modelcluster.forms import BaseChildFormSet
from wagtail.admin.forms import WagtailAdminModelForm

from cohorts.question_rules import accepted_answer_errors, choice_errors
from cohorts.selectors.assessments import cohort_list_for_author


class AssessmentAdminForm(WagtailAdminModelForm):
    """Authors pick only the cohorts they write for."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        field = self.fields.get("cohort")
        if field is not None and for_user is not None:
            field.queryset = cohort_list_for_author(for_user)


class QuestionForm(WagtailAdminModelForm):
    """A question with its nested choices and accepted answers."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # modelcluster gives the nested formsets of a new question a blank
        # question of their own; share ours so that their checks see the kind
        # chosen on this submission.
        for formset in self.formsets.values():
            formset.instance = self.instance


def _kept_rows(formset) -> list[dict]:
    return [
        form.cleaned_data
        for form in formset.forms
        if form.cleaned_data and not formset._should_delete_form(form)
    ]


class ChoiceFormSet(BaseChildFormSet):
    """A question's choices, checked against the question's kind as submitted."""

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        # The question form has already been cleaned, so its instance has the
        # kind chosen on this submission.
        correct = [bool(row.get("correct")) for row in _kept_rows(self)]
        if errors := choice_errors(self.instance.kind, correct):
            raise ValidationError(errors)


class AcceptedAnswerFormSet(BaseChildFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        n = len(_kept_rows(self))
        if errors := accepted_answer_errors(self.instance.kind, n):
            raise ValidationError(errors)


class QuestionImportForm(forms.Form):
    text = forms.CharField(
        label=_("Questions in the Aiken format"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 16, "dir": "auto"}),
        help_text=_(
            "One question per block: the question, choices lettered A. B. C., "
            "then a line “ANSWER: B”. Leave a blank line between questions."
        ),
    )
    file = forms.FileField(
        label=_("Or a text file"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".txt,text/plain"}),
    )

    MAX_BYTES = 512 * 1024

    def clean(self):
        data = super().clean()
        upload = data.get("file")
        if upload:
            if upload.size > self.MAX_BYTES:
                raise ValidationError(_("The file is larger than 512 KB."))
            try:
                data["text"] = upload.read().decode("utf-8-sig")
            except UnicodeDecodeError:
                raise ValidationError(
                    _("The file is not UTF-8 text. Save it as UTF-8.")
                ) from None
        if not (data.get("text") or "").strip():
            raise ValidationError(_("Paste the questions or choose a file."))
        return data
