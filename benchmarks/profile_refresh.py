"""Benchmark: the nightly payment-profile refresh on a large synthetic ledger.

    python3 benchmarks/profile_refresh.py [--scale 0.01] [--db NAME] [--reuse] [--keep]

Creates a database with ar_collections_agent installed (through the installed Odoo
19), writes a synthetic ledger straight into PostgreSQL with bulk SQL (at scale 1:
20,000 customers, 200,000 open invoices, 1,000,000 paid historical invoices with their
payments and partial reconciliations, about 2.3 million journal entries and 4.6
million journal items), then times the real refresh code path (the cron method
``res.partner._cron_refresh_payment_profiles``) in a fresh process and prints its wall
time, peak memory (RSS) and the SQL queries it issued (in total and per batch).
Target at scale 1: <= 120 s and <= 1 GB on a 2-core machine.

Runs with the Python of the installed Odoo (re-executes itself with it when needed:
ODOO_BIN, then an ``odoo`` command on PATH).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

FULL = {"customers": 20_000, "open": 200_000, "paid": 1_000_000}
ODOO_MAIN = "import sys, odoo.cli; sys.argv[0] = 'odoo'; odoo.cli.main()"


def ensure_odoo_python():
    """Re-execute with the installed Odoo's Python when this one cannot import odoo."""
    try:
        import odoo  # noqa: F401, PLC0415
    except ImportError:
        pass
    else:
        return
    for candidate in (os.environ.get("ODOO_BIN"), shutil.which("odoo"), shutil.which("odoo-bin")):
        if not candidate or not os.path.isfile(candidate):
            continue
        with open(candidate, encoding="utf-8", errors="replace") as script:
            first = script.readline()
        python = first[2:].strip().split()[-1] if first.startswith("#!") else None
        if python and not os.path.isabs(python):
            python = shutil.which(python)
        if python and python != sys.executable:
            os.execv(python, [python, __file__, *sys.argv[1:]])
    sys.exit("No Odoo 19 found: install it, put `odoo` on PATH or set ODOO_BIN.")


def addons_path():
    from odoo.tools import config  # noqa: PLC0415

    config.parse_config(["--http-interface=127.0.0.1"])
    return ",".join([str(ROOT), *config["addons_path"]])


def odoo_command(*args):
    return [sys.executable, "-c", ODOO_MAIN, f"--addons-path={addons_path()}", *args]


def child_env():
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return env


def database_exists(name):
    result = subprocess.run(
        ["psql", "-d", "postgres", "-tAc", f"SELECT 1 FROM pg_database WHERE datname = '{name}'"],
        capture_output=True,
        text=True,
        check=False,
    )
    return result.stdout.strip() == "1"


def install(db):
    subprocess.run(["dropdb", "--if-exists", db], check=True)
    started = time.monotonic()
    subprocess.run(
        odoo_command(
            "-d",
            db,
            "-i",
            "ar_collections_agent",
            "--stop-after-init",
            "--log-level=warn",
            "--max-cron-threads=0",
            "--no-http",
        ),
        check=True,
        cwd="/tmp",
        env=child_env(),
    )
    return time.monotonic() - started


def generate(db, scale, seed, verbose=False):
    """The synthetic ledger, in this process (bulk SQL through an Odoo cursor)."""
    import synthetic_sql  # noqa: PLC0415
    from odoo import SUPERUSER_ID, api  # noqa: PLC0415
    from odoo.modules.registry import Registry  # noqa: PLC0415
    from odoo.tools import config  # noqa: PLC0415

    config.parse_config([f"--addons-path={addons_path()}", "-d", db, "--http-interface=127.0.0.1"])
    sizes = {name: max(1, round(count * scale)) for name, count in FULL.items()}
    with Registry(db).cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        started = time.monotonic()
        timings = []
        counts = synthetic_sql.generate(env, seed=seed, timings=timings, **sizes)
        cr.commit()
    vacuum = time.monotonic()
    subprocess.run(["psql", "-q", "-d", db, "-c", "VACUUM ANALYZE"], check=True)
    timings.append(("VACUUM ANALYZE", time.monotonic() - vacuum))
    if verbose:
        for step, seconds in timings:
            print(f"    {seconds:6.1f} s  {step}", flush=True)
    return counts, time.monotonic() - started


def refresh_in_child(db, batch_size):
    result = subprocess.run(
        [sys.executable, __file__, "--db", db, "--child-refresh", "--batch-size", str(batch_size)],
        check=False,
        stdout=subprocess.PIPE,
        text=True,
        env=child_env(),
    )
    if result.returncode:
        sys.exit(f"the refresh failed (exit {result.returncode})")
    return json.loads(result.stdout.strip().splitlines()[-1])


def _backend_cpu(cr):
    """{backend pid: CPU seconds} of this process's PostgreSQL connections."""
    from odoo.tools import config  # noqa: PLC0415

    cr.execute(
        "SELECT pid FROM pg_stat_activity WHERE application_name = %s",
        [config["db_app_name"].replace("{pid}", str(os.getpid()))[:63]],
    )
    ticks = os.sysconf("SC_CLK_TCK")
    usage = {}
    for (pid,) in cr.fetchall():
        try:
            with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:  # PostgreSQL on another machine: not measured
            continue
        usage[pid] = (int(fields[11]) + int(fields[12])) / ticks
    return usage


