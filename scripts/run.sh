#!/usr/bin/env bash
# Start the demo: migrate, seed, then the web server and the task worker; Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
export DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-lms.settings.dev}"
ADDRESS="${ADDRESS:-127.0.0.1:8000}"

"$PY" scripts/check_system.py
# Migrations and tasks may run statements longer than a page may (DATABASE_STATEMENT_TIMEOUT).
DATABASE_STATEMENT_TIMEOUT=0 "$PY" manage.py migrate --noinput -v 0
# Rate limits and lock-outs are kept in a database table that every process shares.
"$PY" manage.py createcachetable
"$PY" manage.py seed_demo

pids=()
stop() {
    trap - INT TERM EXIT
    echo
    echo "Stopping the web server and the task worker…"
    for pid in "${pids[@]}"; do pkill -P "$pid" 2>/dev/null || true; done
    kill "${pids[@]}" 2>/dev/null || true
    wait "${pids[@]}" 2>/dev/null || true
}
trap stop INT TERM EXIT

# Tasks a killed worker left running are marked failed, except certificates (issuing is
# idempotent), which are queued again; bulk issues cut short by a stopped worker carry on; the
# worker restarts after 500 tasks so that memory stays flat over long runs.
"$PY" manage.py recover_tasks --requeue certification.tasks.issue_certificate
"$PY" manage.py resume_certificate_batches
(while true; do
    DATABASE_STATEMENT_TIMEOUT=0 "$PY" manage.py db_worker --interval 1 --max-tasks 500 || exit
done) &
pids+=($!)
"$PY" manage.py runserver "$ADDRESS" &
pids+=($!)

echo
echo "The platform is running at http://$ADDRESS/  (Ctrl-C stops it)"
echo "Demo logins are listed above; the Wagtail admin is at http://$ADDRESS/admin/"
wait -n "${pids[@]}"
