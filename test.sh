#!/usr/bin/env bash
# Run every check of the addon on a fresh database and exit non-zero on any failure,
# or when no test ran:
#   1. the pre-commit hooks (ruff, pylint-odoo, OCA's checks, prettier); the wheel
#      (pyproject.toml, whool) builds and the addon installs from it alone
#   2. install with demo data and Chinese, running the whole Odoo test suite
#      (--test-tags /consultation: at_install and post_install tests, tours included);
#      no ERROR, and no WARNING from the addon, may appear in the log
#   3. upgrade (-u consultation) of that database, with its data, runs clean
#   4. a database made by the last release listed in RELEASES (demo data) upgrades to
#      the working tree cleanly and keeps its records
#   5. the benchmark runs at small scale (./bench.sh --scale small) and prints its JSON
#   6. uninstalling the addon keeps every meeting's calendar event and leaves nothing
#      behind; it installs again
# Usage: ./test.sh [options] [extra Odoo arguments, e.g. --test-tags /consultation:TestRoom]
#   --pytest     also run the suite with pytest-odoo on the database just built
#   --bootstrap  only test the set-up of Odoo 18 in .venv/ by ./run.sh, in a temporary
#                copy of this repository (ODOO_SOURCE, e.g. a local Odoo 18 tree; it
#                installs many packages and takes minutes, so CI does not run it)
#   --yes        set Odoo 18 up in .venv/ without asking, if no Python imports it
set -euo pipefail
source "$(dirname "$0")/scripts/common.sh"

with_pytest=0
bootstrap_only=0
odoo_args=()
for arg in "$@"; do
    case $arg in
        --pytest) with_pytest=1 ;;
        --bootstrap) bootstrap_only=1 ;;
        -y | --yes) ASSUME_YES=1 ;;
        *) odoo_args+=("$arg") ;;
    esac
done
set -- "${odoo_args[@]}"

passed=0
failed=0
check() {  # check NAME COMMAND...: run a step, count it, keep going
    local name=$1
    shift
    if "$@"; then
        passed=$((passed + 1))
        say "ok: $name"
    else
        failed=$((failed + 1))
        printf '\033[1;31mFAILED:\033[0m %s\n' "$name"
    fi
}

if [ "$bootstrap_only" = 1 ]; then
    check "./run.sh --yes sets Odoo 18 up in .venv/ from ${ODOO_SOURCE:-$ODOO_SOURCE_DEFAULT} and serves the demo" \
        "$REPO_DIR/scripts/test_bootstrap.sh"
    echo
    echo "$passed passed, $failed failed"
    [ "$failed" -eq 0 ]
    exit
fi

require_odoo
ensure_system_packages --with-browser --with-node
install_python_requirements "$REPO_DIR/requirements-dev.txt"
ensure_postgres
prepare_addons_path

cd "$REPO_DIR"
# The hooks a contributor's commit runs (.pre-commit-config.yaml): ruff, pylint-odoo,
# OCA's module and .po checks, prettier. They may fix files: the step then fails and
# shows the change.
say "Running the pre-commit hooks (pre-commit run --all-files)"
check "pre-commit hooks (ruff, pylint-odoo, oca-checks, prettier)" \
    "$PYTHON" -m pre_commit run --all-files --show-diff-on-failure --color=never

DB="consultation_test_$(date +%s)_$$"
RELEASE_DB="${DB}_release"
LOG_DIR=$(mktemp -d)
RELEASE_DIR=$LOG_DIR/release
CORE_ADDONS_PATH=${ADDONS_PATH%,"$ADDONS_LINK_DIR"}
cleanup() {
    dropdb --if-exists "$DB" >/dev/null 2>&1 || true
    dropdb --if-exists "$RELEASE_DB" >/dev/null 2>&1 || true
    if [ -d "$RELEASE_DIR/consultation" ]; then
        git -C "$REPO_DIR" worktree remove --force "$RELEASE_DIR/consultation" >/dev/null 2>&1 || true
    fi
}
trap cleanup EXIT
free_port() { "$PYTHON" -c "import socket; s=socket.socket(); s.bind(('127.0.0.1',0)); print(s.getsockname()[1])"; }

