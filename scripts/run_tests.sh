#!/usr/bin/env bash
# The project's test command (README): lint, the core's tests, and the addon's tests
# against an installed Odoo 19 + PostgreSQL when one is found.
#   ODOO_BIN=/path/to/odoo-bin   use that Odoo instead of the one on PATH
#   ODOO_TEST_TAGS=...           run only these Odoo test tags (default: the addon's)
#   SKIP_LINT=1                  skip ruff and pylint-odoo (for a quick local loop)
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
source "$ROOT/scripts/lib.sh"
cd "$ROOT"

failures=()
extra_failed=0  # failed steps that are not counted tests (lint, setup)
fail_step() { failures+=("$1"); extra_failed=$((extra_failed + 1)); }
core_passed=0; core_failed=0; odoo_passed=0; odoo_failed=0
mkdir -p "$ROOT/var"

banner "Tooling (.venv)"
ensure_venv || { say "FAILED to prepare .venv"; exit 1; }
PY="$VENV/bin/python"

if [ -z "${SKIP_LINT:-}" ]; then
    banner "ruff"
    "$VENV/bin/ruff" check . && "$VENV/bin/ruff" format --check . || fail_step "ruff"

    banner "pylint-odoo (OCA mandatory checks)"
    "$VENV/bin/pylint" --rcfile="$ROOT/.pylintrc-mandatory" ar_collections_agent || fail_step "pylint-odoo"

    banner "addon README.rst is generated from readme/"
    "$PY" "$ROOT/scripts/gen_addon_readme.py" --check ar_collections_agent || fail_step "README.rst"
fi

banner "Core tests (pytest)"
"$PY" -m pytest tests/core --junitxml="$ROOT/var/core-junit.xml" -p no:cacheprovider
rc=$?
read -r core_passed core_failed < <("$PY" "$ROOT/scripts/junit_counts.py" "$ROOT/var/core-junit.xml")
if [ $rc -ne 0 ]; then
    if [ "$core_failed" = 0 ]; then fail_step "core tests (rc=$rc)"; else failures+=("core tests"); fi
fi

banner "Odoo tests"
if find_odoo; then
    say "Odoo 19 found: ${ODOO_CMD[*]}"
    ensure_postgres || fail_step "postgresql"
    install_core_into_odoo || fail_step "core into Odoo's Python"
    db="arc_test_$(date +%Y%m%d%H%M%S)_$$"
    log="$ROOT/var/odoo-tests.log"
    tags=${ODOO_TEST_TAGS:-/ar_collections_agent}
    say "database $db, tags $tags, log $log"
    ( cd /tmp && PYTHONPATH="$ROOT" "${ODOO_CMD[@]}" --addons-path="$(odoo_addons_path)" -d "$db" \
        -i ar_collections_agent --test-enable --test-tags "$tags" --stop-after-init \
        --http-interface=127.0.0.1 --http-port="$(free_port)" --log-level=test \
        --max-cron-threads=0 ) >"$log" 2>&1
    rc=$?
    grep -E " (ERROR|CRITICAL|WARNING) |odoo.tests.result|odoo.tests.stats" "$log" | tail -60
    read -r odoo_passed odoo_failed < <("$PY" "$ROOT/scripts/odoo_log_counts.py" "$log")
    if [ "$odoo_failed" != 0 ]; then
        failures+=("Odoo tests (see $log)")
    elif [ $rc -ne 0 ] || grep -qE " (ERROR|CRITICAL) " "$log"; then
        fail_step "Odoo run: exit $rc or ERROR in the log (see $log)"
    elif [ "$odoo_passed" = 0 ]; then
        fail_step "Odoo tests: none ran (see $log)"
    fi
    dropdb --if-exists "$db" >/dev/null 2>&1
else
    say ""
    say "!!!!! ODOO TESTS DID NOT RUN: no Odoo 19 found (no 'odoo' command, no importable odoo, no ODOO_BIN) - only lint and core tests ran !!!!!"
    say ""
fi

banner "Summary"
say "core: $core_passed passed, $core_failed failed; odoo: $odoo_passed passed, $odoo_failed failed"
if [ ${#failures[@]} -gt 0 ]; then
    say "FAILED: ${failures[*]}"
fi
say "$((core_passed + odoo_passed)) passed, $((core_failed + odoo_failed + extra_failed)) failed"
[ ${#failures[@]} -eq 0 ]
