"""Benchmark: the agent's daily cycle on the synthetic ledger, against OCA credit_control.

    python3 benchmarks/agent_cycle.py [--scale 1] [--db NAME] [--reuse] [--keep]
        [--credit-control-sample 100] [--no-credit-control]

Builds (or reuses) the foundation benchmark's database (benchmarks/profile_refresh.py +
synthetic_sql.py: at scale 1, 20,000 customers and 200,000 open invoices), gives each
customer an email address and the company policy an autonomous mode with an all-day
window (so that one run is the whole day's work), then in a fresh process:

1. the agent: ``ar.collection.agent._run_cycle`` (decide, log, compose, re-check,
   post) over every customer, then Odoo's mail queue handed to a local SMTP sink on
   127.0.0.1 (a small stdlib socket server in this file); wall time, peak memory, SQL
   queries per batch, messages received by the sink;
2. OCA's account_credit_control 19.0 on the same database and machine (installed from
   ``pip install --no-deps --target /tmp/occ odoo-addon-account-credit-control``, only
   here): a credit control run generating its lines for every customer, then its
   email channel for a sample of customers (it renders a PDF per customer), to the
   same sink.

Prints both, and the ratio of time per contacted customer.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import shutil
import socketserver
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import profile_refresh as base

OCC_PATH = Path(os.environ.get("OCC_PATH", "/tmp/occ/odoo/addons"))


# -- a local SMTP sink ---------------------------------------------------------------------


class _SmtpHandler(socketserver.StreamRequestHandler):
    """Just enough SMTP for Odoo's client: accepts every message and counts it."""

    def _reply(self, line):
        self.wfile.write(line.encode("ascii") + b"\r\n")

    def handle(self):
        self._reply("220 sink ready")
        while True:
            line = self.rfile.readline()
            if not line:
                return
            verb = line.decode("latin-1").strip().split(" ", 1)[0].upper()
            if verb == "EHLO":
                self._reply("250-sink")
                self._reply("250 SIZE 104857600")
            elif verb == "DATA":
                self._reply("354 end with <CRLF>.<CRLF>")
                size = 0
                while True:
                    data = self.rfile.readline()
                    if not data or data in (b".\r\n", b".\n"):
                        break
                    size += len(data)
                with self.server.messages.get_lock():
                    self.server.messages.value += 1
                    self.server.bytes.value += size
                self._reply("250 queued")
            elif verb == "QUIT":
                self._reply("221 bye")
                return
            else:  # HELO, MAIL, RCPT, RSET, NOOP
                self._reply("250 ok")


class _SinkServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


def _serve_sink(ready, messages, size):
    server = _SinkServer(("127.0.0.1", 0), _SmtpHandler)
    server.messages, server.bytes = messages, size
    ready.put(server.server_address[1])
    server.serve_forever()


class SmtpSink:
    """The sink runs in its own process, as a real mail server would: its CPU time is not
    the sender's (a thread would take the sender's interpreter lock for each message)."""

    def __init__(self):
        context = multiprocessing.get_context("fork")
        self._messages, self._bytes = context.Value("q", 0), context.Value("q", 0)
        ready = context.Queue()
        self._process = context.Process(
            target=_serve_sink, args=(ready, self._messages, self._bytes), daemon=True
        )
        self._process.start()
        self.port = ready.get(timeout=30)

    @property
    def messages(self):
        return self._messages.value


# -- Odoo in a child process -------------------------------------------------------------


def _odoo_env(db, extra_addons=(), smtp_port=None):
    from odoo import SUPERUSER_ID, api  # noqa: PLC0415
    from odoo.modules.registry import Registry  # noqa: PLC0415
    from odoo.tools import config  # noqa: PLC0415

    paths = ",".join([base.addons_path(), *map(str, extra_addons)])
    args = [f"--addons-path={paths}", "-d", db, "--log-level=warn"]
    args.append("--http-interface=127.0.0.1")
    if smtp_port:
        args += ["--smtp=127.0.0.1", f"--smtp-port={smtp_port}"]
    config.parse_config(args)
    registry = Registry(db)
    cr = registry.cursor()
    return api.Environment(cr, SUPERUSER_ID, {}), cr


