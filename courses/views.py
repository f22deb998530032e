from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from courses import services
from courses.exceptions import LessonNotAvailableError
from courses.forms import SearchForm
from courses.localization import page_url
from courses.models import CoursePage, LessonPage
from courses.selectors import course_outline, page_search


@require_POST
@login_required
def course_start(request, course_id):
    course = get_object_or_404(CoursePage.objects.live().public(), pk=course_id)
    try:
        services.course_start(user=request.user, course=course)
    except LessonNotAvailableError as error:
        messages.error(request, error.message)
        return redirect(course.get_url(request))
    outline = course_outline(course=course)
    first = outline.lessons[0] if outline.lessons else None
    messages.success(request, _("You started “%s”.") % course.title)
    return redirect(page_url(first or course, request))


@require_POST
@login_required
def lesson_complete(request, lesson_id):
    lesson = get_object_or_404(LessonPage.objects.live().public(), pk=lesson_id)
    try:
        services.lesson_complete(user=request.user, lesson=lesson)
    except LessonNotAvailableError as error:
        messages.error(request, error.message)
        return redirect(lesson.get_url(request))
    course = CoursePage.objects.ancestor_of(lesson).first()
    next_lesson = course_outline(course=course).next(lesson)
    messages.success(request, _("Lesson marked complete."))
    target = next_lesson or course
    return redirect(page_url(target, request))


def search(request):
    form = SearchForm(request.GET or None)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    results = page_search(query=query) if query else None
    page_obj = None
    if results is not None:
        page_obj = Paginator(results, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "courses/search.html",
        {"form": form, "query": query, "page_obj": page_obj},
    )
