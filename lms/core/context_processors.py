from django.conf import settings

from .site_name import site_name


def site(request):
    """Site-wide template values: the site name and whether this is the local demo."""
    return {
        "site_name": site_name(),
        "is_demo": getattr(settings, "LMS_DEMO", False),
        "mfa_required": settings.LMS_REQUIRE_MFA,
        "interface_languages": [
            (code, name)
            for code, name in settings.LANGUAGES
            if code in settings.LMS_INTERFACE_LANGUAGES
        ],
    }