def child_refresh(db, batch_size):
    """The measured part: a fresh process runs the cron method on every customer."""
    import resource  # noqa: PLC0415

    from odoo import SUPERUSER_ID, api, fields, sql_db  # noqa: PLC0415
    from odoo.modules.registry import Registry  # noqa: PLC0415
    from odoo.tools import config  # noqa: PLC0415

    config.parse_config(
        [
            f"--addons-path={addons_path()}",
            "-d",
            db,
            "--log-level=warn",
            "--http-interface=127.0.0.1",
        ]
    )
    registry = Registry(db)
    # Importable once the addons path is set up.
    from odoo.addons.ar_collections_agent.tools import profile_refresh  # noqa: PLC0415

    batches = []
    real_refresh = profile_refresh.refresh_customers

    def measured(env, company, partner_ids, today, **kwargs):
        queries, started = sql_db.sql_counter, time.monotonic()
        done = real_refresh(env, company, partner_ids, today, **kwargs)
        batches.append((len(partner_ids), sql_db.sql_counter - queries, time.monotonic() - started))
        return done

    profile_refresh.refresh_customers = measured
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        # Every customer is due, and every predicted date is written (the worst case).
        cr.execute("UPDATE res_partner SET payment_profile_date = NULL")
        cr.execute(
            "UPDATE account_move SET payment_predicted_date = NULL"
            " WHERE payment_predicted_date IS NOT NULL"
        )
        cr.commit()
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        backends_before = _backend_cpu(cr)
        cpu_before = time.process_time()
        queries, started = sql_db.sql_counter, time.monotonic()
        env["res.partner"]._cron_refresh_payment_profiles(batch_size=batch_size)
        wall = time.monotonic() - started
        queries = sql_db.sql_counter - queries
        cpu = time.process_time() - cpu_before
        backends = _backend_cpu(cr)
        db_cpu = sum(spent - backends_before.get(pid, 0.0) for pid, spent in backends.items())
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        today = fields.Date.context_today(env["res.partner"])
        cr.execute(
            "SELECT count(*) FROM res_partner WHERE (payment_profile_date->>%s)::date = %s",
            [str(env.company.id), today],
        )
        refreshed = cr.fetchone()[0]
        cr.execute("SELECT count(*) FROM account_move WHERE payment_predicted_date IS NOT NULL")
        predicted = cr.fetchone()[0]
        cr.execute(
            "SELECT collection_risk_band->>%s, count(*) FROM res_partner"
            " WHERE collection_risk_band ? %s GROUP BY 1 ORDER BY 1",
            [str(env.company.id), str(env.company.id)],
        )
        bands = dict(cr.fetchall())
    per_batch = [q for _n, q, _t in batches]
    print(
        json.dumps(
            {
                "wall_s": round(wall, 1),
                "cpu_s": round(cpu, 1),
                "db_cpu_s": round(db_cpu, 1),
                "load": round(os.getloadavg()[0], 1),
                "peak_rss_mb": round(peak / 1024),
                "rss_before_mb": round(rss_before / 1024),
                "queries": queries,
                "batches": len(batches),
                "queries_per_batch": [min(per_batch, default=0), max(per_batch, default=0)],
                "slowest_batch_s": round(max((t for _n, _q, t in batches), default=0), 2),
                "customers_refreshed": refreshed,
                "predicted_dates": predicted,
                "risk_bands": bands,
            }
        )
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1 = 20,000 customers (default)")
    parser.add_argument("--db", default="ar_collections_bench_profiles")
    parser.add_argument("--seed", type=float, default=0.42)
    parser.add_argument("--batch-size", type=int, default=500, help="customers per batch")
    parser.add_argument("--reuse", action="store_true", help="reuse the database if it exists")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--verbose", action="store_true", help="time each generation step")
    parser.add_argument("--child-refresh", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    ensure_odoo_python()
    if args.child_refresh:
        child_refresh(args.db, args.batch_size)
        return 0

    print(f"profile refresh benchmark, scale {args.scale:g}, database {args.db}", flush=True)
    if args.reuse and database_exists(args.db):
        print("  reusing the existing database and its ledger", flush=True)
    else:
        print(f"  installed ar_collections_agent in {install(args.db):.0f} s", flush=True)
        counts, seconds = generate(args.db, args.scale, args.seed, args.verbose)
        print(
            "  generated in {:.0f} s: {customers:,} customers, {open:,} open and {paid:,} paid"
            " invoices, {payments:,} payments, {partials:,} reconciliations,"
            " {moves:,} journal entries, {lines:,} journal items".format(seconds, **counts),
            flush=True,
        )
    figures = refresh_in_child(args.db, args.batch_size)
    print(f"  refresh wall time:     {figures['wall_s']} s   (target <= 120 s at scale 1)")
    print(
        f"  CPU time:              {figures['cpu_s']} s in Odoo, {figures['db_cpu_s']} s in"
        f" PostgreSQL (machine load average {figures['load']} at the end)"
    )
    print(
        f"  peak memory (RSS):     {figures['peak_rss_mb']} MB   (target <= 1024 MB;"
        f" {figures['rss_before_mb']} MB with Odoo loaded, before the refresh)"
    )
    low, high = figures["queries_per_batch"]
    print(
        f"  SQL queries:           {figures['queries']:,} in total, {figures['batches']} batches"
        f" of <= {args.batch_size} customers, {low} to {high} queries per batch"
    )
    print(f"  slowest batch:         {figures['slowest_batch_s']} s")
    print(
        f"  customers refreshed:   {figures['customers_refreshed']:,};"
        f" open invoices with a predicted date: {figures['predicted_dates']:,}"
    )
    print(f"  risk bands:            {figures['risk_bands']}")
    if not args.keep and not args.reuse:
        subprocess.run(["dropdb", "--if-exists", args.db], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
