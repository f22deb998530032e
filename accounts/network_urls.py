from django.urls import path

from . import network_views as views

app_name = "network"
urlpatterns = [
    path("", views.directory, name="directory"),
    path("me/", views.my_profile, name="my_profile"),
    path("me/roles/<int:pk>/", views.designation_answer, name="designation_answer"),
    path("people/<int:pk>/", views.profile_detail, name="profile"),
    path("people/<int:pk>/contact/", views.contact, name="contact"),
    path("requests/", views.contact_requests, name="requests"),
    path("requests/<int:pk>/", views.contact_request_answer, name="request_answer"),
]
