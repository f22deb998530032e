from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from certificates.selectors import my_certificates
from cohorts.selectors.assessments import standing_list_for_user
from cohorts.selectors.enrolments import my_cohorts_context
from courses.selectors import course_list_in_progress
from exchange.selectors import cohort_list_for_member


@login_required
def my_learning(request):
    """The trainee's dashboard; each area adds its section to the context below."""
    context = {
        "courses_in_progress": course_list_in_progress(user=request.user),
        "standings": standing_list_for_user(request.user),
        "certificates": my_certificates(request.user),
        "discussion_cohorts": list(cohort_list_for_member(request.user)[:20]),
    }
    context.update(my_cohorts_context(request.user))
    return render(request, "cms/my_learning.html", context)
