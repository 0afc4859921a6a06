"""The one base of the apps' domain errors."""

from __future__ import annotations


class DomainError(Exception):
    """A request the rules do not allow. ``message`` is for the person who asked (translated
    text); ``status_code`` is what a view answers with (400 unless the rule says otherwise,
    e.g. 409 for a conflict). Each app subclasses it once (``LearningError``,
    ``CertificationError``) so that callers can catch one app's errors."""

    status_code = 400

    def __init__(self, message: str, *, status_code: int | None = None):
        super().__init__(message)
        self.message = message
        if status_code is not None:
            self.status_code = status_code
