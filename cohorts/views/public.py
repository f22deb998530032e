"""Pages anyone may see (open cohorts) and the trainee's apply form."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cohorts.exceptions import (
    CohortStateError,
    DuplicateApplicationError,
    EnrolmentError,
)
from cohorts.forms import ApplicationForm
from cohorts.models import Enrolment
from cohorts.selectors.cohorts import (
    cohort_get_public,
    cohort_is_taking_applications,
    cohort_list_open,
    cohort_seats_by_office,
)
from cohorts.services.enrolments import enrolment_apply, enrolment_withdraw


def cohort_list(request):
    cohorts = [
        (cohort, cohort_seats_by_office(cohort)) for cohort in cohort_list_open()
    ]
    return render(request, "cohorts/cohort_list.html", {"cohorts": cohorts})


def cohort_detail(request, slug):
    cohort = cohort_get_public(slug=slug)
    own = None
    if request.user.is_authenticated:
        own = Enrolment.objects.filter(cohort=cohort, user=request.user).first()
    return render(
        request,
        "cohorts/cohort_detail.html",
        {
            "cohort": cohort,
            "seats": cohort_seats_by_office(cohort),
            "taking_applications": cohort_is_taking_applications(cohort),
            "own_enrolment": own,
        },
    )


@login_required
def cohort_apply(request, slug):
    cohort = cohort_get_public(slug=slug)
    detail_url = reverse("cohorts:detail", args=[cohort.slug])
    if not cohort_is_taking_applications(cohort):
        messages.error(request, _("This cohort is not taking applications."))
        return redirect(detail_url)
    if Enrolment.objects.filter(cohort=cohort, user=request.user).exists():
        messages.info(request, _("You have already applied to this cohort."))
        return redirect(detail_url)
    form = ApplicationForm(request.POST or None, cohort=cohort)
    if request.method == "POST" and form.is_valid():
        try:
            enrolment_apply(cohort=cohort, user=request.user, **form.cleaned_data)
        except DuplicateApplicationError as exc:
            messages.info(request, exc.message)
            return redirect(detail_url)
        except EnrolmentError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request,
                _(
                    "Your application has been sent. We have emailed you a receipt; "
                    "follow each decision on My learning."
                ),
            )
            return redirect("learning:home")
    return render(
        request, "cohorts/cohort_apply.html", {"cohort": cohort, "form": form}
    )


@login_required
@require_POST
def cohort_withdraw(request, slug):
    """The trainee withdraws their own application or place."""
    cohort = cohort_get_public(slug=slug)
    enrolment = get_object_or_404(Enrolment, cohort=cohort, user=request.user)
    try:
        enrolment_withdraw(enrolment=enrolment, by=request.user)
    except (EnrolmentError, CohortStateError) as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("You have withdrawn from %(cohort)s.") % {"cohort": cohort.title},
        )
    return redirect("learning:home")
