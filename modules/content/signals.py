"""Signals that modules sends, and its own receivers.

``knowledge_check_answered`` — sent after a learner answers a knowledge check inside a lesson
and has been told whether the answer was right. The learning app records the answer.
Arguments: ``request``, ``user`` (may be anonymous), ``lesson`` (the ``LessonPage`` answered,
possibly a translation), ``block_id`` (the knowledge check's StreamField block id, the same in
every translation), ``selected`` (frozenset of option block ids) and ``correct`` (bool).
"""

from __future__ import annotations

import django.dispatch
from django.db.models.signals import post_save
from django.dispatch import receiver

from .workflow import catalogue_setup

knowledge_check_answered = django.dispatch.Signal()


@receiver(post_save, sender="modules.ModuleCataloguePage")
def catalogue_gets_review_workflow(sender, instance, created, raw=False, **kwargs):
    """Every catalogue — the English one and each translation — runs the module review
    workflow, so translations are reviewed like the original."""
    if raw or not created:
        return
    catalogue_setup(instance)
