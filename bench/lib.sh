# Shared by the bench scripts that build a PostgreSQL database of bench learners; sourced from
# the project's root once DB (the database's name) is set. Environment: BENCH_PG (server URL,
# default postgres://postgres@127.0.0.1:5432), BENCH_LEARNERS (5000), BENCH_WORKDIR (a folder
# under $TMPDIR named after the database).

PY=.venv/bin/python
PG="${BENCH_PG:-postgres://postgres@127.0.0.1:5432}"
LEARNERS="${BENCH_LEARNERS:-5000}"
WORK="${BENCH_WORKDIR:-${TMPDIR:-/tmp}/lms-bench-$DB}"

# bench_help "$@": with -h or --help first, print the script's opening comment and stop.
bench_help() {
    if [[ "${1:-}" == "-h" || "${1:-}" == "--help" ]]; then
        sed -n '2,/^[^#]/{/^#/s/^# \{0,1\}//p}' "$0"
        exit 0
    fi
}

bench_db_exists() {
    psql "$PG/postgres" -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1
}

# bench_db_prepare FRESH: with FRESH=1, drop the database and its work folder first; create the
# database when missing (with no media left from an earlier one), and point Django at it.
bench_db_prepare() {
    if [[ $1 == 1 ]]; then
        if bench_db_exists; then
            echo "Dropping the bench database $DB"
            psql "$PG/postgres" -q -c "DROP DATABASE \"$DB\""
        fi
        rm -rf "$WORK"
    fi
    if ! bench_db_exists; then
        echo "Creating the database $DB"
        psql "$PG/postgres" -q -c "CREATE DATABASE \"$DB\""
        rm -rf "$WORK/media"
    fi
    mkdir -p "$WORK/media"
    export DATABASE_URL="$PG/$DB"
    export MEDIA_ROOT="$WORK/media"
    # Publishing the demo modules mails the authors and reviewers: keep the mail, and the
    # publishing log, out of the way.
    export EMAIL_URL="locmem://"
}

# bench_dev ARGS…: the project's Python under the development settings, warnings only.
bench_dev() {
    DJANGO_SETTINGS_MODULE=lms.settings.dev LOG_LEVEL=WARNING "$PY" "$@"
}

# bench_learners: the tables, the demo modules and LEARNERS bench learners (skipped when the
# database has them already).
bench_learners() {
    bench_dev manage.py migrate --noinput -v0
    bench_dev manage.py createcachetable
    bench_dev -m bench.generate_data --learners "$LEARNERS"
}

# bench_production_settings: the production settings with a throwaway secret key.
bench_production_settings() {
    export DJANGO_SETTINGS_MODULE=bench.settings
    SECRET_KEY="$("$PY" -c 'import secrets; print(secrets.token_urlsafe(50))')"
    export SECRET_KEY SECURE_SSL_REDIRECT=0
}
