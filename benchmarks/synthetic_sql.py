"""A large synthetic receivables ledger written straight into an Odoo database.

Bulk ``INSERT ... SELECT generate_series`` statements, no ORM: customers with their own
lateness habit, posted customer invoices (a product line and a receivable line each),
payments as posted bank journal entries (an outstanding-receipts line and a receivable
line) reconciled with the invoices through ``account_partial_reconcile`` at the payment
date, some invoices paid in two parts, some open invoices partly paid. Amounts are in
the company currency. Amounts, residuals, payment states, ``reconciled`` flags and
partial reconciliations agree with each other the way Odoo keeps them, so the profile
refresh reads them like real data. (No account.payment or full-reconcile records: the
refresh does not read them.)
"""

from __future__ import annotations

import time

import psycopg2
from odoo.tools import SQL

TABLES = ("res_partner", "account_move", "account_move_line", "account_partial_reconcile")
DOC_COLUMNS = """
    n, cust, paid, invoice_date, due_date, amount, first_amount, first_date, pay_date,
    CASE WHEN paid THEN 0 ELSE amount - first_amount END AS residual
"""


def generate(env, *, customers, open, paid, seed=0.42, timings=None):
    """Write the ledger; ``timings`` (a list) receives (step, seconds)."""
    timings = [] if timings is None else timings
    cr = env.cr
    company = env.company
    sale = env["account.journal"].search(
        [("company_id", "=", company.id), ("type", "=", "sale")], limit=1
    )
    bank = env["account.journal"].search(
        [("company_id", "=", company.id), ("type", "=", "bank")], limit=1
    )
    partners = env["res.partner"].with_company(company)
    receivable = partners._fields["property_account_receivable_id"].get_company_dependent_fallback(
        partners
    )
    outstanding = (
        env["account.chart.template"]
        .with_company(company)
        .ref("account_journal_payment_debit_account_id", raise_if_not_found=False)
        or bank.inbound_payment_method_line_ids[:1].payment_account_id
    )
    ids = {
        "company": company.id,
        "currency": company.currency_id.id,
        "sale": sale.id,
        "bank": bank.id,
        "income": sale.default_account_id.id,
        "receivable": receivable.id,
        "outstanding": outstanding.id,
        "user": env.ref("base.user_admin").id,
        "customers": customers,
        "open": open,
        "paid": paid,
        "docs": open + paid,
    }
    cr.execute(SQL("SELECT setseed(%s)", seed))
    cr.execute(SQL("SET LOCAL synchronous_commit = off"))
    cr.execute(SQL("SET LOCAL maintenance_work_mem = '256MB'"))
    for table in TABLES:
        cr.execute(SQL("SELECT COALESCE(max(id), 0) FROM %s", SQL.identifier(table)))
        ids[table] = cr.fetchone()[0]
    # Bulk loading: indexes are dropped and built again afterwards (much faster than
    # maintaining them row by row); the database ends up with the same indexes.
    cr.execute(
        SQL(
            """
            SELECT indexname, indexdef FROM pg_indexes
             WHERE schemaname = current_schema() AND tablename IN %s
               AND indexname NOT IN (SELECT conname FROM pg_constraint)
            """,
            TABLES,
        )
    )
    indexes = cr.fetchall()
    # Foreign keys are checked by triggers, one lookup per key per row: off while
    # loading rows that are consistent by construction (needs a superuser role).
    try:
        with cr.savepoint():
            cr.execute(SQL("SET LOCAL session_replication_role = replica"))
    except psycopg2.Error:  # not a superuser: load with the checks
        timings.append(("foreign keys checked row by row (not a superuser)", 0.0))
    for name, _definition in indexes:
        cr.execute(SQL("DROP INDEX %s", SQL.identifier(name)))
    for statement in STATEMENTS:
        started = time.monotonic()
        cr.execute(SQL(statement, **{k: v for k, v in ids.items() if f"%({k})s" in statement}))
        timings.append((" ".join(statement.split()[:4]), time.monotonic() - started))
    started = time.monotonic()
    for _name, definition in indexes:
        cr.execute(definition)
    timings.append((f"{len(indexes)} indexes built", time.monotonic() - started))
    cr.execute(SQL("SET LOCAL session_replication_role = origin"))
    for table in TABLES:
        cr.execute(
            SQL(
                "SELECT setval(%s, (SELECT max(id) FROM %s))",
                f"{table}_id_seq",
                SQL.identifier(table),
            )
        )
    cr.execute("SELECT count(*) FROM bench_pay")
    payments = cr.fetchone()[0]
    env.invalidate_all()
    return {
        "customers": customers,
        "open": open,
        "paid": paid,
        "payments": payments,
        "partials": payments,
        "moves": open + paid + payments,
        "lines": 2 * (open + paid + payments),
    }