# An ERROR anywhere, or a WARNING raised by this addon, fails the step.
log_is_clean() {
    local log=$1
    if grep -E "^[0-9-]+ [0-9:,]+ [0-9]+ (ERROR|CRITICAL) " "$log" >/dev/null \
        || grep -E "^[0-9-]+ [0-9:,]+ [0-9]+ WARNING [^ ]+ odoo\.addons\.consultation" "$log" >/dev/null; then
        grep -E -A15 "^[0-9-]+ [0-9:,]+ [0-9]+ (ERROR|CRITICAL|WARNING [^ ]+ odoo\.addons\.consultation)" \
            "$log" | head -200
        return 1
    fi
}

say "Building the wheel and installing the addon from it (scripts/test_wheel.sh)"
check "the wheel builds, names its requirements and installs the addon" \
    env ODOO_PYTHON="$PYTHON" CONSULTATION_ADDONS_DIR="$ADDONS_LINK_DIR" "$REPO_DIR/scripts/test_wheel.sh"

check "the Docker entrypoint installs the addon once, then upgrades it" \
    "$REPO_DIR/scripts/test_docker_entrypoint.sh"

say "Installing on a fresh database and running the test suite ($DB)"
odoo_bin -d "$DB" --addons-path="$ADDONS_PATH" -i consultation --load-language=zh_CN \
    --test-tags /consultation --stop-after-init --http-port="$(free_port)" \
    --log-level=test "$@" 2>&1 | tee "$LOG_DIR/install.log" | grep -E --line-buffered \
    " (ERROR|CRITICAL|WARNING) |odoo\.tests\.(stats|result)|: (FAIL|ERROR):|Starting |post-tests in" \
    || true
report=$(grep -Eo "[0-9]+ failed, [0-9]+ error\(s\) of [0-9]+ tests" "$LOG_DIR/install.log" | tail -1 || true)
if [ -z "$report" ]; then
    failed=$((failed + 1))
    printf '\033[1;31mFAILED:\033[0m the test run did not finish (no test report in the log)\n'
else
    read -r t_failed t_errors t_run < <(echo "$report" | sed -E 's/([0-9]+) failed, ([0-9]+) error\(s\) of ([0-9]+) tests/\1 \2 \3/')
    if [ "$t_run" -eq 0 ]; then
        failed=$((failed + 1))
        printf '\033[1;31mFAILED:\033[0m no test ran\n'
    fi
    passed=$((passed + t_run - t_failed - t_errors))
    failed=$((failed + t_failed + t_errors))
    say "Odoo tests: $report"
fi
check "install log has no ERROR, and no WARNING from consultation" log_is_clean "$LOG_DIR/install.log"

if [ "$with_pytest" = 1 ]; then
    say "Running the test suite with pytest-odoo on $DB"
    # pytest-odoo names the test modules after the addon's folder: run them through the
    # link named 'consultation'. --odoo-http serves the HttpCase tests and tours.
    check "pytest-odoo on that database" "$PYTHON" -m pytest -p no:cacheprovider -p no:warnings -q \
        --odoo-database="$DB" --odoo-addons-path="$ADDONS_PATH" --odoo-http \
        "$ADDONS_LINK_DIR/consultation/tests"
fi

say "Upgrading the addon on that database (-u consultation)"
odoo_bin -d "$DB" --addons-path="$ADDONS_PATH" -u consultation --stop-after-init \
    --http-port="$(free_port)" --log-level=info >"$LOG_DIR/upgrade.log" 2>&1 || true
check "upgrade (-u consultation) runs clean" log_is_clean "$LOG_DIR/upgrade.log"

odoo_shell() {  # odoo_shell DB SCRIPT [ADDONS_PATH]: run a check script in `odoo shell`
    odoo_bin shell -d "$1" --addons-path="${3:-$ADDONS_PATH}" --no-http --log-level=warn <"$2"
}

