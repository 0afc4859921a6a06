"""One domain-error base: each app's error is a ``DomainError`` with its message and status,
and one app's error is never taken for another's."""

import pytest

from certification.services import CertificationError
from lms.core.errors import DomainError
from modules.learning.services import LearningError


@pytest.mark.parametrize("error_class", [LearningError, CertificationError])
def test_each_apps_error_is_a_domain_error_with_message_and_status(error_class):
    error = error_class("Not allowed.", status_code=409)
    assert isinstance(error, DomainError)
    assert (error.message, error.status_code, str(error)) == ("Not allowed.", 409, "Not allowed.")
    assert error_class("Not allowed.").status_code == 400


def test_one_apps_error_is_not_anothers():
    assert not issubclass(LearningError, CertificationError)
    assert not issubclass(CertificationError, LearningError)
