from django.urls import path

from .views import cohorts, imports, progress, sessions

app_name = "trainers"

urlpatterns = [
    # Cohorts, learners and trainer groups
    path("", cohorts.cohort_list, name="cohort_list"),
    path("cohorts/new/", cohorts.cohort_create, name="cohort_create"),
    path("cohorts/<id:cohort_id>/", cohorts.cohort_detail, name="cohort_detail"),
    path("cohorts/<id:cohort_id>/edit/", cohorts.cohort_edit, name="cohort_edit"),
    path("cohorts/<id:cohort_id>/archive/", cohorts.cohort_archive, name="cohort_archive"),
    path("cohorts/<id:cohort_id>/learners/add/", cohorts.learners_add, name="learners_add"),
    path("cohorts/<id:cohort_id>/learners/invite/", cohorts.learner_invite, name="learner_invite"),
    path(
        "cohorts/<id:cohort_id>/learners/<id:user_id>/remove/",
        cohorts.member_remove,
        name="member_remove",
    ),
    path("groups/", cohorts.group_list, name="group_list"),
    path("groups/new/", cohorts.group_create, name="group_create"),
    path("groups/<id:group_id>/", cohorts.group_detail, name="group_detail"),
    # Spreadsheet imports
    path("cohorts/<id:cohort_id>/import/", imports.import_upload, name="import_upload"),
    path(
        "cohorts/<id:cohort_id>/import/template.<str:fmt>",
        imports.import_template,
        name="import_template",
    ),
    path(
        "cohorts/<id:cohort_id>/import/<uuid:import_id>/",
        imports.import_detail,
        name="import_detail",
    ),
    path(
        "cohorts/<id:cohort_id>/import/<uuid:import_id>/confirm/",
        imports.import_confirm,
        name="import_confirm",
    ),
    # Sessions and attendance
    path("cohorts/<id:cohort_id>/sessions/", sessions.session_list, name="session_list"),
    path("cohorts/<id:cohort_id>/sessions/new/", sessions.session_create, name="session_create"),
    path(
        "cohorts/<id:cohort_id>/sessions/<id:session_id>/",
        sessions.session_detail,
        name="session_detail",
    ),
    path(
        "cohorts/<id:cohort_id>/sessions/<id:session_id>/edit/",
        sessions.session_edit,
        name="session_edit",
    ),
    path(
        "cohorts/<id:cohort_id>/sessions/<id:session_id>/delete/",
        sessions.session_delete,
        name="session_delete",
    ),
    path("cohorts/<id:cohort_id>/attendance/", sessions.attendance_sheet, name="attendance_sheet"),
    path(
        "cohorts/<id:cohort_id>/export/attendance.<str:fmt>",
        sessions.attendance_export,
        name="attendance_export",
    ),
    # Progress, actions and exports
    path("cohorts/<id:cohort_id>/progress/", progress.progress, name="progress"),
    path(
        "cohorts/<id:cohort_id>/learners/<id:user_id>/",
        progress.learner_detail,
        name="learner_detail",
    ),
    path("cohorts/<id:cohort_id>/remind/", progress.remind, name="remind"),
    path(
        "cohorts/<id:cohort_id>/certificates/issue/",
        progress.issue_certificates,
        name="issue_certificates",
    ),
    path(
        "cohorts/<id:cohort_id>/export/progress.<str:fmt>",
        progress.progress_export,
        name="progress_export",
    ),
    path(
        "cohorts/<id:cohort_id>/export/certificates.<str:fmt>",
        progress.certificates_export,
        name="certificates_export",
    ),
]
