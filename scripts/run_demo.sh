#!/usr/bin/env bash
# The project's main job (README): with an installed Odoo 19, build the demo database
# (the addon, a generated ledger of a few hundred customers with two years of history,
# the agent at work) and serve it on http://localhost:8069; without Odoo, run the core
# on the same generated ledger in the terminal.
#   ODOO_BIN=/path/to/odoo-bin   use that Odoo instead of the one on PATH
#   DEMO_DB=name                 database name (default ar_collections_demo; rebuilt)
#   DEMO_CUSTOMERS=N             customers in the generated ledger (default 120 with the
#                                simulated weeks, 300 without them or without Odoo)
#   DEMO_WEEKS=N                 simulated weeks of the agent at work (default 6; 0: none)
#   DEMO_SMTP_PORT=N             port of the local mail catcher (default 2525, 127.0.0.1)
#   DEMO_NO_SERVE=1              build the database, then stop instead of serving
# With Odoo, the ledger is loaded as of DEMO_WEEKS weeks ago, then the agent works every
# simulated day until yesterday: reminders out through a local SMTP catcher (never the
# internet), customers' replies in through Odoo's mail gateway, payments registered.
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
weeks=${DEMO_WEEKS:-6}
# The agent's weeks cost about linearly in customers x weeks: 120 x 6 keeps the whole
# job near ten minutes on two cores.
[ "$weeks" -gt 0 ] && customers=${DEMO_CUSTOMERS:-120}
smtp_port=${DEMO_SMTP_PORT:-2525}
start=$(date -u -d "today - $((weeks * 7 + 1)) days" +%F)
maildir=${DEMO_MAILDIR:-/tmp/$db-mail}
ensure_postgres || exit 1
install_core_into_odoo || exit 1
addons=$(odoo_addons_path)

# The local SMTP catcher: every email Odoo sends lands in $maildir, nothing leaves.
rm -rf "$maildir"
python3 "$ROOT/scripts/odoo_demo_smtp.py" --port "$smtp_port" --directory "$maildir" &
catcher=$!
trap 'kill "$catcher" 2>/dev/null' EXIT
sleep 1
kill -0 "$catcher" 2>/dev/null || { say "the mail catcher could not start on port $smtp_port"; exit 1; }

banner "Building the demo database '$db' (ledger as of $start)"
dropdb --if-exists "$db" >/dev/null 2>&1
( cd /tmp && PYTHONPATH="$ROOT" "${ODOO_CMD[@]}" --addons-path="$addons" -d "$db" -i ar_collections_agent \
    --stop-after-init --log-level=warn --max-cron-threads=0 ) || { say "module install failed"; exit 1; }
( cd /tmp && PYTHONPATH="$ROOT" DEMO_CUSTOMERS=$customers DEMO_TODAY=$start "${ODOO_CMD[@]}" shell \
    --addons-path="$addons" -d "$db" --no-http --log-level=warn < "$ROOT/scripts/odoo_demo.py" ) \
    || { say "demo data failed"; exit 1; }
if [ "$weeks" -gt 0 ]; then
    banner "The agent at work: $weeks simulated weeks"
    ( cd /tmp && PYTHONPATH="$ROOT" DEMO_CUSTOMERS=$customers DEMO_START=$start DEMO_WEEKS=$weeks \
        DEMO_SMTP_PORT=$smtp_port DEMO_MAILDIR="$maildir" "${ODOO_CMD[@]}" shell \
        --addons-path="$addons" -d "$db" --no-http --log-level=error < "$ROOT/scripts/odoo_demo_weeks.py" ) \
        || { say "the simulated weeks failed"; exit 1; }
fi

[ -n "${DEMO_NO_SERVE:-}" ] && exit 0
banner "Serving Odoo on http://localhost:8069  (login: admin  password: admin)"
say "Emails Odoo sends go to the local catcher on 127.0.0.1:$smtp_port ($maildir)."
cd /tmp && PYTHONPATH="$ROOT" "${ODOO_CMD[@]}" --addons-path="$addons" -d "$db" --db-filter="^$db\$" \
    --http-interface=127.0.0.1 --http-port=8069
