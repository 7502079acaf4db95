#!/usr/bin/env bash
# The benchmarks of bench/, with the Odoo 18 and the addons path ./run.sh and ./test.sh use:
#   ./bench.sh --scale small                  bench/run.py (about a minute)
#   ./bench.sh --scale province --keep
#   ./bench.sh access_lists.py --rooms 200    another script of bench/, with its arguments
#   ODOO_PYTHON=/path/python ./bench.sh ...   (--yes: set Odoo 18 up in .venv/ without asking)
set -euo pipefail
source "$(dirname "$0")/scripts/common.sh"

script=run.py
if [[ ${1:-} == *.py ]]; then
    script=$1
    shift
fi
[ -f "$REPO_DIR/bench/$script" ] || die "bench/$script: no such benchmark."
bench_args=()
for arg in "$@"; do
    case $arg in
        -y | --yes) ASSUME_YES=1 ;;
        *) bench_args+=("$arg") ;;
    esac
done

require_odoo
install_python_requirements >/dev/null
ensure_postgres
prepare_addons_path

# The scripts take their addons path from ODOO_ADDONS_PATH when not given one.
export ODOO_ADDONS_PATH=$ADDONS_PATH
exec "$PYTHON" "$REPO_DIR/bench/$script" "${bench_args[@]}"
