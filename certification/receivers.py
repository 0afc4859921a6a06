"""Certification reacts to learning; learning never imports certification."""

from __future__ import annotations

from django.dispatch import receiver

from modules.learning.signals import enrollment_completed

from .services import certificate_request


@receiver(enrollment_completed, dispatch_uid="certification.issue_on_completion")
def issue_on_completion(sender, enrollment, completed_at, **kwargs):
    """Queue the certificate of a module just completed (sent after the completing
    transaction committed, so the task sees the completed enrollment)."""
    certificate_request(enrollment=enrollment)