VACUUMED = (
    "ar_collection_decision",
    "ar_collection_escalation",
    "mail_activity",
    "mail_mail",
    "mail_message",
    "mail_notification",
)


def prepare(db):
    """Emails on the bench customers, an autonomous all-day policy."""
    env, cr = _odoo_env(db)
    with cr:
        cr.execute(
            """
            UPDATE res_partner SET email = 'ap' || id || '@bench.example.com',
                   email_normalized = 'ap' || id || '@bench.example.com', tz = 'Europe/Brussels'
             WHERE name LIKE 'Bench Customer %'
            """
        )
        company = env.company
        company.email = "ar@bench.example.com"
        policy = env["ar.collection.policy"].search(
            [("company_id", "=", company.id), ("scope", "=", "company")]
        ) or env["ar.collection.policy"].create({"company_id": company.id})
        policy.write(
            {
                "mode": "autonomous",
                "send_hour_start": 0,
                "send_hour_end": 24,
                "send_saturday": True,
                "send_sunday": True,
            }
        )
        cr.execute("DELETE FROM ar_collection_decision")
        cr.execute("DELETE FROM mail_activity WHERE res_model = 'res.partner'")
        cr.execute("DELETE FROM mail_mail")
        cr.commit()
    # What autovacuum does for a live database: a rerun starts without the dead rows
    # (and stale statistics) the previous run's deletes left behind.
    subprocess.run(
        ["psql", "-q", "-d", db, "-c", f"VACUUM (ANALYZE) {', '.join(VACUUMED)}"], check=True
    )


def child_agent(db, batch_size, limit=0):
    import resource  # noqa: PLC0415

    from odoo import sql_db  # noqa: PLC0415

    sink = SmtpSink()
    env, cr = _odoo_env(db, smtp_port=sink.port)
    from odoo.addons.ar_collections_agent.models import ar_collection_agent  # noqa: PLC0415

    agent_class = type(env["ar.collection.agent"])
    real = agent_class._run_customers
    batches = []

    def measured(self, company, partner_ids, now, origin="manual"):
        queries, started = sql_db.sql_counter, time.monotonic()
        done = real(self, company, partner_ids, now, origin=origin)
        contacts = len(done.filtered(lambda d: d.state == "sent" and d.action != "escalate"))
        batches.append(
            (len(partner_ids), sql_db.sql_counter - queries, time.monotonic() - started, contacts)
        )
        return done

    agent_class._run_customers = measured
    if limit:  # a quick look: only the first customers of the day
        real_due = agent_class._customers_due
        agent_class._customers_due = lambda self, company, now: real_due(self, company, now)[:limit]
    profile_path = os.environ.get("AGENT_CYCLE_PROFILE")  # a cProfile dump, to see where
    profiler = None
    if profile_path:
        import cProfile  # noqa: PLC0415

        profiler = cProfile.Profile()
    with cr:
        backends_before, cpu_before = base._backend_cpu(cr), time.process_time()
        queries, started = sql_db.sql_counter, time.monotonic()
        if profiler:
            profiler.enable()
        decisions = env["ar.collection.agent"]._run_cycle(
            ar_collection_agent.utc_now(), batch_size, lambda *a, **k: cr.commit() or True
        )
        cr.commit()
        decided = time.monotonic() - started
        if profiler:
            profiler.disable()
            profiler.dump_stats(profile_path)
        decide_queries = sql_db.sql_counter - queries
        mail_started = time.monotonic()
        mails = env["mail.mail"].search([("state", "=", "outgoing")])
        for start in range(0, len(mails), 500):
            mails[start : start + 500].send(auto_commit=True)
        sent_time = time.monotonic() - mail_started
        cpu, db_cpu = _cpu_since(cr, cpu_before, backends_before)
        cr.execute("SELECT action, state, count(*) FROM ar_collection_decision GROUP BY 1, 2")
        by_action = {f"{a}/{s}": n for a, s, n in cr.fetchall()}
        del decisions
    per_batch = [q / max(n, 1) for n, q, _t, _c in batches]
    print(
        json.dumps(
            {
                "decide_s": round(decided, 1),
                "smtp_s": round(sent_time, 1),
                "wall_s": round(decided + sent_time, 1),
                "cpu_s": round(cpu, 1),
                "db_cpu_s": round(db_cpu, 1),
                "load": round(os.getloadavg()[0], 1),
                "slowest_batch_s": round(max((t for _n, _q, t, _c in batches), default=0), 1),
                "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
                "queries": decide_queries,
                "batches": len(batches),
                "queries_per_batch": [
                    min(q for _n, q, _t, _c in batches),
                    max(q for _n, q, _t, _c in batches),
                ]
                if batches
                else [0, 0],
                "queries_per_customer": [round(min(per_batch), 1), round(max(per_batch), 1)]
                if per_batch
                else [0, 0],
                "contacted": sum(c for _n, _q, _t, c in batches),
                "customers": sum(n for n, _q, _t, _c in batches),
                "smtp_messages": sink.messages,
                "decisions": by_action,
            }
        )
    )


