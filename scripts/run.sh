#!/usr/bin/env bash
# Start the demo: migrate, seed, then the web server and the task worker; Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
export DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-lms.settings.dev}"
ADDRESS="${ADDRESS:-127.0.0.1:8000}"
# runserver takes "port" or "host:port"; the URL printed below needs both.
if [[ "$ADDRESS" == *:* ]]; then host="${ADDRESS%:*}" port="${ADDRESS##*:}"; else host=127.0.0.1 port="$ADDRESS"; fi
case "$host" in
    # Listening everywhere: other machines reach this one by its first network address.
    0.0.0.0 | "[::]" | "") host="$(hostname -I 2>/dev/null | awk '{print $1}')" ;;
esac
[[ "$host" == *:* && "$host" != \[* ]] && host="[$host]"
LOCAL_URL="http://${host:-127.0.0.1}:$port"
# Links in emails and the certificates' QR codes point at the address served here, unless
# SITE_URL names the public one (behind a proxy, for instance).
export SITE_URL="${SITE_URL:-$LOCAL_URL}"
# The console shows problems only (warnings and errors), and the emails the demo sends.
export LOG_LEVEL="${LOG_LEVEL:-WARNING}"

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
echo "The platform is running at $LOCAL_URL/  (Ctrl-C stops it)"
echo "Demo logins are listed above; the Wagtail admin is at $LOCAL_URL/admin/"
[[ "$SITE_URL" == "$LOCAL_URL" ]] || echo "Links in emails and certificates point at $SITE_URL/ (SITE_URL)"
wait -n "${pids[@]}"