STATEMENTS = [
    # Each customer pays with its own habit: days late around a base, with a spread.
    """
    CREATE TEMP TABLE bench_customer ON COMMIT DROP AS
    SELECT c AS idx, (random() * random() * 90)::int - 5 AS late_base,
           (2 + random() * 20)::int AS late_spread
      FROM generate_series(1, %(customers)s) c
    """,
    """
    INSERT INTO res_partner (id, name, complete_name, is_company,
                             active, type, commercial_partner_id, customer_rank, supplier_rank,
                             autopost_bills, lang, create_uid, write_uid, create_date, write_date)
    SELECT %(res_partner)s + idx, 'Bench Customer ' || idx, 'Bench Customer ' || idx,
           TRUE, TRUE, 'contact', %(res_partner)s + idx, 1, 0, 'ask', 'en_US',
           %(user)s, %(user)s, now(), now()
      FROM bench_customer
    """,
    # Documents 1..paid are paid in full, the others open; dates keep every payment in
    # the past: a paid invoice was issued long enough ago for its lateness.
    """
    CREATE TEMP TABLE bench_draw ON COMMIT DROP AS
    SELECT n, 1 + (n %% %(customers)s) AS cust, n <= %(paid)s AS paid,
           random() AS r_age, random() + random() + random() - 1.5 AS r_late,
           random() AS r_amount, random() AS r_split
      FROM generate_series(1, %(docs)s) n
    """,
    """
    CREATE TEMP TABLE bench_doc0 ON COMMIT DROP AS
    SELECT d.n, d.cust, d.paid, d.r_age, d.r_amount, d.r_split,
           GREATEST(-15, c.late_base + (d.r_late * 2 * c.late_spread)::int) AS late,
           round((50 + d.r_amount * d.r_amount * 9000)::numeric, 2) AS amount
      FROM bench_draw d JOIN bench_customer c ON c.idx = d.cust
    """,
    """
    CREATE TEMP TABLE bench_doc1 ON COMMIT DROP AS
    SELECT n, cust, paid, late, amount, r_split,
           CASE WHEN paid THEN current_date - (31 + GREATEST(late, 0) + (r_age * 640)::int)
                ELSE current_date - (r_age * 75)::int END AS invoice_date
      FROM bench_doc0
    """,
    # One paid invoice in ten comes in two payments (40 per cent halfway); one open
    # invoice in ten is partly paid (30 per cent).
    """
    CREATE TEMP TABLE bench_doc ON COMMIT DROP AS
    SELECT n, cust, paid, invoice_date, invoice_date + 30 AS due_date, amount,
           invoice_date + 30 + late AS pay_date,
           CASE WHEN r_split < 0.1 THEN round(amount * (CASE WHEN paid THEN 0.4 ELSE 0.3 END), 2)
                ELSE 0 END AS first_amount,
           CASE WHEN paid THEN invoice_date + GREATEST(1, (30 + late) / 2)
                ELSE invoice_date + LEAST(5, current_date - invoice_date) END AS first_date
      FROM bench_doc1
    """,
    """
    CREATE TEMP TABLE bench_pay ON COMMIT DROP AS
    SELECT row_number() OVER (ORDER BY n, part) AS p, n, cust, part, pay_date, amount
      FROM (SELECT n, cust, 1 AS part, first_date AS pay_date, first_amount AS amount
              FROM bench_doc WHERE first_amount > 0
            UNION ALL
            SELECT n, cust, 2, pay_date, amount - first_amount FROM bench_doc WHERE paid) x
    """,
    "CREATE INDEX ON bench_pay (n)",
    # Invoices.
    f"""
    INSERT INTO account_move (id, name, sequence_prefix, sequence_number, date, invoice_date,
        invoice_date_due, state, move_type, auto_post, journal_id, company_id, currency_id,
        partner_id, commercial_partner_id, partner_shipping_id, invoice_user_id,
        payment_reference, payment_state, invoice_partner_display_name, invoice_currency_rate,
        amount_untaxed, amount_tax, amount_total, amount_residual, amount_untaxed_signed,
        amount_untaxed_in_currency_signed, amount_tax_signed, amount_total_signed,
        amount_total_in_currency_signed, amount_residual_signed, always_tax_exigible, checked,
        posted_before, made_sequence_gap, create_uid, write_uid, create_date, write_date)
    SELECT %(account_move)s + n, 'INV/BENCH/' || lpad(n::text, 7, '0'), 'INV/BENCH/', n,
           invoice_date, invoice_date, due_date, 'posted', 'out_invoice', 'no', %(sale)s,
           %(company)s, %(currency)s, %(res_partner)s + cust, %(res_partner)s + cust,
           %(res_partner)s + cust, %(user)s, 'INV/BENCH/' || lpad(n::text, 7, '0'),
           CASE WHEN paid THEN 'paid' WHEN first_amount > 0 THEN 'partial' ELSE 'not_paid' END,
           'Bench Customer ' || cust, 1, amount, 0, amount, residual, amount, amount, 0,
           amount, amount, residual, FALSE, TRUE, TRUE, FALSE, %(user)s, %(user)s, now(), now()
      FROM (SELECT {DOC_COLUMNS} FROM bench_doc) d
    """,
    # Payments: posted bank journal entries.
    """
    INSERT INTO account_move (id, name, sequence_prefix, sequence_number, date, state,
        move_type, auto_post, journal_id, company_id, currency_id, partner_id,
        commercial_partner_id, payment_state, amount_untaxed, amount_tax, amount_total,
        amount_residual, amount_untaxed_signed, amount_untaxed_in_currency_signed,
        amount_tax_signed, amount_total_signed, amount_total_in_currency_signed,
        amount_residual_signed, always_tax_exigible, checked, posted_before,
        made_sequence_gap, ref, create_uid, write_uid, create_date, write_date)
    SELECT %(account_move)s + %(docs)s + p, 'PBNK/BENCH/' || lpad(p::text, 7, '0'),
           'PBNK/BENCH/', p, pay_date, 'posted', 'entry', 'no', %(bank)s, %(company)s,
           %(currency)s, %(res_partner)s + cust, %(res_partner)s + cust, 'not_paid', 0, 0,
           amount, 0, 0, 0, 0, amount, amount, 0, FALSE, TRUE, TRUE, FALSE,
           'INV/BENCH/' || lpad(n::text, 7, '0'), %(user)s, %(user)s, now(), now()
      FROM bench_pay
    """,
    # Invoice lines: income (credit) and receivable (debit, open for the residual).
    f"""
    INSERT INTO account_move_line (id, move_id, move_name, date, invoice_date, parent_state,
        journal_id, company_id, company_currency_id, currency_id, account_id, partner_id,
        name, display_type, sequence, quantity, price_unit, price_subtotal, price_total,
        discount, debit, credit, balance, amount_currency, amount_residual,
        amount_residual_currency, date_maturity, reconciled, no_followup, matching_number,
        create_uid, write_uid, create_date, write_date)
    SELECT %(account_move_line)s + 2 * n - 1 + line, %(account_move)s + n,
           'INV/BENCH/' || lpad(n::text, 7, '0'), invoice_date, invoice_date, 'posted',
           %(sale)s, %(company)s, %(currency)s, %(currency)s,
           CASE line WHEN 0 THEN %(income)s ELSE %(receivable)s END, %(res_partner)s + cust,
           CASE line WHEN 0 THEN 'Bench goods' ELSE 'INV/BENCH/' || lpad(n::text, 7, '0') END,
           CASE line WHEN 0 THEN 'product' ELSE 'payment_term' END,
           CASE line WHEN 0 THEN 100 ELSE 10000 END, CASE line WHEN 0 THEN 1 ELSE 0 END,
           CASE line WHEN 0 THEN amount ELSE 0 END, CASE line WHEN 0 THEN amount ELSE 0 END,
           CASE line WHEN 0 THEN amount ELSE 0 END, 0,
           CASE line WHEN 0 THEN 0 ELSE amount END, CASE line WHEN 0 THEN amount ELSE 0 END,
           CASE line WHEN 0 THEN -amount ELSE amount END,
           CASE line WHEN 0 THEN -amount ELSE amount END,
           CASE line WHEN 0 THEN 0 ELSE residual END, CASE line WHEN 0 THEN 0 ELSE residual END,
           CASE line WHEN 0 THEN NULL ELSE due_date END,
           line = 1 AND residual = 0, FALSE,
           CASE WHEN line = 1 AND (paid OR first_amount > 0) THEN 'BENCH' || n END,
           %(user)s, %(user)s, now(), now()
      FROM (SELECT {DOC_COLUMNS} FROM bench_doc) d CROSS JOIN generate_series(0, 1) line
    """,
    # Payment lines: outstanding receipts (debit, left open as before a bank
    # reconciliation) and receivable (credit, fully reconciled with the invoice).
    """
    INSERT INTO account_move_line (id, move_id, move_name, date, parent_state, journal_id,
        company_id, company_currency_id, currency_id, account_id, partner_id, name,
        display_type, sequence, quantity, price_unit, price_subtotal, price_total, discount,
        debit, credit, balance, amount_currency, amount_residual, amount_residual_currency,
        reconciled, no_followup, matching_number, create_uid, write_uid, create_date,
        write_date)
    SELECT %(account_move_line)s + 2 * %(docs)s + 2 * p - 1 + line,
           %(account_move)s + %(docs)s + p, 'PBNK/BENCH/' || lpad(p::text, 7, '0'), pay_date,
           'posted', %(bank)s, %(company)s, %(currency)s, %(currency)s,
           CASE line WHEN 0 THEN %(outstanding)s ELSE %(receivable)s END,
           %(res_partner)s + cust, 'Customer payment', 'product', 10, 1, 0, 0, 0, 0,
           CASE line WHEN 0 THEN amount ELSE 0 END, CASE line WHEN 0 THEN 0 ELSE amount END,
           CASE line WHEN 0 THEN amount ELSE -amount END,
           CASE line WHEN 0 THEN amount ELSE -amount END,
           CASE line WHEN 0 THEN amount ELSE 0 END, CASE line WHEN 0 THEN amount ELSE 0 END,
           line = 1, FALSE, CASE line WHEN 1 THEN 'BENCH' || n END,
           %(user)s, %(user)s, now(), now()
      FROM bench_pay CROSS JOIN generate_series(0, 1) line
    """,
    # Each payment's receivable line reconciled with its invoice's, on the payment date.
    """
    INSERT INTO account_partial_reconcile (id, debit_move_id, credit_move_id, amount,
        debit_amount_currency, credit_amount_currency, company_id, debit_currency_id,
        credit_currency_id, max_date, create_uid, write_uid, create_date, write_date)
    SELECT %(account_partial_reconcile)s + p, %(account_move_line)s + 2 * n,
           %(account_move_line)s + 2 * %(docs)s + 2 * p, amount, amount, amount, %(company)s,
           %(currency)s, %(currency)s, pay_date, %(user)s, %(user)s, now(), now()
      FROM bench_pay
    """,
]
