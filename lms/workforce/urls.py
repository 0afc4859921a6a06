from django.urls import path

from . import views

app_name = "workforce"

urlpatterns = [
    path("states/<str:state_code>/posts/", views.posts, name="posts"),
    path("states/<str:state_code>/posts/correct/", views.correct, name="correct"),
    path(
        "states/<str:state_code>/posts/history/<str:place>/<id:cadre_id>/",
        views.history,
        name="history",
    ),
    path("states/<str:state_code>/posts/import/", views.import_upload, name="import_upload"),
    path(
        "states/<str:state_code>/posts/import/confirm/",
        views.import_confirm,
        name="import_confirm",
    ),
    path(
        "states/<str:state_code>/posts/template.<str:fmt>", views.template, name="import_template"
    ),
]
