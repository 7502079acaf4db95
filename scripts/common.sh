# Shared set-up for run.sh and test.sh: find Odoo 18 (or set it up in .venv/), install
# what the addon needs, make sure PostgreSQL answers, and lay out an addons path.
# Sourced, not executed.

REPO_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PYTHON=${ODOO_PYTHON:-python3}
# Where ./run.sh sets Odoo 18 up when no Python of this machine imports it: everything
# (Odoo's source, its Python packages) stays in this one folder.
VENV_DIR="$REPO_DIR/.venv"
ODOO_SOURCE_DEFAULT=https://github.com/odoo/odoo.git
ODOO_BRANCH=18.0
ASSUME_YES=${CONSULTATION_YES:-0}

say() { printf '\033[1;34m==>\033[0m %s\n' "$*"; }
die() { printf '\033[1;31mError:\033[0m %s\n' "$*" >&2; exit 2; }

has_odoo18() {
    "$1" -c "import odoo.release, sys; sys.exit(odoo.release.version_info[0] != 18)" \
        >/dev/null 2>&1
}

# The Python that runs Odoo: ODOO_PYTHON (or python3) when it imports Odoo 18, else the
# project's .venv/ set up by an earlier run, else set .venv/ up now (after asking).
require_odoo() {
    if command -v "$PYTHON" >/dev/null 2>&1 && has_odoo18 "$PYTHON"; then
        :
    elif [ -x "$VENV_DIR/bin/python" ] && has_odoo18 "$VENV_DIR/bin/python"; then
        say "Using Odoo 18 from $VENV_DIR"
        PYTHON="$VENV_DIR/bin/python"
    else
        bootstrap_odoo
        PYTHON="$VENV_DIR/bin/python"
    fi
    ODOO_DIR=$("$PYTHON" -c "import odoo, os; print(os.path.dirname(odoo.__file__))")
}

# A Python for the virtual environment. Odoo 18 supports 3.10 to 3.12; 3.12 first (from
# ODOO_PYTHON, python3.12 or pyenv), since Odoo's pins for it are the ones that still
# install today; 3.10 or 3.11 only when there is no 3.12.
pick_base_python() {
    local candidate version fallback=""
    local candidates=("$PYTHON" python3.12 python3)
    if command -v pyenv >/dev/null 2>&1; then
        while read -r version; do
            candidates+=("$(pyenv root)/versions/$version/bin/python")
        done < <(pyenv versions --bare 2>/dev/null | grep -E '^3\.12(\.[0-9]+)?$' | sort -rV)
    fi
    for candidate in "${candidates[@]}"; do
        command -v "$candidate" >/dev/null 2>&1 || continue
        version=$("$candidate" -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null) \
            || continue
        case $version in
            3.12) command -v "$candidate"; return 0 ;;
            3.10 | 3.11) [ -n "$fallback" ] || fallback=$(command -v "$candidate") ;;
        esac
    done
    [ -n "$fallback" ] && echo "$fallback"
}

