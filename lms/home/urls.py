from django.urls import path

from . import views

app_name = "home"

urlpatterns = [
    path("help/", views.help_page, name="help"),
    path("contact/", views.contact, name="contact"),
    path("accessibility/", views.accessibility, name="accessibility"),
]
