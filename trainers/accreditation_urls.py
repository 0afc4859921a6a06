"""The public pages of accreditation, below ``/accreditation/``: verification by code."""

from django.urls import path

from .views import accreditation

app_name = "accreditation"

urlpatterns = [
    path("verify/", accreditation.verify_form, name="verify_form"),
    path("verify/<str:code>/", accreditation.verify, name="verify"),
]
