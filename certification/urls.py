from django.urls import path

from . import views

app_name = "certification"

urlpatterns = [
    path("verify/", views.verify_form, name="verify_form"),
    path("verify/<slug:token>.json", views.verify_json, name="verify_json"),
    path("verify/<slug:token>/", views.verify, name="verify"),
    path("certificates/", views.manage, name="manage"),
    path("certificates/batches/", views.batch_create, name="batch_create"),
    path("certificates/batches/<uuid:batch_id>/", views.batch, name="batch"),
    path("certificates/batches/<uuid:batch_id>/resume/", views.batch_resume, name="batch_resume"),
    path("certificates/batches/<uuid:batch_id>/zip/", views.batch_zip, name="batch_zip"),
    path("certificates/name/<id:enrollment_id>/", views.confirm_name, name="confirm_name"),
    path("certificates/<uuid:certificate_id>/", views.detail, name="detail"),
    path("certificates/<uuid:certificate_id>/pdf/", views.download, name="download"),
    path("certificates/<uuid:certificate_id>/renew/", views.renew, name="renew"),
    path("certificates/<uuid:certificate_id>/revoke/", views.revoke, name="revoke"),
    path("certificates/<uuid:certificate_id>/reinstate/", views.reinstate, name="reinstate"),
    path("certificates/<uuid:certificate_id>/correct/", views.correct, name="correct"),
    path(
        "certificates/<uuid:certificate_id>/correct/preview.pdf",
        views.correct_preview,
        name="correct_preview",
    ),
]