bootstrap_odoo() {
    local source=${ODOO_SOURCE:-$ODOO_SOURCE_DEFAULT} base base_version
    base=$(pick_base_python) || true
    [ -n "$base" ] || die "Odoo 18 needs Python 3.10, 3.11 or 3.12, and none was found.
Install Python 3.12 (e.g. 'apt install python3.12 python3.12-venv', or pyenv), then run this again."
    base_version=$("$base" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
    cat <<EOF

  '$PYTHON' cannot import Odoo 18, and there is none in $VENV_DIR yet.
  This script can set up Odoo 18 Community for this project, all of it in
  $VENV_DIR (remove it with: rm -rf .venv):
    1. Odoo's source: $source
       $(source_kind "$source") -> .venv/src/odoo
    2. a Python $base_version virtual environment .venv/ ($base), with Odoo's Python
       requirements (about 100 packages from PyPI) and Odoo itself (editable)
    3. as root, with apt-get and only where missing: the Debian packages to build them
       (compiler, PostgreSQL, LDAP and SASL headers), PostgreSQL, wkhtmltopdf and a
       Chinese font
  It takes a few minutes and about 3 GB of disk.
  Instead, you may point ODOO_PYTHON at the Python of an existing Odoo 18, or use
  Docker ('docker compose up --build', see README.md).

EOF
    if [ "$ASSUME_YES" != 1 ]; then
        if [ ! -t 0 ]; then
            die "No terminal to ask for confirmation. Run ./$(basename "$0") --yes to set Odoo 18 up in .venv/."
        fi
        local answer
        read -r -p "Set up Odoo 18 in .venv/ now? [y/N] " answer
        case $answer in
            y | Y | yes | YES | Yes) ;;
            *) die "Nothing was installed. Run ./$(basename "$0") --yes to set it up, or set ODOO_PYTHON." ;;
        esac
    fi
    ensure_build_packages "$base" "$source"
    if [ ! -d "$VENV_DIR/src/odoo" ]; then
        fetch_odoo_source "$source" "$VENV_DIR/src/odoo"
    fi
    grep -Eq "^version_info = \(18," "$VENV_DIR/src/odoo/odoo/release.py" 2>/dev/null \
        || die "$source is not Odoo 18 (see $VENV_DIR/src/odoo/odoo/release.py). Remove .venv and set ODOO_SOURCE."
    if [ ! -x "$VENV_DIR/bin/python" ]; then
        say "Creating the virtual environment $VENV_DIR (Python $base_version)"
        "$base" -m venv "$VENV_DIR" || die "Could not create $VENV_DIR with $base."
    fi
    local py="$VENV_DIR/bin/python" reqs="$VENV_DIR/src/odoo/requirements.txt"
    if [ "$base_version" != 3.12 ]; then
        # Odoo's pin for Python < 3.12, cbor2 5.4.2, is a source release that no longer
        # builds; 5.6.2 (its pin for 3.12) has wheels for 3.10 and 3.11 too.
        sed -E "s/^cbor2==5\.4\.2/cbor2==5.6.2/" "$reqs" >"$VENV_DIR/odoo-requirements.txt"
        reqs="$VENV_DIR/odoo-requirements.txt"
    fi
    say "Installing Odoo's Python requirements into .venv/ (a few minutes)"
    # setuptools < 70: the editable install below uses its 'compat' mode, where the
    # source folder goes on sys.path, so that the OCA wheels, which put their addons in
    # site-packages/odoo/addons, join the same odoo.addons namespace.
    quiet_pip "$py" --upgrade pip "setuptools<70" wheel \
        || die "pip could not upgrade itself in $VENV_DIR."
    quiet_pip "$py" -r "$reqs" \
        || die "Odoo's requirements could not be installed (see above). Fix the cause, then run this again: it resumes in $VENV_DIR."
    say "Installing Odoo 18 into .venv/ (editable, from .venv/src/odoo)"
    # setuptools warns about every data folder of every addon: keep that in a log.
    if ! quiet_pip "$py" --no-deps --no-build-isolation \
        --config-settings editable_mode=compat -e "$VENV_DIR/src/odoo" \
        >"$VENV_DIR/odoo-install.log" 2>&1; then
        grep -i -B2 -A10 "error" "$VENV_DIR/odoo-install.log" | tail -40 >&2
        die "Odoo could not be installed into $VENV_DIR (see $VENV_DIR/odoo-install.log)."
    fi
    has_odoo18 "$py" || die "$py still cannot import Odoo 18."
    say "Odoo 18 is set up in $VENV_DIR"
}

# quiet_pip PYTHON ARGS...: pip install, keeping its errors but not its chatter about
# unusable index locations, whatever the exit status.
quiet_pip() {
    local py=$1
    shift
    "$py" -m pip install -q --disable-pip-version-check "$@" \
        2> >(grep -v "^WARNING: \(Location\|Running pip\)" >&2)
}

source_kind() {
    if [ -d "$1" ]; then
        echo "(a local folder: copied, never changed)"
    elif [[ $1 =~ \.(tar|tar\.gz|tgz|tar\.xz|tar\.bz2)$ ]]; then
        echo "(a source tarball: unpacked)"
    else
        echo "(git: branch $ODOO_BRANCH, shallow clone)"
    fi
}

