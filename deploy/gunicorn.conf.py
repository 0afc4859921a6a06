"""gunicorn settings of an app server: the systemd unit (deploy/systemd/lms-web@.service), the
container image and the cluster test all start gunicorn with this file.

Each app server is stateless (sessions in the database, the shared cache in Redis, files in
object storage), so a state or the nation runs several behind the reverse proxy; see
docs/operations.md, "From one machine to several"."""

import multiprocessing
import os

# The address the reverse proxy reaches (never public: only the proxies may, since
# TRUSTED_PROXY_COUNT makes the app believe their X-Forwarded-For).
bind = os.environ.get("LMS_BIND", "127.0.0.1:8000")
# Pages are short and mostly wait for the database: two processes per core, plus one.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"
# A page that takes longer than the database's statement limit (10 s) has already failed;
# gunicorn's timeout is the last guard behind it.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = 20
keepalive = 5
# Recycle processes now and then (with jitter, so they do not all restart at once): memory stays
# flat over weeks.
max_requests = 2000
max_requests_jitter = 200
# The platform logs one access line per request itself (request id, view, duration), so
# gunicorn's own access log stays off; its error log goes to the journal.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "warning")
# Load the application in each worker, not the master: a restart picks up a new release.
preload_app = False
proc_name = "lms-web"
