# Shared by scripts/run_tests.sh and scripts/run_demo.sh (sourced, not run).
# Finds what is installed; installs only what the project itself needs.

ROOT=${ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
VENV="$ROOT/.venv"

say() { printf '%s\n' "$*"; }
banner() { printf '\n==== %s ====\n' "$*"; }

as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else return 1; fi
}

# The project's own tools (ruff, pylint-odoo, pytest) and the core, in .venv.
ensure_venv() {
    local stamp="$VENV/.installed" want
    want=$(cat "$ROOT/pyproject.toml" | sha1sum | cut -d' ' -f1)
    if [ ! -x "$VENV/bin/python" ]; then
        python3 -m venv "$VENV" || { say "cannot create $VENV (python3 -m venv)"; return 1; }
    fi
    if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
        "$VENV/bin/python" -m pip install -q --upgrade pip >/dev/null
        "$VENV/bin/python" -m pip install -q -e "$ROOT[dev,llm,charts]" || return 1
        echo "$want" > "$stamp"
    fi
}

# Sets ODOO_CMD (array) and ODOO_PY to an installed Odoo 19, or returns 1.
# Looks, in order, at: $ODOO_BIN (path to odoo-bin or an odoo command), an `odoo`
# command on PATH, then a python3 that can import odoo.
find_odoo() {
    ODOO_CMD=(); ODOO_PY=""
    local cand py
    for cand in "${ODOO_BIN:-}" "$(command -v odoo 2>/dev/null)" "$(command -v odoo-bin 2>/dev/null)"; do
        [ -n "$cand" ] && [ -f "$cand" ] || continue
        cand=$(readlink -f "$cand")
        py=$(head -1 "$cand" | sed -n 's/^#! *//p')
        case "$py" in
            */env\ *) py=$(command -v "${py##* }") ;;
        esac
        [ -n "$py" ] && [ -x "${py%% *}" ] || py=python3
        if _is_odoo19 "$py" "$cand"; then ODOO_CMD=("$py" "$cand"); ODOO_PY=$py; return 0; fi
    done
    for py in python3 python; do
        command -v "$py" >/dev/null || continue
        if "$py" -c 'import odoo.cli' >/dev/null 2>&1 && _is_odoo19 "$py"; then
            ODOO_PY=$(command -v "$py")
            ODOO_CMD=("$ODOO_PY" -c 'import sys, odoo.cli; sys.argv[0] = "odoo"; odoo.cli.main()')
            return 0
        fi
    done
    return 1
}

_is_odoo19() {
    local py=$1 script=${2:-} dir=""
    [ -n "$script" ] && dir=$(dirname "$script")
    ( cd "${dir:-/}" && PYTHONPATH="$dir${PYTHONPATH:+:$PYTHONPATH}" "$py" -c \
        'import sys, odoo.release as r; sys.exit(r.version_info[0] != 19)' ) >/dev/null 2>&1
}

# The user's addons path (from their Odoo configuration), with this repository first.
odoo_addons_path() {
    local theirs
    theirs=$(cd /tmp && "$ODOO_PY" -c '
import odoo.tools.config as c
c.config.parse_config([])
print(",".join(c.config["addons_path"]))' 2>/dev/null | tail -1)
    echo "$ROOT${theirs:+,$theirs}"
}

# A running local PostgreSQL that the current OS user can create databases on.
ensure_postgres() {
    if ! command -v pg_isready >/dev/null || ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
        say "PostgreSQL is not installed: installing Debian's postgresql package"
        as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive \
            apt-get install -y -qq postgresql >/dev/null || { say "could not install postgresql"; return 1; }
    fi
    if ! pg_isready -q; then
        say "Starting PostgreSQL"
        if command -v pg_lsclusters >/dev/null && [ -z "$(pg_lsclusters -h 2>/dev/null)" ]; then
            as_root pg_createcluster "$(ls /usr/lib/postgresql | sort -n | tail -1)" main >/dev/null
        fi
        as_root service postgresql start >/dev/null 2>&1 || {
            local ver
            for ver in $(pg_lsclusters -h 2>/dev/null | awk '{print $1"/"$2}'); do
                as_root pg_ctlcluster "${ver%/*}" "${ver#*/}" start
            done
        }
        for _ in $(seq 1 30); do pg_isready -q && break; sleep 1; done
        pg_isready -q || { say "PostgreSQL did not start"; return 1; }
    fi
    if ! psql -d postgres -tAc 'select 1' >/dev/null 2>&1; then
        local me; me=$(id -un)
        say "Creating a PostgreSQL role for $me"
        as_root runuser -u postgres -- createuser -s "$me" 2>/dev/null \
            || as_root su postgres -c "createuser -s $me" || return 1
    fi
}

# The core package and its dependencies inside Odoo's own Python. Odoo runs are also
# given PYTHONPATH=$ROOT so that the checkout being tested is the core Odoo imports.
install_core_into_odoo() {
    # One install at a time: several checkouts may share one Odoo.
    exec 9>/tmp/ar-collections-odoo-pip.lock && flock 9
    local pip=("$ODOO_PY" -m pip install -q --disable-pip-version-check)
    "${pip[@]}" "$ROOT[llm,odoo-tests]" >/dev/null 2>&1 \
        || "${pip[@]}" --break-system-packages "$ROOT[llm,odoo-tests]" >/dev/null \
        || { say "could not install ar-collections-core into $ODOO_PY"; return 1; }
    # websocket-client: Odoo's HttpCase drives Chromium with it (the cockpit's tour)
    "${pip[@]}" websocket-client >/dev/null 2>&1 \
        || "${pip[@]}" --break-system-packages websocket-client >/dev/null \
        || say "could not install websocket-client: browser tours will be skipped"
    "${pip[@]}" --force-reinstall --no-deps "$ROOT" >/dev/null 2>&1 \
        || "${pip[@]}" --break-system-packages --force-reinstall --no-deps "$ROOT" >/dev/null
    local rc=$?
    exec 9>&-
    return $rc
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
