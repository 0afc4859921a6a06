import re

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from lms.accounts.views import switch_language
from lms.core import views as core_views

urlpatterns = [
    # One login: every login and password page that is not allauth's redirects to allauth's,
    # where rate limits and two-factor authentication apply (core_views.site_login;
    # tests/core/test_login_paths.py walks every pattern to keep it so).
    path("admin/login/", core_views.site_login),
    re_path(r"^admin/password_reset/", core_views.site_login, {"to": "account_reset_password"}),
    path("django-admin/login/", core_views.site_login),
    re_path(
        r"^django-admin/password_change/",
        core_views.site_login,
        {"to": "account_change_password"},
    ),
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("accounts/", include("lms.accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("i18n/setlang/", switch_language, name="set_language"),
    path("healthz", core_views.health, name="health"),
    path("readyz", core_views.ready, name="ready"),
    # Prometheus's scrape, behind METRICS_TOKEN (docs/operations.md, "Logs and metrics").
    path("metrics", core_views.metrics, name="metrics"),
]

if settings.DEBUG:
    # Wagtail's images for the development server, and nothing else from MEDIA_ROOT: never
    # the certificates (core_views.development_media).
    urlpatterns += [
        re_path(
            rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?P<path>.*)$",
            core_views.development_media,
        )
    ]

urlpatterns += [
    path("modules/", include("modules.content.urls")),
    path("learning/", include("modules.learning.urls")),
    path("", include("certification.urls")),
    path("trainers/", include("trainers.urls")),
    path("accreditation/", include("trainers.accreditation_urls")),
    path("sms/", include("lms.sms.urls")),
    path("sessions/", include("trainers.learner_urls")),
    path("scorecard/", include("reports.public_urls")),
    path("reports/", include("reports.urls")),
    path("workforce/", include("lms.workforce.urls")),
    path("", include("lms.home.urls")),
]

# Pages of the CMS: English at the root, other content languages under their prefix (/hi/…).
urlpatterns += i18n_patterns(
    path("_util/login/", core_views.site_login),  # Wagtail's front-end login (private pages)
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

handler400 = "lms.core.views.bad_request"
handler403 = "lms.core.views.permission_denied"
handler404 = "lms.core.views.page_not_found"
handler500 = "lms.core.views.server_error"
