from django.urls import path

from . import views

app_name = "courses"
urlpatterns = [
    path("search/", views.search, name="search"),
    path("learn/courses/<int:course_id>/start/", views.course_start, name="start"),
    path(
        "learn/lessons/<int:lesson_id>/complete/",
        views.lesson_complete,
        name="lesson_complete",
    ),
]
