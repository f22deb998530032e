from django.urls import path

from . import views

app_name = "learning"
urlpatterns = [path("", views.my_learning, name="home")]
