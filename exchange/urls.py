from django.urls import path

from exchange import views

app_name = "exchange"
urlpatterns = [
    path("preferences/", views.preferences, name="preferences"),
    path("unsubscribe/<str:token>/", views.unsubscribe_view, name="unsubscribe"),
    path("cohorts/<slug:slug>/", views.cohort_discussions, name="cohort"),
    path("spaces/<int:pk>/", views.space_detail, name="space"),
    path("spaces/<int:pk>/follow/", views.space_follow, name="space_follow"),
    path("spaces/<int:pk>/anonymity/", views.space_anonymity, name="space_anonymity"),
    path("topics/<int:pk>/", views.topic_detail, name="topic"),
    path("topics/<int:pk>/follow/", views.topic_follow, name="topic_follow"),
    path("posts/<int:pk>/edit/", views.post_edit_view, name="post_edit"),
    path("posts/<int:pk>/delete/", views.post_delete_view, name="post_delete"),
    path("posts/<int:pk>/restore/", views.post_restore_view, name="post_restore"),
    path("posts/<int:pk>/report/", views.post_report_view, name="post_report"),
    path(
        "posts/<int:pk>/attachment/",
        views.attachment_download,
        name="post_attachment",
    ),
]
