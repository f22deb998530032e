from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from cohorts.selectors.assessments import standing_list_for_user
from cohorts.selectors.enrolments import my_cohorts_context
from courses.selectors import course_list_in_progress


@login_required
def my_learning(request):
    """The trainee's dashboard; each area adds its section to the context below."""
    context = {
        "courses_in_progress": course_list_in_progress(user=request.user),
    }
    context.update(my_cohorts_context(request.user))
    context["standings"] = standing_list_for_user(request.user)
    return render(request, "cms/my_learning.html", context)
