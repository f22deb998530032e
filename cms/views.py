from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from cohorts.selectors.enrolments import my_cohorts_context


@login_required
def my_learning(request):
    """The trainee's dashboard; each area adds its section to the context below."""
    context = {}
    context.update(my_cohorts_context(request.user))
    return render(request, "cms/my_learning.html", context)
