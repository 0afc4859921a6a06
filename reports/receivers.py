"""Keeping the scorecard current between rebuilds: learning's and certification's events move
the current month's cells (sent on commit, so the rows they describe are there to read).

A completion or a certificate queues the update (``tasks.record_event``, one row written)
rather than making it: the update's handful of statements then cost the worker, not the
learner's request or the issuing task. Recorded posts are rare and shown at once."""

from __future__ import annotations

from django.dispatch import receiver

from certification.signals import certificate_changed
from lms.workforce.signals import posts_changed
from modules.learning.signals import enrollment_completed

from . import services, tasks


@receiver(enrollment_completed, dispatch_uid="reports.count_completion")
def count_completion(sender, enrollment, completed_at, **kwargs):
    tasks.record_event.enqueue(
        user_id=enrollment.user_id,
        module_id=enrollment.module_id,
        at=completed_at.isoformat(),
        completions=1,
    )


@receiver(certificate_changed, dispatch_uid="reports.count_certificate")
def count_certificate(sender, certificate_id, recipient_id, module_id, event, at, **kwargs):
    if event == "reissued":  # a corrected name changes no figure
        return
    tasks.record_event.enqueue(
        user_id=recipient_id,
        module_id=module_id,
        at=at.isoformat(),
        certificates=1 if event == "issued" else 0,
    )


@receiver(posts_changed, dispatch_uid="reports.show_posts")
def show_posts(sender, state_id, month, **kwargs):
    services.posts_refresh(state_id=state_id, month=month)
