"""The trainee's surveys."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from cohorts.exceptions import SurveyError
from cohorts.forms.surveys import SurveyForm
from cohorts.models import Enrolment, SurveyReceipt
from cohorts.selectors.surveys import survey_get_due
from cohorts.services.surveys import survey_submit


@login_required
def survey(request, cohort_slug: str, pk: int):
    """The form of the survey's open phase, for the cohort's admitted trainees
    only (404 for anyone else); answered or closed, back to My learning with
    a message."""
    enrolment = Enrolment.objects.filter(
        user=request.user, cohort__slug=cohort_slug, status=Enrolment.Status.ADMITTED
    ).first()
    if enrolment is None or not enrolment.cohort.surveys.filter(pk=pk).exists():
        raise Http404
    due = survey_get_due(user=request.user, survey_pk=pk)
    if due is None:
        if SurveyReceipt.objects.filter(survey_id=pk, enrolment=enrolment).exists():
            messages.info(
                request, _("You have already answered this survey. Thank you.")
            )
        else:
            messages.error(request, _("This survey is not open."))
        return redirect("learning:home")
    survey = due.survey
    questions = list(survey.questions.all())
    form = SurveyForm(request.POST or None, questions=questions)
    if request.method == "POST" and form.is_valid():
        try:
            survey_submit(user=request.user, survey=survey, answers=form.answers())
        except SurveyError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("Thank you: your answer was recorded anonymously.")
                if survey.anonymous
                else _("Thank you: your answer was recorded."),
            )
        return redirect("learning:home")
    return render(
        request,
        "cohorts/surveys/form.html",
        {"cohort": survey.cohort, "survey": survey, "phase": due.phase, "form": form},
        status=400 if form.is_bound else 200,
    )
