#!/usr/bin/env bash
# The set-up path of ./run.sh, as on a machine where no Python imports Odoo 18: in a
# temporary copy of this repository, with a Python that has no Odoo, `./run.sh --yes`
# must set Odoo 18 up in the copy's .venv/ from ODOO_SOURCE (on CI: a local Odoo 18
# tree, so nothing is cloned), create the demo database and serve it; a second run must
# reuse .venv/. Run by `./test.sh --bootstrap`; everything it creates is removed after.
set -euo pipefail
source "$(dirname "$0")/common.sh"

TMP=$(mktemp -d "${TMPDIR:-/tmp}/consultation-bootstrap.XXXXXX")
COPY="$TMP/consultation"
DB="consultation_bootstrap_$(date +%s)_$$"
SERVER_PID=""
cleanup() {
    # The first run and whatever it started (pip, Odoo) form one process group.
    if [ -n "$SERVER_PID" ]; then
        kill -- "-$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    dropdb --if-exists "$DB" >/dev/null 2>&1 || true
    rm -rf "$TMP"
}
trap cleanup EXIT
fail() {
    printf '\033[1;31mbootstrap:\033[0m %s\n' "$*" >&2
    [ -f "$TMP/run.log" ] && tail -40 "$TMP/run.log" >&2
    exit 1
}

say "Copying the repository to $COPY (without .venv/ and .git)"
mkdir -p "$COPY"
tar -C "$REPO_DIR" --exclude=./.venv --exclude=./.git --exclude=__pycache__ \
    --exclude=./.ruff_cache --exclude=./.pytest_cache -cf - . | tar -C "$COPY" -xf -

# A Python without Odoo, whatever this machine's python3 has: a bare virtual environment.
python3 -m venv --without-pip "$TMP/no-odoo" || fail "could not create a bare Python"
! has_odoo18 "$TMP/no-odoo/bin/python" || fail "the bare Python imports Odoo"

port=$(python3 -c "import socket; s=socket.socket(); s.bind(('127.0.0.1',0)); print(s.getsockname()[1])")
export ODOO_PYTHON="$TMP/no-odoo/bin/python" CONSULTATION_DB="$DB"
export CONSULTATION_ADDONS_DIR="$TMP/addons"  # not the shared default link folder
start=$(date +%s)
say "First run: ./run.sh --yes --http-port $port (ODOO_SOURCE=${ODOO_SOURCE:-$ODOO_SOURCE_DEFAULT})"
(cd "$COPY" && exec setsid ./run.sh --yes --http-port "$port" </dev/null >"$TMP/run.log" 2>&1) &
SERVER_PID=$!
# run.sh ends by exec'ing the Odoo server: wait until it answers, or until it gives up.
until curl -fsS -o /dev/null "http://127.0.0.1:$port/web/login" 2>/dev/null; do
    kill -0 "$SERVER_PID" 2>/dev/null || fail "./run.sh --yes stopped before serving"
    [ $(($(date +%s) - start)) -lt 3600 ] || fail "nothing served after an hour"
    sleep 5
done
say "Served after $(($(date +%s) - start)) s"
grep -q "Setting up\|Installing Odoo 18 into .venv" "$TMP/run.log" \
    || fail "the first run did not say it set Odoo up"
# Read the page whole: `curl | grep -q` fails under pipefail when grep stops reading early.
board=$(curl -fsS "http://127.0.0.1:$port/consultation") \
    || fail "the demo's public board /consultation does not answer"
[[ $board == *协商* ]] || fail "the public board is not the Chinese demo"
odoo_file=$("$COPY/.venv/bin/python" -c "import odoo; print(odoo.__file__)")
[[ $odoo_file == "$COPY/.venv/src/odoo/"* ]] || fail "Odoo is imported from $odoo_file, not .venv/"
"$COPY/.venv/bin/python" -c "import odoo.addons.base_tier_validation, odoo.addons.report_xlsx" \
    || fail "the OCA addons are not importable from .venv/"
kill -- "-$SERVER_PID"
wait "$SERVER_PID" 2>/dev/null || true
SERVER_PID=""

second=$(date +%s)
say "Second run: ./run.sh --yes --stop-after-init reuses .venv/"
(cd "$COPY" && ./run.sh --yes --http-port "$port" --stop-after-init </dev/null >"$TMP/run.log" 2>&1) \
    || fail "the second run failed"
grep -q "Using Odoo 18 from $COPY/.venv" "$TMP/run.log" || fail "the second run did not use .venv/"
! grep -q "Installing Odoo 18 into" "$TMP/run.log" || fail "the second run set Odoo up again"
say "Second run took $(($(date +%s) - second)) s; .venv/ is $(du -sh "$COPY/.venv" | cut -f1)"
