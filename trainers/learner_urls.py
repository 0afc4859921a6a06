"""The learner's side of the trainers app, mounted at ``sessions/``: calendar files of their
own sessions, and their feedback on those they attended. Apart from ``urls.py`` (the
workspace), whose every page is for those who run or read cohorts and answers a learner 404."""

from django.urls import path

from .views import evidence, learner

app_name = "sessions"

urlpatterns = [
    path("upcoming.ics", learner.upcoming_calendar, name="upcoming_calendar"),
    path("<id:session_id>.ics", learner.session_calendar, name="calendar"),
    path("<id:session_id>/feedback/", evidence.session_feedback, name="feedback"),
]
