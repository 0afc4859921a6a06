from django.urls import path, re_path

from . import pdf_views, views

app_name = "reports"

#: ``<state_code>`` is a state's two-letter code; ``<district_ref>`` a district's id or
#: ``lgd-<LGD code>`` (``access.district_for`` reads both).
_STATE = r"states/(?P<state_code>[A-Za-z]{2})/"
_DISTRICT = _STATE + r"districts/(?P<district_ref>(?:lgd-)?[0-9]{1,9})/"
_CADRE = r"cadres/(?P<cadre_slug>[-a-zA-Z0-9_]+)/"


def _level(prefix: str, name: str, page=views.scorecard) -> list:
    """A level's page, its delivery page, its cadre pages, and the people lists of both."""
    return [
        re_path(rf"^{prefix}$", page, name=name),
        re_path(rf"^{prefix}delivery/$", views.delivery, name=f"{name}_delivery"),
        re_path(rf"^{prefix}people/$", views.people, name=f"{name}_people"),
        re_path(rf"^{prefix}{_CADRE}$", views.scorecard, name=f"{name}_cadre"),
        re_path(rf"^{prefix}{_CADRE}people/$", views.people, name=f"{name}_cadre_people"),
    ]


urlpatterns = [
    path("", views.home, name="home"),
    # The nation's page is /reports/ itself: ``home`` shows it to national administrators.
    *_level("", "nation", page=views.home),
    *_level(_STATE, "state"),
    *_level(_DISTRICT, "district"),
    re_path(rf"^{_STATE}scorecard\.pdf$", pdf_views.state_pdf, name="state_pdf"),
    re_path(rf"^{_DISTRICT}scorecard\.pdf$", pdf_views.district_pdf, name="district_pdf"),
]
