#!/bin/bash
# Entrypoint of the Docker image (Dockerfile): before handing over to the official odoo:18
# entrypoint, decide whether the database still needs the addon installed
# (-i consultation, with Chinese) or has it and is upgraded to this image's code
# (-u consultation). So `docker compose up` installs once, on the first start, and later
# starts keep the data and apply the new version's migrations.
# The database is the one named by --database/-d/--db_name (default: consultation); the
# connection comes from HOST, PORT, USER, PASSWORD, as for the official entrypoint.
# Commands other than the Odoo server (odoo shell, scaffold, bash...) pass unchanged.
set -euo pipefail

: "${HOST:=db}"
: "${PORT:=5432}"
: "${USER:=odoo}"
: "${PASSWORD:=odoo}"
OFFICIAL_ENTRYPOINT=${OFFICIAL_ENTRYPOINT:-/entrypoint.sh}

# database_name ARGS...: the database the server is started on.
database_name() {
    local db=consultation
    while [ $# -gt 0 ]; do
        case $1 in
            --database=* | --db_name=*) db=${1#*=} ;;
            -d | --database | --db_name) db=${2:-$db}; shift ;;
        esac
        shift
    done
    echo "$db"
}

# module_state DB: the addon's state in DB, empty when the database, its modules table
# or the addon's row do not exist yet.
module_state() {
    PGPASSWORD=$PASSWORD psql -h "$HOST" -p "$PORT" -U "$USER" -d "$1" -qAt \
        -c "SELECT state FROM ir_module_module WHERE name = 'consultation'" 2>/dev/null || true
}

# init_args STATE: the Odoo options that bring the database to this image's addon.
init_args() {
    case $1 in
        installed | "to upgrade") echo "-u consultation" ;;
        *) echo "-i consultation --load-language=zh_CN" ;;
    esac
}

# is_server ARGS...: whether the command starts the Odoo server.
is_server() {
    case ${1:-} in
        -*) return 0 ;;
        odoo) [ $# -eq 1 ] || [[ ${2:-} == -* ]] ;;
        *) return 1 ;;
    esac
}

wait_for_db() {
    local i
    for i in $(seq 1 30); do
        PGPASSWORD=$PASSWORD pg_isready -q -h "$HOST" -p "$PORT" -U "$USER" && return 0
        sleep 1
    done
    echo "PostgreSQL at $HOST:$PORT does not answer." >&2
    return 1
}

main() {
    if ! is_server "$@"; then
        exec "$OFFICIAL_ENTRYPOINT" "$@"
    fi
    wait_for_db
    local db state args
    db=$(database_name "$@")
    state=$(module_state "$db")
    # shellcheck disable=SC2207
    args=($(init_args "$state"))
    echo "consultation in database $db: ${state:-not installed}; starting Odoo with ${args[*]}"
    exec "$OFFICIAL_ENTRYPOINT" "$@" "${args[@]}"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    main "$@"
fi
