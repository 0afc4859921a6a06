from django.urls import include, path

from .views import accreditation, cohorts, imports, progress, sessions
from .views.cascade import cascade
from .views.evidence import cohort_evidence, evidence_overview

app_name = "trainers"

#: The pages of one cohort, below ``cohorts/<id:cohort_id>/``.
cohort_urlpatterns = [
    path("", cohorts.cohort_detail, name="cohort_detail"),
    path("edit/", cohorts.cohort_edit, name="cohort_edit"),
    path("archive/", cohorts.cohort_archive, name="cohort_archive"),
    # Learners
    path("learners/add/", cohorts.learners_add, name="learners_add"),
    path("learners/invite/", cohorts.learner_invite, name="learner_invite"),
    path("learners/<id:user_id>/remove/", cohorts.member_remove, name="member_remove"),
    path("learners/<id:user_id>/", progress.learner_detail, name="learner_detail"),
    # Spreadsheet imports
    path("import/", imports.import_upload, name="import_upload"),
    path("import/template.<str:fmt>", imports.import_template, name="import_template"),
    path("import/<uuid:import_id>/", imports.import_detail, name="import_detail"),
    path("import/<uuid:import_id>/confirm/", imports.import_confirm, name="import_confirm"),
    # Sessions and attendance
    path("sessions/", sessions.session_list, name="session_list"),
    path("sessions/new/", sessions.session_edit, name="session_create"),
    path("sessions/<id:session_id>/", sessions.session_detail, name="session_detail"),
    path("sessions/<id:session_id>/edit/", sessions.session_edit, name="session_edit"),
    path("sessions/<id:session_id>/delete/", sessions.session_delete, name="session_delete"),
    path("sessions/<id:session_id>/cancel/", sessions.session_cancel, name="session_cancel"),
    path(
        "sessions/<id:session_id>/observe/",
        accreditation.observation_create,
        name="observation_create",
    ),
    # Accreditation of a training-of-trainers cohort's members
    path("accreditation/", accreditation.cohort_accreditation, name="cohort_accreditation"),
    path(
        "accreditation/<id:user_id>/grant/",
        accreditation.accreditation_grant,
        name="accreditation_grant",
    ),
    path("attendance/", sessions.attendance_sheet, name="attendance_sheet"),
    path("export/attendance.<str:fmt>", sessions.attendance_export, name="attendance_export"),
    # Progress, actions and exports
    path("progress/", progress.progress, name="progress"),
    path("evidence/", cohort_evidence, name="cohort_evidence"),
    path("remind/", progress.remind, name="remind"),
    path("certificates/issue/", progress.issue_certificates, name="issue_certificates"),
    path("export/progress.<str:fmt>", progress.progress_export, name="progress_export"),
    path("export/certificates.<str:fmt>", progress.certificates_export, name="certificates_export"),
]

urlpatterns = [
    path("", cohorts.cohort_list, name="cohort_list"),
    path("cohorts/new/", cohorts.cohort_edit, name="cohort_create"),
    path("cohorts/<id:cohort_id>/", include(cohort_urlpatterns)),
    path("groups/", cohorts.group_list, name="group_list"),
    path("groups/new/", cohorts.group_create, name="group_create"),
    path("groups/<id:group_id>/", cohorts.group_detail, name="group_detail"),
    path("accreditations/", accreditation.accreditation_list, name="accreditation_list"),
    path(
        "accreditations/<uuid:accreditation_id>/",
        accreditation.accreditation_detail,
        name="accreditation_detail",
    ),
    path(
        "accreditations/<uuid:accreditation_id>/renew/",
        accreditation.accreditation_renew,
        name="accreditation_renew",
    ),
    path(
        "accreditations/<uuid:accreditation_id>/revoke/",
        accreditation.accreditation_revoke,
        name="accreditation_revoke",
    ),
    path("cascade/", cascade, name="cascade"),
    path("evidence/", evidence_overview, name="evidence"),
]
