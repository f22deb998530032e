from django.contrib.auth.decorators import login_required
from django.shortcuts import render


@login_required
def my_learning(request):
    """The trainee's dashboard; each area adds its section to the context below."""
    context = {}
    return render(request, "cms/my_learning.html", context)