def child_credit_control(db, sample, limit=0):
    """OCA credit_control on the same ledger: lines for everybody, email for a sample."""
    import resource  # noqa: PLC0415

    from odoo import fields  # noqa: PLC0415

    sink = SmtpSink()
    env, cr = _odoo_env(db, extra_addons=[OCC_PATH], smtp_port=sink.port)
    with cr:
        company = env.company
        policy = env.ref("account_credit_control.credit_control_3_time")
        receivable = (
            env["res.partner"]
            ._fields["property_account_receivable_id"]
            .get_company_dependent_fallback(env["res.partner"].with_company(company))
        )
        policy.account_ids = [(6, 0, receivable.ids)]
        if limit:
            # The same customers as the agent's run: the first ones with open invoices,
            # through a policy set on them (the company keeps none).
            company.credit_policy_id = False
            cr.execute(
                """
                SELECT DISTINCT commercial_partner_id FROM account_move
                 WHERE state = 'posted' AND move_type IN ('out_invoice', 'out_receipt')
                   AND payment_state NOT IN ('paid', 'reversed') AND company_id = %s
                 ORDER BY 1 LIMIT %s
                """,
                [company.id, limit],
            )
            chosen_ids = [row[0] for row in cr.fetchall()]
            env["res.partner"].browse(chosen_ids).write({"credit_policy_id": policy.id})
        else:
            company.credit_policy_id = policy
        # A fresh start: the lines of an earlier run (sent ones cannot be unlinked)
        # would move its customers to a later level.
        cr.execute(
            "DELETE FROM credit_control_communication; DELETE FROM credit_control_line;"
            " DELETE FROM credit_control_run"
        )
        cr.commit()
        backends_before, cpu_before = base._backend_cpu(cr), time.process_time()
        started = time.monotonic()
        run_model = env["credit.control.run"]
        run = run_model.create(
            {"date": fields.Date.context_today(run_model), "policy_ids": [(6, 0, policy.ids)]}
        )
        run.generate_credit_lines()
        run.set_to_ready_lines()
        cr.commit()
        generate = time.monotonic() - started
        generate_cpu = sum(_cpu_since(cr, cpu_before, backends_before))
        backends_before, cpu_before = base._backend_cpu(cr), time.process_time()
        lines = run.line_ids.filtered(lambda line: line.channel == "email")
        customers = lines.partner_id
        chosen = customers[:sample]
        sample_lines = lines.filtered(lambda line: line.partner_id in chosen)
        started = time.monotonic()
        wizard = env["credit.control.emailer"].create({"line_ids": [(6, 0, sample_lines.ids)]})
        communications = wizard._send_emails()
        cr.commit()
        mails = env["mail.mail"].search([("state", "=", "outgoing")])
        mails.send(auto_commit=True)
        email = time.monotonic() - started
        email_cpu = sum(_cpu_since(cr, cpu_before, backends_before))
        line_count, customer_count = len(run.line_ids), len(customers)
        sample_count, communication_count = len(chosen), len(communications)
    print(
        json.dumps(
            {
                "generate_s": round(generate, 1),
                "lines": line_count,
                "customers_with_lines": customer_count,
                "sample_customers": sample_count,
                "sample_communications": communication_count,
                "sample_email_s": round(email, 1),
                "generate_cpu_s": round(generate_cpu, 1),
                "sample_email_cpu_s": round(email_cpu, 1),
                "load": round(os.getloadavg()[0], 1),
                "smtp_messages": sink.messages,
                "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
            }
        )
    )


