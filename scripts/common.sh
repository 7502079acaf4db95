# Shared set-up for run.sh and test.sh: find Odoo 18, install what the addon needs,
# make sure PostgreSQL answers, and lay out an addons path. Sourced, not executed.

REPO_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PYTHON=${ODOO_PYTHON:-python3}

say() { printf '\033[1;34m==>\033[0m %s\n' "$*"; }
die() { printf '\033[1;31mError:\033[0m %s\n' "$*" >&2; exit 2; }

require_odoo() {
    if ! command -v "$PYTHON" >/dev/null 2>&1; then
        die "No Python interpreter '$PYTHON' found. Set ODOO_PYTHON to the Python that runs your Odoo 18."
    fi
    if ! "$PYTHON" -c "import odoo.release, sys; sys.exit(odoo.release.version_info[0] != 18)" \
        >/dev/null 2>&1; then
        cat >&2 <<EOF

  This addon runs inside Odoo 18, and '$PYTHON' cannot import Odoo 18.
  Odoo is not on PyPI, so it is not installed by this script. Either install
  Odoo 18 Community (https://www.odoo.com/documentation/18.0/administration/
  on_premise/source.html: clone the 18.0 branch, 'pip install -r requirements.txt'
  and 'pip install -e .'), then run this again, or point ODOO_PYTHON at the
  interpreter of an existing Odoo 18 (e.g. ODOO_PYTHON=/opt/odoo/venv/bin/python
  ./run.sh). With Docker instead: 'docker compose up' (see README.md).

EOF
        exit 2
    fi
    ODOO_DIR=$("$PYTHON" -c "import odoo, os; print(os.path.dirname(odoo.__file__))")
}

# Debian packages the reports and browser tests need: a PDF engine, a font that has
# Chinese glyphs, a headless browser. Installed only where missing and when we may.
ensure_system_packages() {
    local missing=()
    command -v wkhtmltopdf >/dev/null 2>&1 || missing+=(wkhtmltopdf)
    # grep reads the whole list (no -q): fc-list must not die of SIGPIPE under pipefail.
    fc-list 2>/dev/null | grep -i "Noto Serif CJK SC" >/dev/null || missing+=(fonts-noto-cjk)
    # The page numbers and fingerprints are stamped in an embedded TrueType face.
    [ -e /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc ] || missing+=(fonts-wqy-zenhei)
    if [ "${1:-}" = "--with-browser" ]; then
        command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 \
            || command -v google-chrome >/dev/null 2>&1 || missing+=(chromium)
    fi
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        say "Installing ${missing[*]} (Debian packages)"
        apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive \
            apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
            || die "apt-get could not install ${missing[*]}."
    else
        say "Warning: ${missing[*]} missing; PDF reports or browser tests may fail." \
            "Install them with your package manager."
    fi
}

install_python_requirements() {
    say "Installing Python dependencies (requirements.txt)"
    # The OCA wheels declare a dependency on the 'odoo' distribution, which is not on
    # PyPI and which packaged Odoo installs (Debian, Docker) do not register: install
    # them without dependency resolution, everything else normally.
    local reqs=("$REPO_DIR/requirements.txt" "$@")
    local oca others
    oca=$(grep -h '^odoo-addon-' "${reqs[@]}" || true)
    others=$(grep -hv -e '^odoo-addon-' -e '^#' -e '^$' "${reqs[@]}" || true)
    # shellcheck disable=SC2086
    "$PYTHON" -m pip install -q --disable-pip-version-check --no-deps $oca 2>&1 \
        | grep -v "^WARNING: \(Location\|Running pip\)" || true
    # shellcheck disable=SC2086
    "$PYTHON" -m pip install -q --disable-pip-version-check $others 2>&1 \
        | grep -v "^WARNING: \(Location\|Running pip\)" || true
    "$PYTHON" -c "import odoo.addons.base_tier_validation, odoo.addons.report_xlsx, xlsxwriter" \
        2>/dev/null || die "The OCA addons base_tier_validation and report_xlsx could not be installed."
}

ensure_postgres() {
    if pg_isready -q 2>/dev/null && psql -d postgres -c 'select 1' >/dev/null 2>&1; then
        return 0
    fi
    if command -v pg_lsclusters >/dev/null 2>&1; then
        say "Starting the local PostgreSQL"
        local version cluster
        while read -r version cluster _; do
            pg_ctlcluster --skip-systemctl-redirect "$version" "$cluster" start 2>/dev/null || true
        done < <(pg_lsclusters -h)
        for _ in 1 2 3 4 5 6 7 8 9 10; do pg_isready -q && break; sleep 1; done
    fi
    pg_isready -q 2>/dev/null || die "PostgreSQL is not running and could not be started.
Start it, or set PGHOST/PGPORT/PGUSER/PGPASSWORD to reach yours."
    if ! psql -d postgres -c 'select 1' >/dev/null 2>&1; then
        if [ "$(id -u)" = 0 ] && id postgres >/dev/null 2>&1; then
            say "Creating the PostgreSQL role '$(whoami)'"
            su postgres -c "createuser -s $(whoami)" \
                || die "Could not create the PostgreSQL role $(whoami)."
        else
            die "PostgreSQL refuses the role '$(whoami)'. Create it: sudo -u postgres createuser -s $(whoami)"
        fi
    fi
}

# Odoo finds addons by folder name, and a clone may be named anything: link it as
# 'consultation' in a folder of its own.
prepare_addons_path() {
    ADDONS_LINK_DIR=${CONSULTATION_ADDONS_DIR:-${TMPDIR:-/tmp}/consultation-addons-$(id -u)}
    mkdir -p "$ADDONS_LINK_DIR"
    ln -sfn "$REPO_DIR" "$ADDONS_LINK_DIR/consultation"
    ADDONS_PATH="$ADDONS_LINK_DIR"
    local core
    for core in "$ODOO_DIR/addons" "$ODOO_DIR/../addons"; do
        compgen -G "$core/*/__manifest__.py" >/dev/null && ADDONS_PATH="$(cd "$core" && pwd),$ADDONS_PATH"
    done
}

odoo_bin() {
    "$PYTHON" -m odoo "$@"
}
