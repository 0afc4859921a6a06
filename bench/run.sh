#!/usr/bin/env bash
# Load test of the learner's pages, from an empty database to the table of figures
# (docs/benchmarks.md explains what is measured).
#
#   bench/run.sh [--fresh] [options of bench/load.py …]
#
# --fresh drops the bench database (and its media) first; otherwise an existing one is reused
# (the generator skips, and the plan picks learners who still have lessons and attempts left).
# Environment: BENCH_PG (server URL, default postgres://postgres@127.0.0.1:5432), BENCH_DB
# (lms_bench), BENCH_PORT (8765), BENCH_WORKERS (2), BENCH_LEARNERS (5000), BENCH_WORKDIR
# (a folder under $TMPDIR for media, static files, logs and results).
set -euo pipefail
cd "$(dirname "$0")/.."

DB="${BENCH_DB:-lms_bench}"
# shellcheck source=bench/lib.sh
. bench/lib.sh
bench_help "$@"
PORT="${BENCH_PORT:-8765}"
WORKERS="${BENCH_WORKERS:-2}"

fresh=0
if [[ "${1:-}" == "--fresh" ]]; then
    fresh=1
    shift
fi
bench_db_prepare "$fresh"
mkdir -p "$WORK/static"

echo "== Migrations, demo modules and bench learners (development settings)"
bench_learners
bench_dev -m bench.plan --out "$WORK/plan.json"

echo "== Production settings, gunicorn with $WORKERS workers on 127.0.0.1:$PORT"
bench_production_settings
export ALLOWED_HOSTS="127.0.0.1,localhost"
export DATABASE_CONN_MAX_AGE=60
export BENCH_STATIC_ROOT="$WORK/static"
"$PY" manage.py collectstatic --noinput -v0

.venv/bin/gunicorn lms.wsgi --workers "$WORKERS" --bind "127.0.0.1:$PORT" \
    --error-logfile "$WORK/gunicorn.log" --capture-output &
server=$!
stop() {
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
}
trap stop EXIT INT TERM

for _ in $(seq 1 60); do
    if curl -fs -o /dev/null "http://127.0.0.1:$PORT/healthz" 2>/dev/null; then
        break
    fi
    sleep 0.5
done
curl -fsS -o /dev/null "http://127.0.0.1:$PORT/healthz"

echo "== Load ($(nproc) cores, shared by gunicorn, PostgreSQL and the load generator)"
"$PY" bench/load.py --base "http://127.0.0.1:$PORT" --plan "$WORK/plan.json" \
    --server-pid "$server" --json "$WORK/results.json" "$@"
echo
echo "Results: $WORK/results.json; server log: $WORK/gunicorn.log"