def _cpu_since(cr, cpu_before, backends_before):
    """(CPU seconds of this process, of its PostgreSQL backends) since the marks: on
    a shared machine the wall time also counts the waits for a core."""
    backends = base._backend_cpu(cr)
    db_cpu = sum(spent - backends_before.get(pid, 0.0) for pid, spent in backends.items())
    return time.process_time() - cpu_before, db_cpu


def ensure_odoo_python():
    """Run with the installed Odoo's Python (re-executes this file with it)."""
    try:
        import odoo  # noqa: F401, PLC0415
    except ImportError:
        odoo_bin = os.environ.get("ODOO_BIN") or shutil.which("odoo") or ""
        if os.path.isfile(odoo_bin):
            with open(odoo_bin, encoding="utf-8", errors="replace") as script:
                first = script.readline()
            if first.startswith("#!"):
                python = first[2:].strip().split()[-1]
                os.execv(python, [python, __file__, *sys.argv[1:]])
        sys.exit("No Odoo 19 found: install it, put `odoo` on PATH or set ODOO_BIN.")


def install_credit_control(db):
    from odoo.tools import config  # noqa: PLC0415

    config.parse_config(["--http-interface=127.0.0.1"])
    addons = ",".join([base.addons_path(), str(OCC_PATH)])
    subprocess.run(
        [
            sys.executable,
            "-c",
            base.ODOO_MAIN,
            f"--addons-path={addons}",
            "-d",
            db,
            "-i",
            "account_credit_control",
            "--stop-after-init",
            "--log-level=warn",
            "--max-cron-threads=0",
            "--no-http",
        ],
        check=True,
        cwd="/tmp",
        env=base.child_env(),
    )


def update(db):
    subprocess.run(
        base.odoo_command(
            "-d",
            db,
            "-u",
            "ar_collections_agent",
            "--stop-after-init",
            "--log-level=warn",
            "--max-cron-threads=0",
            "--no-http",
        ),
        check=True,
        cwd="/tmp",
        env=base.child_env(),
    )


