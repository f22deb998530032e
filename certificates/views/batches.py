from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from certificates.exceptions import CertificateError
from certificates.models import CertificateBatch
from certificates.services import cohort_certificates_issue
from cohorts.selectors.scoping import cohort_get_for_coordinator, user_leads_cohort


@login_required
@require_POST
def cohort_certificates_issue_view(request, slug):
    """Lead office: issue certificates for every completed enrolment of the cohort."""
    cohort = cohort_get_for_coordinator(request.user, slug=slug)
    if not user_leads_cohort(request.user, cohort):
        raise Http404
    try:
        batch = cohort_certificates_issue(cohort=cohort, by=request.user)
    except CertificateError as exc:
        messages.error(request, exc.message)
        return redirect("certificates:verify_form")
    return redirect("certificates:batch_progress", pk=batch.pk)


@login_required
@require_GET
def batch_progress(request, pk):
    """Progress of an issuing batch; the page refreshes itself until it is done."""
    batch = get_object_or_404(CertificateBatch.objects.select_related("cohort"), pk=pk)
    if not user_leads_cohort(request.user, batch.cohort):
        raise Http404
    return render(request, "certificates/batch_progress.html", {"batch": batch})
