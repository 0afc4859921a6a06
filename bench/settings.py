"""Production settings for a local load test over loopback. Never deploy with these.

Differences from production, and why:
- ``bench.urls`` adds the ceiling view (``bench.views.ceiling``);
- ``bench.timing`` reports each request's cost in a ``Server-Timing`` header;
- the per-address login rate limit is lifted: the load generator signs in hundreds of
  learners from 127.0.0.1 before it starts measuring (failed logins stay limited);
- static files are collected into ``BENCH_STATIC_ROOT``, outside the checkout.

Cookies stay ``Secure`` as in production: the load generator sends them back over plain HTTP
itself. Run with ``SECURE_SSL_REDIRECT=0``, ``SECRET_KEY``, ``ALLOWED_HOSTS`` and
``DATABASE_URL`` in the environment (``bench/run.sh`` sets them).
"""

import os
from pathlib import Path

from lms.settings.production import *  # noqa: F403
from lms.settings.production import ACCOUNT_RATE_LIMITS, MIDDLEWARE, STATIC_ROOT

ROOT_URLCONF = "bench.urls"
MIDDLEWARE = ["bench.timing.ServerTimingMiddleware", *MIDDLEWARE]
ACCOUNT_RATE_LIMITS = {**ACCOUNT_RATE_LIMITS, "login": None}
STATIC_ROOT = Path(os.environ.get("BENCH_STATIC_ROOT", str(STATIC_ROOT)))
