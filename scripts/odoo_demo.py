"""Build the demo data in the database made by scripts/run_demo.sh.

Run through ``odoo shell`` (which provides ``env``): the generated ledger of
``ar_collections_core.synthetic`` (DEMO_CUSTOMERS customers, default 300, two years of
history) becomes real partners, posted invoices and credit notes, payments registered
and reconciled at their historical dates, promises and disputes; then the nightly
profile refresh runs and a short summary is printed.

Everything is created in batches (create, post, reconcile). The customers are shared
among DEMO_WORKERS processes (default 2, each an ``odoo shell`` running this script
with DEMO_WORKER=i/n), each with its own sales and bank journal so that their
numbering never collides: a few hundred customers load in a few minutes.
"""

import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from datetime import date, datetime
from datetime import time as datetime_time
from pathlib import Path

from freezegun import freeze_time
from odoo import Command

import ar_collections_core
from ar_collections_core.ledger import CREDIT, PAYMENT
from ar_collections_core.synthetic import generate_ledger

# Its report lives next to this script, which odoo shell runs from standard input.
SCRIPTS = Path(ar_collections_core.__file__).resolve().parents[1] / "scripts"
sys.path.insert(0, str(SCRIPTS))
import odoo_demo_report  # noqa: E402

BATCH = 400
QUIET = {
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_create_nosubscribe": True,
    "mail_notrack": True,
    "mail_auto_subscribe_no_notify": True,
}
LANGS = ("fr_FR", "de_DE", "es_ES", "nl_NL")
REASONS = {"price", "quantity", "quality", "duplicate", "missing_po", "tax", "service", "other"}


def chunks(items, size=BATCH):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def receivable_lines(lines):
    return lines.filtered(lambda line: line.account_type == "asset_receivable")