def in_child(*args):
    result = subprocess.run(
        [sys.executable, __file__, *args],
        check=False,
        stdout=subprocess.PIPE,
        text=True,
        env=base.child_env(),
    )
    if result.returncode:
        sys.exit(f"{args[0]} failed (exit {result.returncode})")
    return json.loads(result.stdout.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1 = 20,000 customers")
    parser.add_argument("--db", default="odoo-cycle-bench")
    parser.add_argument("--seed", type=float, default=0.42)
    parser.add_argument("--batch-size", type=int, default=200)
    parser.add_argument("--credit-control-sample", type=int, default=100)
    parser.add_argument("--no-credit-control", action="store_true")
    parser.add_argument("--limit", type=int, default=0, help="agent: only this many customers")
    parser.add_argument("--reuse", action="store_true")
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--child", choices=("agent", "credit_control", "prepare"))
    args = parser.parse_args()
    ensure_odoo_python()
    if args.child == "agent":
        child_agent(args.db, args.batch_size, args.limit)
        return 0
    if args.child == "credit_control":
        child_credit_control(args.db, args.credit_control_sample, args.limit)
        return 0
    if args.child == "prepare":
        prepare(args.db)
        print("{}")
        return 0
    print(f"agent cycle benchmark, scale {args.scale:g}, database {args.db}", flush=True)
    if args.reuse and base.database_exists(args.db):
        print("  reusing the existing database (module updated)", flush=True)
        update(args.db)
    else:
        print(f"  installed ar_collections_agent in {base.install(args.db):.0f} s", flush=True)
        counts, seconds = base.generate(args.db, args.scale, args.seed)
        print(
            "  generated in {:.0f} s: {customers:,} customers, {open:,} open invoices".format(
                seconds, **counts
            ),
            flush=True,
        )
    in_child("--db", args.db, "--child", "prepare")
    agent = in_child(
        "--db",
        args.db,
        "--child",
        "agent",
        "--batch-size",
        str(args.batch_size),
        "--limit",
        str(args.limit),
    )
    contacted = max(agent["contacted"], 1)
    print(f"  agent: {agent['customers']:,} customers decided, {agent['contacted']:,} contacted")
    print(f"    decisions:           {agent['decisions']}")
    print(
        f"    wall time:           {agent['wall_s']} s ({agent['decide_s']} s deciding, posting"
        f" and sending as each batch commits, {agent['smtp_s']} s for what was left in the"
        f" mail queue; {agent['smtp_messages']:,} mails reached the SMTP sink)"
        "   (target <= 600 s for 20,000 customers)"
    )
    agent_cpu = agent["cpu_s"] + agent["db_cpu_s"]
    print(
        f"    CPU time:            {agent_cpu:.1f} s ({agent['cpu_s']} s Odoo +"
        f" {agent['db_cpu_s']} s PostgreSQL; load average {agent['load']} on"
        f" {os.cpu_count()} cores; slowest batch {agent['slowest_batch_s']} s wall)"
    )
    print(f"    peak memory (RSS):   {agent['peak_rss_mb']} MB")
    low, high = agent["queries_per_batch"]
    print(
        f"    SQL queries:         {agent['queries']:,} in total; {low} to {high} per batch of"
        f" <= {args.batch_size} customers ({agent['queries_per_customer']} per customer)"
    )
    per_agent = agent["wall_s"] / contacted
    per_agent_cpu = agent_cpu / contacted
    print(
        f"    per contacted customer: {per_agent * 1000:.1f} ms wall,"
        f" {per_agent_cpu * 1000:.1f} ms CPU"
    )
    if agent["customers"]:
        scale = 20_000 / agent["customers"]
        print(
            f"    projected to 20,000 customers: {agent['wall_s'] * scale:.0f} s wall,"
            f" {agent_cpu * scale:.0f} s CPU   (target <= 600 s)"
        )
    if args.no_credit_control:
        return 0
    if not OCC_PATH.exists():
        print(
            f"  credit_control: not found in {OCC_PATH} (pip install --no-deps --target"
            " /tmp/occ odoo-addon-account-credit-control)"
        )
        return 0
    install_credit_control(args.db)
    occ = in_child(
        "--db",
        args.db,
        "--child",
        "credit_control",
        "--credit-control-sample",
        str(args.credit_control_sample),
    )
    per_email = occ["sample_email_s"] / max(occ["sample_communications"], 1)
    per_generate = occ["generate_s"] / max(occ["customers_with_lines"], 1)
    per_occ = per_email + per_generate
    per_occ_cpu = occ["sample_email_cpu_s"] / max(occ["sample_communications"], 1) + occ[
        "generate_cpu_s"
    ] / max(occ["customers_with_lines"], 1)
    print(
        f"  credit_control: {occ['lines']:,} lines for {occ['customers_with_lines']:,} customers"
        f" in {occ['generate_s']} s; email channel for {occ['sample_communications']} customers"
        f" in {occ['sample_email_s']} s ({occ['smtp_messages']} mails in the sink);"
        f" peak {occ['peak_rss_mb']} MB"
    )
    print(
        f"    per contacted customer: {per_occ * 1000:.1f} ms"
        f" ({per_generate * 1000:.1f} generating + {per_email * 1000:.1f} emailing),"
        f" {per_occ_cpu * 1000:.1f} ms CPU (Odoo + PostgreSQL; load average {occ['load']})"
    )
    print(
        f"  ratio (credit_control / agent, per contacted customer): {per_occ / per_agent:.1f}x"
        f" wall time, {per_occ_cpu / max(per_agent_cpu, 1e-9):.1f}x CPU time   (target >= 20x)"
    )
    if not args.keep and not args.reuse:
        subprocess.run(["dropdb", "--if-exists", args.db], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
