#!/usr/bin/env bash
# Counts the instructions one PostgreSQL backend executes for the mega day's hold-and-confirms,
# under valgrind's callgrind: a measure of the adapter's SQL that the machine's noise does not
# touch (docs/benchmarks.md, "counting the server's instructions").
#
# Usage: benchmarks/scripts/count-instructions.sh DATA_DIR OS_USER PORT SCHEMA [LABEL]
#   DATA_DIR  the data directory of a PostgreSQL cluster you may stop and start (not production)
#   OS_USER   the operating-system user that owns it (single-user mode refuses root)
#   PORT      the port it listens on, on 127.0.0.1, trusting local connections as "postgres"
#   SCHEMA    a schema to DROP and seat the day into (PostgresLoad --schema)
#   LABEL     names the output files under ./count-instructions/ (default: run)
#
# Needs valgrind, psql, the cluster's server binaries (PGBIN, default: the directory of the
# "postgres" on PATH, else the newest /usr/lib/postgresql/*/bin) and benchmarks/target/benchmarks.jar
# (mvn -B -ntp install -DskipTests). Steps:
#   1. PostgresLoad with one worker and one connection seats the day into SCHEMA (it starts and
#      ends with the server running);
#   2. the 398 commands the run confirmed, in its order, become a script of EXECUTEs of a prepared
#      hold_and_confirm, read from the idempotency ledger it left;
#   3. with the server stopped, an unmeasured single-user backend resets the day (assignments,
#      ledger, history and holds deleted, the bookings PENDING again) and vacuums;
#   4. a second single-user backend runs the script under callgrind; every answer must be OK.
# To compare two versions of the functions, apply each R__functions.sql (or an index) to SCHEMA
# with psql between runs of step 3 and 4: run this script with SKIP_LOAD=1 to repeat only those.
set -euo pipefail

if [[ $# -lt 4 ]]; then
  sed -n '2,24p' "$0" >&2
  exit 2
fi
data=$1 user=$2 port=$3 schema=$4 label=${5:-run}
[[ $schema =~ ^[a-z_][a-z0-9_]{0,62}$ ]] || { echo "bad schema name: $schema" >&2; exit 2; }
if [[ -z ${PGBIN:-} ]]; then
  if command -v postgres >/dev/null; then
    PGBIN=$(dirname "$(command -v postgres)")
  else
    PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  fi
fi
out=$PWD/count-instructions
mkdir -p "$out"
chmod 777 "$out"
psql=(psql -h 127.0.0.1 -p "$port" -U postgres -At -v ON_ERROR_STOP=1 -q)
as_owner() { su "$user" -s /bin/bash -c "$1"; }
# the server's own options, to start it again as it was (its first word is the binary)
options=$(as_owner "cat '$data/postmaster.opts'" | sed -E 's/^[^ ]+ //; s/"//g')

if [[ -z ${SKIP_LOAD:-} ]]; then
  java -cp benchmarks/target/benchmarks.jar dev.capacity.benchmarks.PostgresLoad \
    --url "jdbc:postgresql://127.0.0.1:$port/postgres?user=postgres" --schema "$schema" \
    --workers 1 --pool 1 --repeat 1 --no-pgbench >"$out/load.txt"
  {
    echo "SET search_path = $schema;"
    echo "PREPARE hc(text, text, text[], text, text) AS"
    echo "  SELECT (hold_and_confirm(\$1, \$2, \$3, \$4, \$5)).code;"
    "${psql[@]}" -c "SELECT format('EXECUTE hc(%L, %L, %L, %L, %L);', restaurant_id, booking_id,
                            table_ids, idempotency_key, 'count-instructions')
                       FROM $schema.idempotency_ledger ORDER BY created_at"
  } | tr '\n' ' ' | sed -e 's/; /;\n/g' >"$out/commands.sql"
  # the reset below assumes every seated booking was PENDING before the run
  check=$("${psql[@]}" -c "SELECT (SELECT count(*) FROM $schema.booking WHERE status = 'CONFIRMED')
                                 = (SELECT count(*) FROM $schema.booking_history
                                     WHERE from_status = 'PENDING' AND to_status = 'CONFIRMED')")
  [[ $check == t ]] || { echo "a booking was CONFIRMED before the run: cannot reset" >&2; exit 1; }
fi
commands=$(grep -c '^EXECUTE' "$out/commands.sql")

cat >"$out/reset.sql" <<EOF
SET search_path = $schema;
DELETE FROM occupancy WHERE kind <> 'BLOCK';
DELETE FROM idempotency_ledger;
DELETE FROM booking_history;
DELETE FROM hold;
UPDATE booking SET status = 'PENDING', version = version - 2 WHERE status = 'CONFIRMED';
VACUUM;
EOF

start_server() {
  as_owner "'$PGBIN/pg_ctl' -D '$data' -l '$out/server.log' -w -o '$options' start" >/dev/null
}
as_owner "'$PGBIN/pg_ctl' -D '$data' -w stop -m fast" >/dev/null
trap start_server EXIT
as_owner "'$PGBIN/postgres' --single -D '$data' postgres <'$out/reset.sql'" >"$out/reset.$label.txt" 2>&1
as_owner "valgrind --tool=callgrind --callgrind-out-file='$out/callgrind.$label.out' \
  '$PGBIN/postgres' --single -D '$data' postgres <'$out/commands.sql'" \
  >"$out/answers.$label.txt" 2>"$out/valgrind.$label.txt"
ok=$(grep -c 'code = "OK"' "$out/answers.$label.txt" || true)
total=$(grep -o 'Collected : [0-9]*' "$out/valgrind.$label.txt" | grep -o '[0-9]*$')
echo "$label: $ok of $commands answers OK; $total instructions ($(( total / 1000000 )) million)"
[[ $ok == "$commands" ]] || { echo "not every command answered OK" >&2; exit 1; }
