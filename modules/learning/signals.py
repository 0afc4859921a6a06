"""Signals that learning sends.

``enrollment_completed`` — sent once, after the transaction that completed an enrollment has
committed (never for a rolled-back completion, never twice for one enrollment). Receivers get
``enrollment`` (the completed ``Enrollment``, with ``user`` and ``module`` — the source module
page — loaded) and ``completed_at``. Certification subscribes to issue the certificate.
"""

import django.dispatch

enrollment_completed = django.dispatch.Signal()
