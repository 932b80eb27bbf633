# Sourced by .ci/run (and usable by developers as root): start a throw-away PostgreSQL on
# loopback and export SITETRACK_TEST_PG_URL for the test suite. Stopped on exit.
set -euo pipefail
pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
pg_port=${SITETRACK_PG_PORT:-54329}
pg_data=$(mktemp -d /tmp/sitetrack-pg.XXXXXX)
chown postgres:postgres "$pg_data"
runuser -u postgres -- "$pg_bin/initdb" -D "$pg_data" -A trust -U postgres -E UTF8 >/dev/null
runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_data" -l "$pg_data/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $pg_data -c fsync=off" start >/dev/null
stop_postgres() { runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_data" -m fast -w stop >/dev/null 2>&1 || true; }
trap stop_postgres EXIT
"$pg_bin/createdb" -h 127.0.0.1 -p "$pg_port" -U postgres sitetrack_test
export SITETRACK_TEST_PG_URL="postgresql+psycopg://postgres@127.0.0.1:$pg_port/sitetrack_test"
echo "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$pg_port for the tests"
