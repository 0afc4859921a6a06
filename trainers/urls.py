from django.urls import path

from .views import cohorts

app_name = "trainers"

urlpatterns = [
    # Cohorts, learners and trainer groups
    path("", cohorts.cohort_list, name="cohort_list"),
    path("cohorts/new/", cohorts.cohort_create, name="cohort_create"),
    path("cohorts/<int:cohort_id>/", cohorts.cohort_detail, name="cohort_detail"),
    path("cohorts/<int:cohort_id>/edit/", cohorts.cohort_edit, name="cohort_edit"),
    path("cohorts/<int:cohort_id>/archive/", cohorts.cohort_archive, name="cohort_archive"),
    path("cohorts/<int:cohort_id>/learners/add/", cohorts.learners_add, name="learners_add"),
    path("cohorts/<int:cohort_id>/learners/invite/", cohorts.learner_invite, name="learner_invite"),
    path(
        "cohorts/<int:cohort_id>/learners/<int:user_id>/remove/",
        cohorts.member_remove,
        name="member_remove",
    ),
    path("groups/", cohorts.group_list, name="group_list"),
    path("groups/new/", cohorts.group_create, name="group_create"),
    path("groups/<int:group_id>/", cohorts.group_detail, name="group_detail"),
    # Spreadsheet imports
    # Sessions and attendance
    # Progress, actions and exports
]
