"""The audit log: Wagtail's log entries record every business event.

Actions are named ``<app>.<entity>.<event>`` (for example ``accounts.consent.accepted``). Each
app registers its actions in ``wagtail_hooks.py`` (``register_log_actions``) so the admin's
history and reports views can label them.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Model
from wagtail.log_actions import registry
from wagtail.models import ModelLogEntry


def audit(*, instance: Model, action: str, user: Any = None, data: dict | None = None) -> None:
    """Write one audit entry for ``instance``. Call it inside the service's transaction.

    Unlike ``wagtail.log_actions.log``, this never drops an entry silently: models without a
    registered log entry model are logged as ``ModelLogEntry`` rows.
    """
    actor = user if user is not None and getattr(user, "is_authenticated", False) else None
    log_model = registry.get_log_model_for_instance(instance) or ModelLogEntry
    log_model.objects.log_action(instance, action, user=actor, data=data or {})
