from django.urls import path, re_path

from . import views

app_name = "learning"

urlpatterns = [
    path("", views.my_learning, name="my_learning"),
    path("modules/<id:module_id>/enroll/", views.enroll, name="enroll"),
    path("modules/<id:module_id>/withdraw/", views.withdraw, name="withdraw"),
    path("modules/<id:module_id>/pre-test/", views.pre_test, name="pre_test"),
    path("modules/<id:module_id>/progress/", views.module_progress, name="module_progress"),
    path("lessons/<id:lesson_id>/complete/", views.complete_lesson, name="complete_lesson"),
    path("lessons/<id:lesson_id>/time/", views.lesson_beacon, name="lesson_beacon"),
    path("assessments/<id:assessment_id>/start/", views.start_attempt, name="start_attempt"),
    path("attempts/<id:attempt_id>/", views.take_attempt, name="attempt"),
    path("attempts/<id:attempt_id>/result/", views.attempt_result, name="attempt_result"),
    re_path(r"^my-data\.(?P<fmt>json|csv)$", views.my_data, name="my_data"),
]
