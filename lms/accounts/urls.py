from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("districts/", views.district_options, name="district_options"),
    path("data-use-notice/", views.data_use_notice, name="data_use_notice"),
]
