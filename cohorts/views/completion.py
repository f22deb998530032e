"""Completing and reopening a cohort: lead-office coordinators, with confirmation."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from cohorts.exceptions import CohortStateError, EnrolmentError
from cohorts.selectors.assessments import cohort_get_for_grader, gradebook_for_cohort
from cohorts.selectors.scoping import user_leads_cohort
from cohorts.services.cohorts import CLOSED_STATUSES, cohort_reopen
from cohorts.services.completion import cohort_complete


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason for reopening"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        help_text=gettext_lazy("Recorded in the audit log."),
    )


def _lead_cohort(request, cohort_slug):
    cohort = cohort_get_for_grader(request.user, slug=cohort_slug)
    if not user_leads_cohort(request.user, cohort):
        raise Http404
    return cohort


@login_required
@require_http_methods(["GET", "POST"])
def cohort_complete_view(request, cohort_slug):
    """GET shows who completes and who does not; POST completes the cohort."""
    cohort = _lead_cohort(request, cohort_slug)
    if request.method == "POST":
        try:
            results = cohort_complete(cohort=cohort, by=request.user)
        except CohortStateError as exc:
            messages.error(request, exc.message)
            return redirect("cohorts:cohort_complete", cohort.slug)
        done = sum(1 for r in results.values() if r.completed)
        messages.success(
            request,
            _("Cohort completed: %(done)s of %(total)s trainees completed it.")
            % {"done": done, "total": len(results)},
        )
        return redirect("cohorts:gradebook", cohort.slug)
    rows = gradebook_for_cohort(cohort, viewer=request.user).rows
    has_work = cohort.sessions.exists() or cohort.assessments.exists()
    return render(
        request,
        "cohorts/assessments/complete_confirm.html",
        {
            "cohort": cohort,
            "completers": [r for r in rows if r.result.completed],
            "non_completers": [r for r in rows if not r.result.completed],
            "can_complete": has_work and cohort.status not in CLOSED_STATUSES,
            "has_work": has_work,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def cohort_reopen_view(request, cohort_slug):
    """Reopen a completed cohort, with a reason (audited)."""
    cohort = _lead_cohort(request, cohort_slug)
    form = ReopenForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            cohort_reopen(
                cohort=cohort, by=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            form.add_error("reason", exc)
        except (CohortStateError, EnrolmentError) as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request,
                _("%(cohort)s is running again; completion is provisional.")
                % {"cohort": cohort.title},
            )
            return redirect("cohorts:gradebook", cohort.slug)
    return render(
        request,
        "cohorts/assessments/reopen.html",
        {"cohort": cohort, "form": form},
        status=400 if form.errors else 200,
    )
