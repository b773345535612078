#!/usr/bin/env bash
# The project's main job (README): with an installed Odoo 19, build the demo database
# (the addon, a generated ledger of a few hundred customers with two years of history,
# the agent at work) and serve it on http://localhost:8069; without Odoo, run the core
# on the same generated ledger in the terminal.
#   ODOO_BIN=/path/to/odoo-bin   use that Odoo instead of the one on PATH
#   DEMO_DB=name                 database name (default ar_collections_demo; rebuilt)
#   DEMO_CUSTOMERS=N             customers in the generated ledger (default 300)
#   DEMO_NO_SERVE=1              build the database, then stop instead of serving
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
source "$ROOT/scripts/lib.sh"
cd "$ROOT"

ensure_venv || { say "FAILED to prepare .venv"; exit 1; }
customers=${DEMO_CUSTOMERS:-300}

if ! find_odoo; then
    say ""
    say "!!!!! NO ODOO 19 FOUND: running the core alone on the generated ledger (no database, no web UI) !!!!!"
    say ""
    exec "$VENV/bin/ar-collections" demo --customers "$customers"
fi

db=${DEMO_DB:-ar_collections_demo}
ensure_postgres || exit 1
install_core_into_odoo || exit 1
addons=$(odoo_addons_path)
banner "Building the demo database '$db'"
dropdb --if-exists "$db" >/dev/null 2>&1
( cd /tmp && PYTHONPATH="$ROOT" "${ODOO_CMD[@]}" --addons-path="$addons" -d "$db" -i ar_collections_agent \
    --stop-after-init --log-level=warn --max-cron-threads=0 ) || { say "module install failed"; exit 1; }
( cd /tmp && PYTHONPATH="$ROOT" DEMO_CUSTOMERS=$customers "${ODOO_CMD[@]}" shell --addons-path="$addons" -d "$db" \
    --no-http --log-level=warn < "$ROOT/scripts/odoo_demo.py" ) || { say "demo data failed"; exit 1; }

[ -n "${DEMO_NO_SERVE:-}" ] && exit 0
banner "Serving Odoo on http://localhost:8069  (login: admin  password: admin)"
cd /tmp && PYTHONPATH="$ROOT" exec "${ODOO_CMD[@]}" --addons-path="$addons" -d "$db" --db-filter="^$db\$" \
    --http-interface=127.0.0.1 --http-port=8069
