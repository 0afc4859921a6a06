from __future__ import annotations

from lms.core.errors import DomainError


class SmsError(DomainError):
    """A message the rules do not allow (a malformed number, an unknown kind, an empty or
    over-long text); nothing was recorded or sent."""
