#!/usr/bin/env bash
# Bulk certificate issue with real task workers on PostgreSQL (docs/benchmarks.md).
#
#   bench/bulk_issue.sh [--fresh] [--count 500] [--workers 2]
#
# --fresh drops the database first. Environment: BENCH_PG (server URL, default
# postgres://postgres@127.0.0.1:5432), BENCH_DB (lms_bench_certificates), BENCH_LEARNERS (5000).
set -euo pipefail
cd "$(dirname "$0")/.."

PY=.venv/bin/python
PG="${BENCH_PG:-postgres://postgres@127.0.0.1:5432}"
DB="${BENCH_DB:-lms_bench_certificates}"
LEARNERS="${BENCH_LEARNERS:-5000}"
WORK="${BENCH_WORKDIR:-${TMPDIR:-/tmp}/lms-bench-$DB}"

exists() {
    psql "$PG/postgres" -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1
}
if [[ "${1:-}" == "--fresh" ]]; then
    shift
    if exists; then
        psql "$PG/postgres" -q -c "DROP DATABASE \"$DB\""
    fi
    rm -rf "$WORK"
fi
if ! exists; then
    psql "$PG/postgres" -q -c "CREATE DATABASE \"$DB\""
fi
mkdir -p "$WORK/media"
export DATABASE_URL="$PG/$DB" MEDIA_ROOT="$WORK/media" EMAIL_URL="locmem://"

(
    export DJANGO_SETTINGS_MODULE=lms.settings.dev LOG_LEVEL=WARNING
    "$PY" manage.py migrate --noinput -v0
    "$PY" manage.py createcachetable
    "$PY" -m bench.generate_data --learners "$LEARNERS"
)

# Production settings for the workers: no debug query log, real file storage.
export DJANGO_SETTINGS_MODULE=bench.settings
SECRET_KEY="$("$PY" -c 'import secrets; print(secrets.token_urlsafe(50))')"
export SECRET_KEY ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=0 LOG_LEVEL=WARNING
"$PY" -m bench.bulk_issue --json "$WORK/bulk_issue.json" "$@"
