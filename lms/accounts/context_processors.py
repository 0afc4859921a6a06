from .access import can_access_wagtail_admin


def access(request):
    """``can_access_admin`` for the navigation; evaluated only if a template asks."""
    return {"can_access_admin": lambda: can_access_wagtail_admin(request.user)}
