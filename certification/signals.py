"""Signals that certification sends.

``certificate_changed`` — sent after the transaction that issued, revoked, reinstated or
superseded a certificate has committed (never for a rolled-back change), once per certificate
and event. Receivers get ``certificate_id``, ``recipient_id`` and ``module_id`` (the source
module page), ``event`` ("issued"; "revoked"; "reinstated" for a revocation undone;
"superseded" and "reissued" for the old and the new certificate of a name correction) and
``at`` (when it happened). The scorecard subscribes to keep its rollups current.
"""

import django.dispatch

certificate_changed = django.dispatch.Signal()
