"""The trainee's end-of-cohort evaluation."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from cohorts.exceptions import EvaluationError
from cohorts.forms.evaluations import EvaluationForm
from cohorts.models import Enrolment
from cohorts.selectors.evaluations import (
    evaluation_closes_on,
    evaluation_has_answered,
    evaluation_is_open,
)
from cohorts.services.evaluations import evaluation_submit


@login_required
def evaluation(request, cohort_slug: str):
    """The form, for the cohort's admitted trainees only (404 for anyone
    else); answered or closed, back to My learning with a message."""
    enrolment = (
        Enrolment.objects.filter(
            user=request.user,
            cohort__slug=cohort_slug,
            status=Enrolment.Status.ADMITTED,
        )
        .select_related("cohort")
        .first()
    )
    if enrolment is None:
        raise Http404
    cohort = enrolment.cohort
    if evaluation_has_answered(enrolment):
        messages.info(
            request, _("You have already answered this evaluation. Thank you.")
        )
        return redirect("learning:home")
    if not evaluation_is_open(cohort):
        messages.error(request, _("This evaluation is not open."))
        return redirect("learning:home")
    form = EvaluationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            evaluation_submit(user=request.user, cohort=cohort, **form.cleaned_data)
        except EvaluationError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request, _("Thank you: your answer was recorded anonymously.")
            )
        return redirect("learning:home")
    return render(
        request,
        "cohorts/evaluation/form.html",
        {"cohort": cohort, "form": form, "closes_on": evaluation_closes_on(cohort)},
        status=400 if form.is_bound else 200,
    )
