"""Pages anyone may see (open cohorts) and the trainee's apply form."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

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
from cohorts.selectors.surveys import survey_list_due
from cohorts.services.enrolments import (
    ACTIVE,
    enrolment_apply,
    enrolment_withdraw,
    enrolment_withdraw_undo,
    enrolment_withdrawal_undoable,
)

# The status a trainee held before their latest withdrawal, kept in their session
# so that they, and only right after, can undo it: {"enrolment": pk, "status": …}.
UNDO_SESSION_KEY = "withdrawal_undo"


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
            "surveys_due": (
                survey_list_due(user=request.user, cohort=cohort) if own else []
            ),
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


def _undo_status(request, enrolment) -> str | None:
    undo = request.session.get(UNDO_SESSION_KEY) or {}
    return undo.get("status") if undo.get("enrolment") == enrolment.pk else None


@login_required
@require_http_methods(["GET", "POST"])
def cohort_withdraw(request, slug):
    """The trainee withdraws their own application or place, in two steps.

    GET asks for confirmation and states what is lost; POST withdraws and comes
    back here, where the trainee may undo it while the cohort has not started.
    """
    cohort = cohort_get_public(slug=slug)
    enrolment = get_object_or_404(Enrolment, cohort=cohort, user=request.user)
    undoable = enrolment_withdrawal_undoable(cohort)
    if request.method == "POST":
        previous = enrolment.status
        try:
            enrolment_withdraw(enrolment=enrolment, by=request.user)
        except (EnrolmentError, CohortStateError) as exc:
            messages.error(request, exc.message)
            return redirect("learning:home")
        request.session[UNDO_SESSION_KEY] = {
            "enrolment": enrolment.pk,
            "status": previous,
        }
        return redirect("cohorts:withdraw", slug=cohort.slug)
    if enrolment.status in ACTIVE:
        template = "cohorts/withdraw/confirm.html"
    elif enrolment.status == Enrolment.Status.WITHDRAWN:
        template = "cohorts/withdraw/done.html"
        undoable = undoable and _undo_status(request, enrolment) is not None
    else:
        return redirect("learning:home")
    return render(
        request,
        template,
        {"cohort": cohort, "enrolment": enrolment, "undoable": undoable},
    )


@login_required
@require_POST
def cohort_withdraw_undo(request, slug):
    """The trainee takes back what they just withdrew from, if the seat is free."""
    cohort = cohort_get_public(slug=slug)
    enrolment = get_object_or_404(Enrolment, cohort=cohort, user=request.user)
    previous = _undo_status(request, enrolment)
    if previous is None:
        messages.error(request, _("There is no withdrawal to undo."))
        return redirect("learning:home")
    try:
        enrolment_withdraw_undo(
            enrolment=enrolment, by=request.user, previous_status=previous
        )
    except (EnrolmentError, CohortStateError) as exc:
        messages.error(request, exc.message)
        return redirect("cohorts:withdraw", slug=cohort.slug)
    request.session.pop(UNDO_SESSION_KEY, None)
    messages.success(
        request,
        _("Your withdrawal from %(cohort)s is undone.") % {"cohort": cohort.title},
    )
    return redirect("learning:home")
