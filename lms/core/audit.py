"""The audit log: Wagtail's log entries record every business event.

Actions are named ``<app>.<entity>.<event>`` (for example ``accounts.consent.accepted``). Each
app registers its actions in ``wagtail_hooks.py`` (``register_log_actions`` below) so the
admin's history and reports views can label them.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model
from django.utils import timezone
from django.utils.functional import Promise
from wagtail import hooks
from wagtail.log_actions import registry
from wagtail.models import ModelLogEntry


def register_log_actions(*action_lists: Iterable[tuple[str, str | Promise]]) -> None:
    """Register an app's lists of ``(action, label)`` pairs with Wagtail's
    ``register_log_actions`` hook; the label is also the entry's message in the admin's
    history."""
    pairs = [pair for action_list in action_lists for pair in action_list]

    def register(actions) -> None:
        for action, label in pairs:
            actions.register_action(action, label, label)

    hooks.register("register_log_actions", register)


def audit(*, instance: Model, action: str, user: Any = None, data: dict | None = None) -> None:
    """Write one audit entry for ``instance``. Call it inside the service's transaction.

    Unlike ``wagtail.log_actions.log``, this never drops an entry silently: models without a
    registered log entry model are logged as ``ModelLogEntry`` rows.
    """
    actor = user if user is not None and getattr(user, "is_authenticated", False) else None
    log_model = registry.get_log_model_for_instance(instance) or ModelLogEntry
    log_model.objects.log_action(instance, action, user=actor, data=data or {})


def audit_many(
    *,
    instances,
    action: str,
    user: Any = None,
    data: dict | None = None,
    user_id_of=None,
) -> None:
    """Write one audit entry per instance, as ``audit()`` does, in a few bulk INSERTs (an
    import of 5,000 learners cannot afford 5,000 round trips). The entries share a ``uuid``,
    which Wagtail uses to group entries of one action. ``user_id_of(instance)`` gives each
    entry its own actor when there is no ``user``."""
    if not registry.action_exists(action):
        # audit() refuses unknown actions through model validation; bulk_create would not.
        raise ValueError(f"The log action {action!r} has not been registered.")
    instances = list(instances)
    if not instances:
        return
    if (registry.get_log_model_for_instance(instances[0]) or ModelLogEntry) is not ModelLogEntry:
        # Pages and other models with their own log model keep the one-by-one path.
        for instance in instances:
            audit(instance=instance, action=action, user=user, data=data)
        return
    actor_id = user.pk if user is not None and getattr(user, "is_authenticated", False) else None
    content_type = ContentType.objects.get_for_model(instances[0], for_concrete_model=False)
    now, group = timezone.now(), uuid.uuid4()
    ModelLogEntry.objects.bulk_create(
        [
            ModelLogEntry(
                content_type=content_type,
                object_id=str(instance.pk),
                label=str(instance) or f"{type(instance).__name__} object ({instance.pk})",
                action=action,
                timestamp=now,
                data=data or {},
                user_id=actor_id if actor_id or user_id_of is None else user_id_of(instance),
                uuid=group,
            )
            for instance in instances
        ],
        batch_size=1000,
    )
