from .access import can_access_wagtail_admin, has_role, is_national_admin, reads_scorecards
from .models import Role


def _role_links(user) -> dict[str, bool]:
    """Which role links the site navigation offers ``user``. Asked of the roles alone (cached
    per request and in the session), never of the states of their role assignments: the
    navigation costs no query on any page. The page behind each link checks the scope itself
    (a role held nowhere finds an empty page or a 404, as by its address)."""
    national = is_national_admin(user)
    return {
        # Those who run cohorts, and district officers, who read their district's.
        "cohorts": national
        or has_role(user, Role.TRAINER, Role.COORDINATOR, Role.DISTRICT_OFFICER),
        "trainer_groups": has_role(user, Role.COORDINATOR),
        "certificates": national or has_role(user, Role.TRAINER, Role.COORDINATOR),
    }


def access(request):
    """``can_access_admin``, ``reads_scorecards`` and ``nav`` (the role links: ``cohorts``,
    ``trainer_groups``, ``certificates``) for the navigation; each evaluated only if a template
    asks."""
    return {
        "can_access_admin": lambda: can_access_wagtail_admin(request.user),
        "reads_scorecards": lambda: reads_scorecards(request.user),
        "nav": lambda: _role_links(request.user),
    }
