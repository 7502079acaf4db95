#!/usr/bin/env bash
# The addon as administrators install OCA addons: build its wheel with whool
# (pyproject.toml), check the wheel's name and requirements, install it into a
# throw-away folder and install the addon from there, with no other copy of it on the
# addons path, into a new database (no demo data, no tests). Exits non-zero when the
# package is broken. Run by ./test.sh; alone: scripts/test_wheel.sh [--keep]
#
# whool packs the files git tracks and names the distribution after the folder it builds
# in (a clone in main/ would build odoo_addon_main), so the wheel is built from a
# detached worktree named consultation, of HEAD plus the uncommitted changes to tracked
# files (git stash create; new files need `git add`).
set -euo pipefail
source "$(dirname "$0")/common.sh"

keep=0
[ "${1:-}" = "--keep" ] && keep=1

require_odoo
prepare_addons_path
CORE_ADDONS_PATH=${ADDONS_PATH%,"$ADDONS_LINK_DIR"}
WORK=$(mktemp -d)
DB="consultation_wheel_$(date +%s)_$$"
cleanup() {
    dropdb --if-exists "$DB" >/dev/null 2>&1 || true
    git -C "$REPO_DIR" worktree remove --force "$WORK/src/consultation" >/dev/null 2>&1 || true
    [ "$keep" = 1 ] && echo "kept $WORK" || rm -rf "$WORK"
}
trap cleanup EXIT

fail() { printf '%s\n' "$*" >&2; exit 1; }

rev=$(git -C "$REPO_DIR" stash create)
mkdir -p "$WORK/src"
git -C "$REPO_DIR" worktree add --quiet --detach "$WORK/src/consultation" "${rev:-HEAD}"

# The version is the manifest's, without whool's post-release suffix (.N, the commits
# since the version changed), so the name below is known.
version=$("$PYTHON" -c "import ast, sys; print(ast.literal_eval(open(sys.argv[1]).read())['version'])" \
    "$REPO_DIR/__manifest__.py")
# build and whool come from requirements-dev.txt (--no-isolation: no download per run).
WHOOL_POST_VERSION_STRATEGY_OVERRIDE=none "$PYTHON" -m build --wheel --no-isolation \
    --outdir "$WORK/dist" "$WORK/src/consultation" >"$WORK/build.log" 2>&1 \
    || { tail -30 "$WORK/build.log"; fail "whool could not build the wheel."; }
wheel="$WORK/dist/odoo_addon_consultation-$version-py3-none-any.whl"
[ -f "$wheel" ] || fail "No $(basename "$wheel"); built: $(ls "$WORK/dist")"

# Its requirements, as in OCA's wheels: Odoo's series, the OCA addons of `depends`
# (core addons are part of odoo), the Python packages of `external_dependencies`.
"$PYTHON" - "$wheel" <<'EOF' || fail "The wheel's metadata is wrong."
import sys
import zipfile
from email.parser import Parser

with zipfile.ZipFile(sys.argv[1]) as wheel:
    name = next(n for n in wheel.namelist() if n.endswith(".dist-info/METADATA"))
    metadata = Parser().parsestr(wheel.read(name).decode())
    files = set(wheel.namelist())
requires = set(metadata.get_all("Requires-Dist"))
expected = {
    "odoo==18.0.*",
    "odoo-addon-base_tier_validation==18.0.*",
    "odoo-addon-report_xlsx==18.0.*",
    "xlsxwriter",
}
problems = []
if requires != expected:
    problems.append("Requires-Dist %s, expected %s" % (sorted(requires), sorted(expected)))
if metadata["Name"] != "odoo-addon-consultation":
    problems.append("Name %s" % metadata["Name"])
for path in ("__manifest__.py", "static/description/index.html", "i18n/zh_CN.po"):
    if "odoo/addons/consultation/" + path not in files:
        problems.append("odoo/addons/consultation/%s is not in the wheel" % path)
print("\n".join(problems), file=sys.stderr)
sys.exit(1 if problems else 0)
EOF

# --no-deps: the wheel requires the 'odoo' distribution, which packaged Odoo installs
# do not register; the OCA addons are already installed (requirements.txt).
quiet_pip "$PYTHON" --no-deps --target "$WORK/target" "$wheel" \
    || fail "pip could not install $(basename "$wheel")."
addons="$WORK/target/odoo/addons"
found=$("$PYTHON" -c "
import sys
from odoo.tools import config
config.parse_config(['--addons-path=' + sys.argv[1]])
from odoo.modules.module import get_module_path
print(get_module_path('consultation', display_warning=False))" "$CORE_ADDONS_PATH,$addons")
[ "$found" = "$addons/consultation" ] \
    || fail "Odoo finds consultation in '$found', not in the wheel's copy $addons/consultation."

"$PYTHON" -m odoo -d "$DB" --addons-path="$CORE_ADDONS_PATH,$addons" -i consultation \
    --without-demo=all --stop-after-init --no-http --log-level=warn >"$WORK/install.log" 2>&1 \
    || { tail -30 "$WORK/install.log"; fail "Installing from the wheel failed."; }
if grep -E "^[0-9-]+ [0-9:,]+ [0-9]+ (ERROR|CRITICAL) " "$WORK/install.log" >/dev/null; then
    grep -E -A15 " (ERROR|CRITICAL) " "$WORK/install.log" | head -60
    fail "Installing from the wheel logged errors."
fi
state=$(psql -d "$DB" -Atc "SELECT state FROM ir_module_module WHERE name = 'consultation'")
[ "$state" = installed ] || fail "consultation is '$state' after installing from the wheel."
say "$(basename "$wheel") builds and installs"
