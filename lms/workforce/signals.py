"""Signals that the workforce app sends.

``posts_changed`` — sent after the transaction that recorded posts (a correction or an
import) has committed. Receivers get ``state_id`` and ``month`` (the first day of the month
the figures describe). The scorecard subscribes to show the new figures at once.
"""

import django.dispatch

posts_changed = django.dispatch.Signal()
