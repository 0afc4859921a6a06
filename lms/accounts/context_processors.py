from .access import can_access_wagtail_admin, reads_scorecards


def access(request):
    """``can_access_admin`` and ``reads_scorecards`` for the navigation; evaluated only if a
    template asks."""
    return {
        "can_access_admin": lambda: can_access_wagtail_admin(request.user),
        "reads_scorecards": lambda: reads_scorecards(request.user),
    }
