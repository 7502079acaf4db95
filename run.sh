#!/usr/bin/env bash
# Serve the consultation addon with its Chinese demo data on http://localhost:8069
# (or the port given with --http-port).
#   ./run.sh                     uses the Odoo 18 that `python3` imports, or the one this
#                                script set up in .venv/; with neither, it offers to set
#                                Odoo 18 up in .venv/ (from ODOO_SOURCE, default: the
#                                official 18.0 branch on GitHub)
#   ./run.sh --yes               set it up without asking
#   ODOO_PYTHON=/path/python ./run.sh
#   CONSULTATION_DB=name ./run.sh --http-port 8070   (extra arguments go to Odoo)
#   CONSULTATION_FANDOL=1 ./run.sh   also install texlive-lang-chinese (about 98 MB) and
#                                show its FandolSong/FandolFang to fontconfig: the free
#                                宋体/仿宋 the documents use where 方正小标宋/仿宋_GB2312
#                                are not installed (Noto otherwise)
set -euo pipefail
source "$(dirname "$0")/scripts/common.sh"

DB=${CONSULTATION_DB:-consultation_demo}
# The port Odoo serves: 8069, or the one given to Odoo (--http-port 8070, --http-port=8070,
# -p 8070), which the announcement below names.
HTTP_PORT=8069
odoo_args=()
previous=
for arg in "$@"; do
    case $arg in
        -y | --yes) ASSUME_YES=1 ;;
        --http-port=*) HTTP_PORT=${arg#*=}; odoo_args+=("$arg") ;;
        -p[0-9]*) HTTP_PORT=${arg#-p}; odoo_args+=("$arg") ;;
        *)
            case $previous in --http-port | -p) HTTP_PORT=$arg ;; esac
            odoo_args+=("$arg")
            ;;
    esac
    previous=$arg
done
set -- "${odoo_args[@]}"

# The Fandol faces ship inside TeX Live, out of fontconfig's sight: a fontconfig entry
# names their folder so that wkhtmltopdf finds them.
ensure_fandol_fonts() {
    [ "${CONSULTATION_FANDOL:-}" = 1 ] || return 0
    fc-list 2>/dev/null | grep -i "FandolFang" >/dev/null && return 0
    apt_install "the documents print in Noto instead of FandolSong/FandolFang" texlive-lang-chinese
    local fandol=/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol
    if [ -d "$fandol" ] && [ "$(id -u)" = 0 ]; then
        printf '%s\n' '<?xml version="1.0"?>' '<!DOCTYPE fontconfig SYSTEM "fonts.dtd">' \
            "<fontconfig><dir>$fandol</dir></fontconfig>" \
            >/etc/fonts/conf.d/90-consultation-fandol.conf
        fc-cache -f >/dev/null
    fi
}

require_odoo
ensure_system_packages
ensure_fandol_fonts
install_python_requirements
ensure_postgres
prepare_addons_path

if psql -lqt | cut -d'|' -f1 | grep -w "$DB" >/dev/null; then
    say "Updating the addon in the existing database '$DB'"
    odoo_bin -d "$DB" --addons-path="$ADDONS_PATH" -u consultation --stop-after-init \
        --log-level=warn
else
    say "Creating the database '$DB' with the addon, demo data and Chinese (a few minutes)"
    odoo_bin -d "$DB" --addons-path="$ADDONS_PATH" -i consultation --load-language=zh_CN \
        --stop-after-init --log-level=warn
    # Everybody reads Chinese and lives in China's time zone.
    odoo_bin shell -d "$DB" --addons-path="$ADDONS_PATH" --log-level=warn >/dev/null <<'PY'
env["res.users"].with_context(active_test=False).search([]).write(
    {"lang": "zh_CN", "tz": "Asia/Shanghai"}
)
env.cr.commit()
PY
fi

say "Serving on http://localhost:$HTTP_PORT — sign in as admin/admin, or a demo user (see README)"
exec "$PYTHON" -m odoo -d "$DB" --addons-path="$ADDONS_PATH" --db-filter="^${DB}\$" \
    --http-port="$HTTP_PORT" "$@"
