"""Wagtail hooks of the workforce app: the labels of its audit actions."""

from __future__ import annotations

from lms.core.audit import register_log_actions

from .services import LOG_ACTIONS

register_log_actions(LOG_ACTIONS)

# Demo posts register themselves with seed_demo.
from . import demo  # noqa: E402, F401