class DemoLoader:
    def __init__(self, env, customers, today, seed=7):
        self.env = env(context=dict(env.context, **QUIET))
        self.company = self.env.company
        self.customers, self.today, self.seed = customers, today, seed
        self.counts = Counter()
        self.partner_by_key = {}
        self.move_by_doc = {}  # synthetic document id -> account.move id
        self.doc_by_id = {}  # synthetic document id -> Receivable

    def ledger(self):
        return generate_ledger(self.customers, seed=self.seed, today=self.today, currency="EUR")

    # -- main process: company, customers, workers, refresh -------------------------------

    def run(self, workers):
        started = time.monotonic()
        print(
            f"Building the demo ledger: {self.customers} customers, {workers} workers", flush=True
        )
        ledger = self.ledger()
        t = time.monotonic()
        self.setup_company(ledger.currency)
        self.setup_rates(ledger)
        self.create_partners(ledger)
        journals = self.journals(workers)
        self.env.cr.commit()
        print(f"  company, currencies, customers: {time.monotonic() - t:.1f} s", flush=True)
        t = time.monotonic()
        for counts in self.spawn_workers(journals):
            self.counts.update(counts)
        print(f"  invoices, payments, promises, disputes: {time.monotonic() - t:.1f} s", flush=True)
        t = time.monotonic()
        self.env["res.partner"]._cron_refresh_payment_profiles()
        self.env.cr.commit()
        print(f"  payment profiles refreshed: {time.monotonic() - t:.1f} s", flush=True)
        odoo_demo_report.summary(
            self.env, ledger, self.today, self.counts, time.monotonic() - started
        )

    def setup_company(self, currency_name):
        env, company = self.env, self.company
        Currency = env["res.currency"].with_context(active_test=False)
        currency = Currency.search([("name", "=", currency_name)])
        currency.active = True
        values = {
            "name": "Demo Collections Europe",
            "email": "ar@demo-collections.example",
            "account_use_credit_limit": True,
        }
        if company.currency_id != currency:
            values["currency_id"] = currency.id
        company.write(values)
        for code in LANGS:
            env["res.lang"]._activate_lang(code)
        Policy = env["ar.collection.policy"]
        if not Policy.search([("company_id", "=", company.id), ("scope", "=", "company")]):
            Policy.create({"company_id": company.id, "scope": "company"})
        Policy.create(
            {
                "company_id": company.id,
                "scope": "segment",
                "segment": "strategic",
                "max_tone": "neutral",
                "override_contacts": True,
                "max_contacts_7d": 1,
                "max_contacts_30d": 2,
                "min_days_between_contacts": 10,
            }
        )

    def setup_rates(self, ledger):
        """Monthly rates of the ledger's foreign currencies, as its documents used them."""
        samples = defaultdict(list)
        for receivables in ledger.receivables.values():
            for rec in receivables:
                if rec.amount_currency and rec.amount:
                    month = rec.invoice_date.replace(day=1)
                    samples[rec.currency, month].append(rec.amount_currency / rec.amount)
        Currency = self.env["res.currency"].with_context(active_test=False)
        currencies = {c.name: c for c in Currency.search([("name", "in", [k[0] for k in samples])])}
        for currency in currencies.values():
            currency.active = True
        self.env["res.currency.rate"].create(
            [
                {
                    "currency_id": currencies[name].id,
                    "company_id": self.company.id,
                    "name": month,
                    "rate": sum(values) / len(values),
                }
                for (name, month), values in sorted(samples.items())
            ]
        )

    def create_partners(self, ledger):
        countries = {c.code: c.id for c in self.env["res.country"].search([])}
        terms = {
            days: self._payment_term(days)
            for days in {c.payment_term_days for c in ledger.customers}
        }
        partners = self.env["res.partner"].create(
            [
                {
                    "name": c.name,
                    "is_company": True,
                    "email": c.email,
                    "lang": c.lang,
                    "tz": c.tz,
                    "country_id": countries.get(c.country_code),
                    "collection_segment": c.segment,
                    "credit_limit": c.credit_limit,
                    "property_payment_term_id": terms[c.payment_term_days],
                    "ref": c.key,
                    "customer_rank": 1,
                    "comment": f"Demo archetype: {c.archetype}",
                }
                for c in ledger.customers
            ]
        )
        self.env["res.partner"].create(
            [
                {
                    "name": "Accounts Payable",
                    "type": "invoice",
                    "parent_id": p.id,
                    "email": c.email,
                    "lang": c.lang,
                }
                for c, p in zip(ledger.customers, partners, strict=True)
            ]
        )
        self.counts["customers"] = len(partners)

    def _payment_term(self, days):
        Term = self.env["account.payment.term"]
        term = Term.search([("name", "=", f"{days} Days")], limit=1)
        term = term or Term.create(
            {"name": f"{days} Days", "line_ids": [Command.create({"nb_days": days})]}
        )
        return term.id

    def journals(self, workers):
        """(sales journal, bank journal) per worker: the company's own for the first."""
        Journal = self.env["account.journal"]
        domain = [("company_id", "=", self.company.id)]
        pairs = [
            (
                Journal.search([*domain, ("type", "=", "sale")], limit=1),
                Journal.search([*domain, ("type", "=", "bank")], limit=1),
            )
        ]
        main_sale = pairs[0][0]
        for index in range(2, workers + 1):
            sale = Journal.search([*domain, ("code", "=", f"INV{index}")]) or Journal.create(
                {
                    "name": f"Customer Invoices {index}",
                    "code": f"INV{index}",
                    "type": "sale",
                    "default_account_id": main_sale.default_account_id.id,
                }
            )
            bank = Journal.search([*domain, ("code", "=", f"BNK{index}")]) or Journal.create(
                {"name": f"Bank {index}", "code": f"BNK{index}", "type": "bank"}
            )
            pairs.append((sale, bank))
        return [(sale.id, bank.id) for sale, bank in pairs]

    def spawn_workers(self, journals):
        script = (
            Path(ar_collections_core.__file__).resolve().parents[1] / "scripts" / "odoo_demo.py"
        )
        if os.path.isfile(sys.argv[0]):
            command = [sys.executable, *sys.argv]
        else:  # odoo started as `python -c 'import odoo.cli; ...'`
            command = [
                sys.executable,
                "-c",
                "import sys, odoo.cli; sys.argv[0] = 'odoo'; odoo.cli.main()",
                *sys.argv[1:],
            ]
        running = []
        for index, (sale, bank) in enumerate(journals):
            result = tempfile.NamedTemporaryFile("r", suffix=".json", delete=False)
            environ = dict(
                os.environ,
                DEMO_WORKER=f"{index}/{len(journals)}",
                DEMO_JOURNALS=f"{sale},{bank}",
                DEMO_TODAY=self.today.isoformat(),
                DEMO_RESULT=result.name,
            )
            with open(script, "rb") as stdin:
                running.append((subprocess.Popen(command, stdin=stdin, env=environ), result.name))
        failed = [proc.args for proc, _path in running if proc.wait() != 0]
        if failed:
            raise SystemExit(f"{len(failed)} demo worker(s) failed")
        for _proc, path in running:
            with open(path, encoding="utf-8") as result:
                yield json.load(result)
            os.unlink(path)

    # -- worker process: its share of the customers --------------------------------------

    @staticmethod
    def shares(ledger, count):
        """Customers per worker, balanced by documents. Customers invoiced in a foreign
        currency all go to the first worker: their payments post exchange differences
        in the company's one exchange journal, whose numbering must stay in one process."""
        shares = [[] for _ in range(count)]
        load = [0] * count
        customers = sorted(
            ledger.customers,
            key=lambda c: not any(r.amount_currency is not None for r in ledger.receivables[c.key]),
        )
        for customer in customers:
            recs = ledger.receivables[customer.key]
            foreign = any(r.amount_currency is not None for r in recs)
            target = 0 if foreign else min(range(count), key=load.__getitem__)
            shares[target].append(customer.key)
            load[target] += len(recs) + sum(len(r.settlements) for r in recs)
        return shares

    def run_worker(self, index, count, sale_journal, bank_journal):
        ledger = self.ledger()
        keys = self.shares(ledger, count)[index]
        partners = self.env["res.partner"].search([("ref", "in", keys), ("parent_id", "=", False)])
        self.partner_by_key = {p.ref: p for p in partners}
        steps = []
        for step, run in (
            ("documents", lambda: self.create_documents(ledger, keys, sale_journal)),
            ("promises and disputes", lambda: self.create_cases(ledger, keys)),
            ("payments", lambda: self.settle(ledger, keys, bank_journal)),
        ):
            started = time.monotonic()
            run()
            steps.append(f"{step} {time.monotonic() - started:.0f} s")
        counts = ", ".join(f"{n} {label}" for label, n in sorted(self.counts.items()))
        print(f"  [worker {index + 1}/{count}] {counts}; {', '.join(steps)}", flush=True)
        return dict(self.counts)

    def create_documents(self, ledger, keys, journal_id):
        docs = sorted(
            (rec.invoice_date, rec.id, key, rec) for key in keys for rec in ledger.receivables[key]
        )
        company_currency = self.company.currency_id
        currencies = {c.name: c for c in self.env["res.currency"].search([])}
        for batch in chunks(docs):
            vals = []
            for _day, _id, key, rec in batch:
                self.doc_by_id[rec.id] = rec
                foreign = rec.amount_currency is not None
                vals.append(
                    {
                        "move_type": "out_refund" if rec.is_credit_note else "out_invoice",
                        "journal_id": journal_id,
                        "partner_id": self.partner_by_key[key].id,
                        "invoice_date": rec.invoice_date,
                        "date": rec.invoice_date,
                        "invoice_date_due": rec.due_date,
                        "invoice_payment_term_id": False,
                        "currency_id": (
                            currencies[rec.currency] if foreign else company_currency
                        ).id,
                        "ref": rec.ref or False,
                        "invoice_line_ids": [
                            Command.create(
                                {
                                    "name": "Goods and services",
                                    "quantity": 1,
                                    "price_unit": abs(
                                        rec.amount_currency if foreign else rec.amount
                                    ),
                                    "tax_ids": [Command.clear()],
                                }
                            )
                        ],
                    }
                )
            moves = self.env["account.move"].create(vals)
            moves.action_post()
            for move, (_day, _id, _key, rec) in zip(moves, batch, strict=True):
                self.move_by_doc[rec.id] = move.id
                self.counts["credit notes" if rec.is_credit_note else "invoices"] += 1
            self.env.cr.commit()

    def create_cases(self, ledger, keys):
        """Promises and disputes, before payments (they name invoices then still open)."""
        Move = self.env["account.move"]

        def values(key, case):
            invoices = Move.browse([self.move_by_doc[i] for i in case.invoice_ids])
            return {
                "partner_id": self.partner_by_key[key].id,
                "invoice_ids": [Command.set(invoices.ids)],
                "currency_id": invoices[:1].currency_id.id,
                "amount": self._in_invoice_currency(case.invoice_ids[0], case.amount),
            }

        promises = [
            values(key, p)
            | {
                "date": p.created or p.promised_date,
                "promised_date": p.promised_date,
                "state": p.state,
                "source": "email" if sum(map(ord, str(p.id))) % 3 == 0 else "phone",
            }
            for key in keys
            for p in ledger.promises[key]
        ]
        disputes = [
            values(key, d)
            | {
                "reason": d.reason if d.reason in REASONS else "other",
                "date": d.opened,
                "date_closed": d.closed,
                "state": d.state,
            }
            for key in keys
            for d in ledger.disputes[key]
        ]
        self.env["ar.collection.promise"].create(promises)
        self.env["ar.collection.dispute"].create(disputes)
        self.counts["promises"] += len(promises)
        self.counts["disputes"] += len(disputes)
        self.env.cr.commit()

    def _in_invoice_currency(self, doc_id, amount):
        rec = self.doc_by_id[doc_id]
        if rec.amount_currency is None or not rec.amount:
            return amount
        return round(amount * rec.amount_currency / rec.amount, 2)

    def settle(self, ledger, keys, bank_journal):
        """Credit notes applied and payments registered, reconciled at their dates."""
        credit_notes = defaultdict(list)  # (customer, date, amount) -> credit note ids
        for key in keys:
            for rec in ledger.receivables[key]:
                if rec.is_credit_note:
                    for s in rec.settlements:
                        if s.kind == CREDIT:
                            credit_notes[key, s.date, round(s.amount, 2)].append(rec.id)
        plans = []  # (document, customer, credit notes applied, [(date, amount)] paid)
        for key in keys:
            for rec in ledger.receivables[key]:
                applied, payments, paid = [], [], 0.0
                for s in sorted(rec.settlements, key=lambda s: s.date):
                    if s.date > self.today:
                        continue
                    if s.kind == CREDIT and not rec.is_credit_note:
                        match = credit_notes.get((key, s.date, round(s.amount, 2)))
                        if match:
                            applied.append(match.pop())
                    elif s.kind == PAYMENT:
                        amount = self._in_invoice_currency(rec.id, s.amount)
                        paid += amount
                        payments.append((s.date, amount))
                if payments and rec.residual == 0 and rec.amount_currency is not None:
                    # The last payment settles exactly what is left in the invoice currency.
                    day, last = payments[-1]
                    payments[-1] = (day, round(last + abs(rec.amount_currency) - paid, 2))
                if applied or payments:
                    plans.append((rec, key, applied, payments))
        for batch in chunks(plans):
            self._settle_batch(batch, bank_journal)
            self.env.cr.commit()

    def _settle_batch(self, batch, bank_journal):
        Move = self.env["account.move"]
        payment_vals, owners = [], []
        for index, (rec, key, _applied, payments) in enumerate(batch):
            move = Move.browse(self.move_by_doc[rec.id])
            for day, amount in payments:
                if amount > 0:
                    payment_vals.append(
                        {
                            "payment_type": "outbound" if rec.is_credit_note else "inbound",
                            "partner_type": "customer",
                            "partner_id": self.partner_by_key[key].id,
                            "amount": amount,
                            "currency_id": move.currency_id.id,
                            "date": day,
                            "journal_id": bank_journal,
                            "memo": move.name,
                        }
                    )
                    owners.append(index)
        payments = self.env["account.payment"].create(payment_vals)
        payments.action_post()
        self.counts["payments"] += len(payments)
        paid_lines = defaultdict(lambda: self.env["account.move.line"])
        for index, payment in zip(owners, payments, strict=True):
            paid_lines[index] |= receivable_lines(payment.move_id.line_ids)
        plan = []
        for index, (rec, _key, applied, _payments) in enumerate(batch):
            docs = Move.browse([self.move_by_doc[rec.id], *(self.move_by_doc[c] for c in applied)])
            lines = receivable_lines(docs.line_ids) | paid_lines[index]
            if len(lines) > 1:
                plan.append(lines)
        self.env["account.move.line"]._reconcile_plan(plan)


def main(env):
    today = date.fromisoformat(os.environ.get("DEMO_TODAY") or date.today().isoformat())
    if today == date.today():
        return load(env, today)
    # A ledger as of another day (the demo weeks then run from it): the whole process
    # lives on that day, so that Odoo's own "today" agrees with the ledger's.
    with freeze_time(datetime.combine(today, datetime_time(18)), tick=True):
        return load(env, today)


def load(env, today):
    loader = DemoLoader(env, int(os.environ.get("DEMO_CUSTOMERS") or 300), today)
    worker = os.environ.get("DEMO_WORKER")
    if not worker:
        loader.run(max(1, int(os.environ.get("DEMO_WORKERS") or 2)))
        return
    index, count = (int(part) for part in worker.split("/"))
    sale, bank = (int(part) for part in os.environ["DEMO_JOURNALS"].split(","))
    counts = loader.run_worker(index, count, sale, bank)
    with open(os.environ["DEMO_RESULT"], "w", encoding="utf-8") as result:
        json.dump(counts, result)


if __name__ == "__main__":
    main(env)  # noqa: F821 (provided by odoo shell)
