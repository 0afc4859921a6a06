from django.conf import settings


def site(request):
    """Site-wide template values: the site name and whether this is the local demo."""
    return {
        "site_name": settings.WAGTAIL_SITE_NAME,
        "is_demo": getattr(settings, "LMS_DEMO", False),
        "mfa_required": settings.LMS_REQUIRE_MFA,
        "interface_languages": [
            (code, name)
            for code, name in settings.LANGUAGES
            if code in settings.LMS_INTERFACE_LANGUAGES
        ],
    }
