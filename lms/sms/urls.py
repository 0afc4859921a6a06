from django.urls import path

from . import views

app_name = "sms"

urlpatterns = [
    path("status/", views.delivery_report, name="status"),
]
