#!/usr/bin/env bash
# The Docker entrypoint's choice (docker/entrypoint.sh), against the local PostgreSQL
# and with the official entrypoint replaced by one that prints what it would run: a
# database without the addon gets -i consultation, one that has it -u consultation,
# other commands pass unchanged. Run by ./test.sh; needs no Docker.
set -euo pipefail
REPO_DIR=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d)
DB="consultation_entrypoint_$(date +%s)_$$"
trap 'dropdb --if-exists "$DB" >/dev/null 2>&1 || true; rm -rf "$WORK"' EXIT

printf '#!/bin/sh\necho "$*"\n' >"$WORK/official" && chmod +x "$WORK/official"
# The local server through its socket, as the current role (no password needed).
socket=$(psql -d postgres -Atc "SHOW unix_socket_directories" | cut -d, -f1)
export OFFICIAL_ENTRYPOINT="$WORK/official" HOST=$socket PORT=$(psql -d postgres -Atc "SHOW port") \
    USER=$(psql -d postgres -Atc "SELECT current_user") PASSWORD=unused

failed=0
expect() {  # expect WANTED ARGS...: the entrypoint run with ARGS execs WANTED
    local wanted=$1 got
    shift
    got=$("$REPO_DIR/docker/entrypoint.sh" "$@" | tail -1)
    if [ "$got" != "$wanted" ]; then
        echo "entrypoint $*: ran '$got', expected '$wanted'" >&2
        failed=1
    fi
}

# No database yet (the first `docker compose up`): install.
expect "--database=$DB --db-filter=^$DB\$ -i consultation --load-language=zh_CN" \
    --database="$DB" --db-filter="^$DB\$"
# A database without the modules table (created by hand), then one where the addon was
# uninstalled: install.
createdb "$DB"
expect "odoo -d $DB -i consultation --load-language=zh_CN" odoo -d "$DB"
psql -q -d "$DB" -c "CREATE TABLE ir_module_module (name varchar, state varchar);
    INSERT INTO ir_module_module VALUES ('base', 'installed'), ('consultation', 'uninstalled')"
expect "--database=$DB -i consultation --load-language=zh_CN" --database="$DB"
# The addon is installed (every later start): upgrade, nothing installed again.
psql -q -d "$DB" -c "UPDATE ir_module_module SET state = 'installed' WHERE name = 'consultation'"
expect "--database=$DB -u consultation" --database="$DB"
expect "odoo --db_name=$DB -u consultation" odoo --db_name="$DB"
# Not the server: unchanged.
expect "odoo shell -d $DB" odoo shell -d "$DB"
expect "bash" bash
exit $failed
