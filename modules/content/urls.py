from django.urls import path

from . import views

app_name = "modules"

urlpatterns = [
    path(
        "lessons/<id:lesson_id>/checks/<str:block_id>/",
        views.knowledge_check_answer,
        name="knowledge_check_answer",
    ),
]
