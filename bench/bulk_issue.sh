#!/usr/bin/env bash
# Bulk certificate issue with real task workers on PostgreSQL (docs/benchmarks.md).
#
#   bench/bulk_issue.sh [--fresh] [--count 500] [--workers 2]
#
# --fresh drops the database first. Environment: BENCH_PG (server URL, default
# postgres://postgres@127.0.0.1:5432), BENCH_DB (lms_bench_certificates), BENCH_LEARNERS (5000).
set -euo pipefail
cd "$(dirname "$0")/.."

DB="${BENCH_DB:-lms_bench_certificates}"
# shellcheck source=bench/lib.sh
. bench/lib.sh
bench_help "$@"

fresh=0
if [[ "${1:-}" == "--fresh" ]]; then
    fresh=1
    shift
fi
bench_db_prepare "$fresh"
bench_learners

# Production settings for the workers: no debug query log, real file storage.
bench_production_settings
export ALLOWED_HOSTS=127.0.0.1 LOG_LEVEL=WARNING
"$PY" -m bench.bulk_issue --json "$WORK/bulk_issue.json" "$@"
