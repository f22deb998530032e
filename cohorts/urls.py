from django.urls import path

from cohorts.views import public

app_name = "cohorts"
urlpatterns = [
    path("", public.cohort_list, name="list"),
    path("<slug:slug>/", public.cohort_detail, name="detail"),
    path("<slug:slug>/apply/", public.cohort_apply, name="apply"),
    path("<slug:slug>/withdraw/", public.cohort_withdraw, name="withdraw"),
]
