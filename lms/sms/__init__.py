"""Text messages to learners' phones, sent the way Django sends email: ``services.send_sms``
records a message and a backend chosen by ``SMS_URL`` delivers it.

``outbox`` is where the ``locmem://`` backend (the test settings') keeps every message it
delivers, like ``django.core.mail.outbox``; the tests empty it before each test. It is
emptied in place and never replaced, so a reference taken from here stays current.
"""

from __future__ import annotations

outbox: list = []
