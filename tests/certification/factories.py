"""Completed enrollments ready for a certificate."""

from __future__ import annotations

from modules.content.models import LessonPage
from modules.learning.models import Enrollment
from modules.learning.services import enrollment_create, lesson_complete
from tests.accounts.factories import UserFactory, add_totp, make_role, state
from tests.modules.factories import make_module


def completed_enrollment(*, user=None, module=None, **module_fields) -> Enrollment:
    """A learner who finished a one-lesson module without an assessment. The completion signal
    fires on commit, which tests run only when they capture on-commit callbacks."""
    user = user or UserFactory()
    module = module or make_module(lessons=1, **module_fields)
    enrollment = enrollment_create(user=user, module=module, source=Enrollment.Source.SELF)
    for lesson in LessonPage.objects.child_of(module).live():
        lesson_complete(enrollment=enrollment, lesson=lesson)
    enrollment.refresh_from_db()
    assert enrollment.is_completed
    return enrollment


def staff(role: str, *state_codes: str, **user_fields):
    """A trainer, coordinator or administrator with the authenticator their role requires."""

    if state_codes and "state" not in user_fields:
        user_fields["state"] = state(state_codes[0])
    user = make_role(UserFactory(**user_fields), role, *state_codes)
    add_totp(user)
    return user