# The last release listed in RELEASES, installed from its commit, upgraded to this tree.
upgrade_from_release() {
    local version commit
    read -r version commit < <(grep -v '^#' "$REPO_DIR/RELEASES" | grep . | tail -1)
    if ! git -C "$REPO_DIR" cat-file -e "$commit^{commit}" 2>/dev/null; then
        say "skipped: this clone lacks the commit of release $version ($commit)"
        return 0
    fi
    say "Installing release $version ($commit) with demo data, then upgrading it to this tree"
    mkdir -p "$RELEASE_DIR"
    git -C "$REPO_DIR" worktree add --quiet --detach "$RELEASE_DIR/consultation" "$commit" \
        && odoo_bin -d "$RELEASE_DB" --addons-path="$CORE_ADDONS_PATH,$RELEASE_DIR" \
            -i consultation --stop-after-init --no-http --log-level=warn \
            >"$LOG_DIR/release-install.log" 2>&1 \
        && log_is_clean "$LOG_DIR/release-install.log" \
        && CHECK_STEP=before CHECK_FILE="$LOG_DIR/release.json" \
            odoo_shell "$RELEASE_DB" "$REPO_DIR/scripts/upgrade_check.py" \
            "$CORE_ADDONS_PATH,$RELEASE_DIR" \
        && odoo_bin -d "$RELEASE_DB" --addons-path="$ADDONS_PATH" -u consultation \
            --stop-after-init --no-http --log-level=info >"$LOG_DIR/release-upgrade.log" 2>&1 \
        && log_is_clean "$LOG_DIR/release-upgrade.log" \
        && CHECK_STEP=after CHECK_FILE="$LOG_DIR/release.json" \
            odoo_shell "$RELEASE_DB" "$REPO_DIR/scripts/upgrade_check.py"
}
check "upgrade from the last recorded release keeps the data" upgrade_from_release

# The benchmark's smoke test: ./bench.sh at small scale on a copy of the test
# database; it must finish and print its JSON (no timing is asserted here).
bench_smoke() {
    # Through ./bench.sh, as the README tells users to run it: the same Odoo and
    # addons path found the same way (ODOO_PYTHON passed on).
    ODOO_PYTHON=$PYTHON "$REPO_DIR/bench.sh" --scale small --template "$DB" \
        >"$LOG_DIR/bench.log" 2>&1 || {
        tail -30 "$LOG_DIR/bench.log"
        return 1
    }
    grep -v "^[0-9-]* [0-9:,]* [0-9]* " "$LOG_DIR/bench.log" | tail -16
    tail -1 "$LOG_DIR/bench.log" | "$PYTHON" -c "
import json, sys
figures = json.loads(sys.stdin.read())
keys = {'floor', 'topic', 'meeting', 'analysis', 'compliance', 'supervision', 'minutes',
        'booklet', 'notice', 'install'}
sys.exit(0 if keys <= figures.keys() else 'missing keys: %s' % (keys - figures.keys()))"
}
say "Benchmark smoke test (./bench.sh --scale small)"
check "./bench.sh --scale small prints its figures" bench_smoke

# Uninstall the addon from the test database (demo data), then install it again.
uninstall_and_reinstall() {
    local step
    for step in before uninstall after; do
        CHECK_STEP=$step CHECK_FILE="$LOG_DIR/uninstall.json" \
            odoo_shell "$DB" "$REPO_DIR/scripts/uninstall_check.py" >"$LOG_DIR/uninstall-$step.log" 2>&1
        local status=$?
        grep -v "^[0-9-]* [0-9:,]* [0-9]* \(INFO\|WARNING\) \|security risk" \
            "$LOG_DIR/uninstall-$step.log" | head -20
        [ "$status" -eq 0 ] && log_is_clean "$LOG_DIR/uninstall-$step.log" || return 1
    done
    odoo_bin -d "$DB" --addons-path="$ADDONS_PATH" -i consultation --stop-after-init --no-http \
        --log-level=info >"$LOG_DIR/reinstall.log" 2>&1 && log_is_clean "$LOG_DIR/reinstall.log"
}
say "Uninstalling the addon (the calendar stays), then installing it again"
check "uninstall keeps the calendar, leaves nothing behind, installs again" uninstall_and_reinstall

echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