# Odoo's source into $2, from a local folder (copied: the editable install writes into
# its source, and the original may be shared or read-only), a tarball (a file or a URL)
# or a git repository (the 18.0 branch, without history).
fetch_odoo_source() {
    local source=$1 dest=$2
    local part="$dest.part"
    rm -rf "$part"
    mkdir -p "$part"
    if [ -d "$source" ]; then
        [ -f "$source/odoo/release.py" ] \
            || die "ODOO_SOURCE=$source is not an Odoo source tree (it has no odoo/release.py)."
        say "Copying Odoo's source from $source"
        tar -C "$source" --exclude=./.git --exclude='*.egg-info' --exclude=__pycache__ -cf - . \
            | tar -C "$part" -xf - || die "Could not copy $source."
    elif [[ $source =~ \.(tar|tar\.gz|tgz|tar\.xz|tar\.bz2)$ ]]; then
        local tarball=$source
        if [[ $source =~ ^https?:// ]]; then
            say "Downloading $source"
            tarball="$VENV_DIR/src/odoo-source.tar"
            curl -fL --retry 3 -o "$tarball" "$source" || die "Could not download $source."
        fi
        [ -f "$tarball" ] || die "ODOO_SOURCE=$source: no such file."
        say "Unpacking $tarball"
        tar -C "$part" -xf "$tarball" || die "Could not unpack $tarball."
        [ "$tarball" = "$source" ] || rm -f "$tarball"
        # Releases and GitHub archives hold a single top folder (odoo-18.0...): use it.
        local entries=("$part"/*)
        if [ ${#entries[@]} -eq 1 ] && [ -f "${entries[0]}/odoo/release.py" ]; then
            mv "${entries[0]}" "$part.top" && rm -rf "$part" && mv "$part.top" "$part"
        fi
    else
        command -v git >/dev/null 2>&1 || die "git is needed to clone $source."
        say "Cloning Odoo $ODOO_BRANCH from $source (shallow, without history)"
        rm -rf "$part"
        git clone -q --depth 1 --single-branch --branch "$ODOO_BRANCH" "$source" "$part" \
            || die "Could not clone $source (branch $ODOO_BRANCH)."
    fi
    mv "$part" "$dest"
}

# What building Odoo's requirements needs (psycopg2 and python-ldap have no wheels), and
# the database server itself. Debian/Ubuntu only; elsewhere, say what is missing.
ensure_build_packages() {
    local base=$1 source=$2 missing=()
    command -v gcc >/dev/null 2>&1 && command -v make >/dev/null 2>&1 || missing+=(build-essential)
    "$base" -c 'import sysconfig, os, sys; sys.exit(not os.path.exists(os.path.join(sysconfig.get_paths()["include"], "Python.h")))' \
        || missing+=("python$("$base" -c 'import sys; print("%d.%d" % sys.version_info[:2])')-dev")
    "$base" -c "import ensurepip" >/dev/null 2>&1 \
        || missing+=("python$("$base" -c 'import sys; print("%d.%d" % sys.version_info[:2])')-venv")
    command -v pg_config >/dev/null 2>&1 || missing+=(libpq-dev)
    [ -f /usr/include/ldap.h ] || missing+=(libldap2-dev)
    [ -f /usr/include/sasl/sasl.h ] || missing+=(libsasl2-dev)
    if [ -z "${PGHOST:-}" ] && ! command -v pg_ctlcluster >/dev/null 2>&1 \
        && ! pg_isready -q >/dev/null 2>&1; then
        missing+=(postgresql)
    fi
    if [ ! -d "$source" ] && [[ ! $source =~ \.(tar|tar\.gz|tgz|tar\.xz|tar\.bz2)$ ]]; then
        command -v git >/dev/null 2>&1 || missing+=(git)
    fi
    apt_install "building Odoo's requirements may fail" "${missing[@]}"
}

# apt_install WHY PACKAGE...: install the Debian packages when root with apt-get,
# otherwise say what to install.
apt_install() {
    local why=$1
    shift
    [ $# -eq 0 ] && return 0
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        say "Installing $* (Debian packages)"
        apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive \
            apt-get install -y -qq --no-install-recommends "$@" >/dev/null \
            || die "apt-get could not install $*."
    else
        say "Warning: $* missing; $why. Install them with your package manager."
    fi
}

# Debian packages the reports and browser tests need: a PDF engine, a font that has
# Chinese glyphs, a headless browser; Node.js for prettier. Installed only where missing
# and when we may.
ensure_system_packages() {
    local missing=()
    command -v wkhtmltopdf >/dev/null 2>&1 || missing+=(wkhtmltopdf)
    # grep reads the whole list (no -q): fc-list must not die of SIGPIPE under pipefail.
    fc-list 2>/dev/null | grep -i "Noto Serif CJK SC" >/dev/null || missing+=(fonts-noto-cjk)
    # The page numbers and fingerprints are stamped in an embedded TrueType face.
    [ -e /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc ] || missing+=(fonts-wqy-zenhei)
    # The page numbers (— 1 —) of GB/T 9704, in Liberation Serif (or DejaVu Serif).
    [ -e /usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf ] \
        || [ -e /usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf ] || missing+=(fonts-liberation)
    if [[ " $* " == *" --with-browser "* ]]; then
        command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 \
            || command -v google-chrome >/dev/null 2>&1 || missing+=(chromium)
    fi
    # The pre-commit hook prettier runs on the system's Node.js (language_version: system
    # in .pre-commit-config.yaml) with its packages from npm.
    if [[ " $* " == *" --with-node "* ]]; then
        command -v node >/dev/null 2>&1 || missing+=(nodejs)
        command -v npm >/dev/null 2>&1 || missing+=(npm)
    fi
    apt_install "PDF reports or browser tests may fail" "${missing[@]}"
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
