from django.urls import path

from . import public_views as views

app_name = "scorecard"

urlpatterns = [
    path("", views.national, name="national"),
    path("data.csv", views.national_csv, name="national_csv"),
    path("data.json", views.national_json, name="national_json"),
    path("<slug:code>/", views.state, name="state"),
    path("<slug:code>/data.csv", views.state_csv, name="state_csv"),
    path("<slug:code>/data.json", views.state_json, name="state_json"),
]
