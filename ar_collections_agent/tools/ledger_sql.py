"""Read a batch of customers' ledgers into the core's dataclasses, with set-based SQL.

Each reader issues a fixed number of queries for a whole batch of commercial partners
of one company, whatever their number of invoices. Amounts are in the company currency
(``balance``, ``amount_residual``, partial reconciliation ``amount``); a credit note
has negative amounts. A settlement is dated by the later of its two lines (the payment
date, or the invoice date for an advance payment) and is a ``credit_note`` when the
counterpart is another document of the customers read (a credit note applied to an
invoice, or the reverse), a ``payment`` otherwise (payments, bank statement lines,
exchange differences, write-offs, documents of another customer).
"""

from collections import defaultdict

from odoo.tools import SQL

from ar_collections_core.ledger import (
    CREDIT,
    CREDIT_NOTE,
    INVOICE,
    PAYMENT,
    Dispute,
    Promise,
    Receivable,
    Settlement,
)

# Keep in line with the partial index account_move._collection_customer_idx.
CUSTOMER_DOCUMENTS = SQL(
    "m.state = 'posted' AND m.move_type IN ('out_invoice', 'out_refund', 'out_receipt')"
)


def stale_customers(env, company, today):
    """Commercial partners with posted receivables in ``company`` whose profile there
    is missing or older than ``today``, by id."""
    env.flush_all()
    rows = env.execute_query(
        SQL(
            """
            SELECT p.id
              FROM res_partner p
             WHERE COALESCE((p.payment_profile_date ->> %(key)s)::date, '1900-01-01') < %(today)s
               AND EXISTS (SELECT 1 FROM account_move m
                            WHERE m.commercial_partner_id = p.id
                              AND m.company_id = %(company)s AND %(documents)s)
             ORDER BY p.id
            """,
            key=str(company.id),
            today=today,
            company=company.id,
            documents=CUSTOMER_DOCUMENTS,
        )
    )
    return [row[0] for row in rows]


def read_receivables(env, company, partner_ids, stored_predictions=None):
    """{partner id: [Receivable]} for the posted customer invoices, receipts and credit
    notes of these commercial partners in ``company`` (two queries). When given,
    ``stored_predictions`` receives each document's stored predicted payment date."""
    documents = env.execute_query(
        SQL(
            """
            SELECT m.id, m.commercial_partner_id, m.name, m.move_type, m.invoice_date,
                   COALESCE(m.invoice_date_due, m.invoice_date), COALESCE(m.ref, ''),
                   m.payment_state, cur.name, m.payment_predicted_date,
                   SUM(l.balance)::float8, SUM(l.amount_residual)::float8,
                   SUM(l.amount_currency)::float8, SUM(l.amount_residual_currency)::float8,
                   BOOL_OR(COALESCE(l.no_followup, FALSE)), ARRAY_AGG(l.id),
                   ARRAY_AGG(l.id) FILTER (WHERE l.balance > 0 AND l.amount_residual != l.balance),
                   ARRAY_AGG(l.id) FILTER (WHERE l.balance < 0 AND l.amount_residual != l.balance)
              FROM account_move m
              JOIN account_move_line l ON l.move_id = m.id AND l.display_type = 'payment_term'
              JOIN res_currency cur ON cur.id = m.currency_id
             WHERE m.commercial_partner_id = ANY(%(partners)s) AND m.company_id = %(company)s
               AND %(documents)s
             GROUP BY m.id, cur.name
            """,
            partners=list(partner_ids),
            company=company.id,
            documents=CUSTOMER_DOCUMENTS,
        )
    )
    # Only lines with something applied (residual != balance) have partials to read.
    line_moves = {line_id: row[0] for row in documents for line_id in row[-3]}
    debit_lines = [line_id for row in documents for line_id in row[-2] or ()]
    credit_lines = [line_id for row in documents for line_id in row[-1] or ()]
    settlements = _read_settlements(env, line_moves, debit_lines, credit_lines)
    company_currency = company.currency_id.name
    result = defaultdict(list)
    for (
        move_id,
        partner_id,
        number,
        move_type,
        invoice_date,
        due_date,
        ref,
        payment_state,
        currency,
        predicted,
        amount,
        residual,
        amount_currency,
        residual_currency,
        excluded,
        _lines,
        _debit_lines,
        _credit_lines,
    ) in documents:
        foreign = currency != company_currency
        own = settlements.get(move_id, ())
        if stored_predictions is not None:
            stored_predictions[move_id] = predicted
        result[partner_id].append(
            Receivable(
                id=move_id,
                number=number,
                invoice_date=invoice_date or due_date,
                due_date=due_date,
                amount=amount,
                residual=residual,
                currency=currency,
                amount_currency=amount_currency if foreign else None,
                residual_currency=residual_currency if foreign else None,
                settlements=tuple(sorted(own, key=_by_date)) if len(own) > 1 else tuple(own),
                ref=ref,
                kind=CREDIT_NOTE if move_type == "out_refund" else INVOICE,
                excluded=bool(excluded) or payment_state == "blocked",
                in_payment=payment_state == "in_payment",
            )
        )
    return result


def _by_date(settlement):
    return settlement.date


def _read_settlements(env, line_moves, debit_lines, credit_lines):
    """{move id: [Settlement]} from the partial reconciliations of these receivable
    lines: a debit line (an invoice) is the debit side of its partials, a credit line
    (a credit note) the credit side (one query, on the partials alone). ``line_moves``
    maps the receivable lines of every document read to their move: a counterpart among
    them is a credit note (or the invoice it was applied to)."""
    if not (debit_lines or credit_lines):
        return {}
    sides = [
        SQL(
            """
            SELECT apr.%(own)s, apr.max_date, apr.amount::float8, apr.%(other)s
              FROM account_partial_reconcile apr
             WHERE apr.%(own)s = ANY(%(lines)s)
            """,
            own=SQL.identifier(own),
            other=SQL.identifier(other),
            lines=lines,
        )
        for own, other, lines in (
            ("debit_move_id", "credit_move_id", debit_lines),
            ("credit_move_id", "debit_move_id", credit_lines),
        )
    ]
    result = defaultdict(list)
    rows = env.execute_query(SQL(" UNION ALL ").join(sides))
    for line_id, day, amount, counterpart_line in rows:
        move_id = line_moves[line_id]
        counterpart_move = line_moves.get(counterpart_line)
        if counterpart_move == move_id:  # lines of one document matched together
            continue
        kind = PAYMENT if counterpart_move is None else CREDIT
        result[move_id].append(Settlement(day, amount, kind))
    return result


def read_promises(env, company, partner_ids):
    """{partner id: [Promise]}, amounts in company currency (one query)."""
    rows = env.execute_query(
        SQL(
            """
            SELECT p.id, p.partner_id, p.amount_company::float8, p.promised_date, p.state, p.date,
                   ARRAY_REMOVE(ARRAY_AGG(r.move_id ORDER BY r.move_id), NULL)
              FROM ar_collection_promise p
              LEFT JOIN ar_collection_promise_account_move_rel r ON r.promise_id = p.id
             WHERE p.partner_id = ANY(%(partners)s) AND p.company_id = %(company)s
             GROUP BY p.id
            """,
            partners=list(partner_ids),
            company=company.id,
        )
    )
    currency = company.currency_id.name
    result = defaultdict(list)
    for promise_id, partner_id, amount, promised, state, made, invoice_ids in rows:
        result[partner_id].append(
            Promise(
                id=promise_id,
                invoice_ids=tuple(invoice_ids),
                amount=float(amount or 0.0),
                promised_date=promised,
                state=state,
                created=made,
                currency=currency,
            )
        )
    return result


def read_disputes(env, company, partner_ids):
    """{partner id: [Dispute]}, amounts in company currency (one query)."""
    rows = env.execute_query(
        SQL(
            """
            SELECT d.id, d.partner_id, d.amount_company::float8, d.reason, d.state, d.date,
                   d.date_closed, ARRAY_REMOVE(ARRAY_AGG(r.move_id ORDER BY r.move_id), NULL)
              FROM ar_collection_dispute d
              LEFT JOIN ar_collection_dispute_account_move_rel r ON r.dispute_id = d.id
             WHERE d.partner_id = ANY(%(partners)s) AND d.company_id = %(company)s
             GROUP BY d.id
            """,
            partners=list(partner_ids),
            company=company.id,
        )
    )
    result = defaultdict(list)
    for dispute_id, partner_id, amount, reason, state, opened, closed, invoice_ids in rows:
        result[partner_id].append(
            Dispute(
                id=dispute_id,
                invoice_ids=tuple(invoice_ids),
                amount=float(amount or 0.0),
                reason=reason,
                state=state,
                opened=opened,
                closed=closed,
            )
        )
    return result


def read_credit_limits(env, company, partner_ids):
    """{partner id: credit limit in company currency, 0 when none applies}."""
    if not company.account_use_credit_limit:
        return {}
    partners = env["res.partner"].with_company(company)
    fallback = partners._fields["credit_limit"].get_company_dependent_fallback(partners) or 0.0
    rows = env.execute_query(
        SQL(
            "SELECT id, (credit_limit ->> %(key)s)::float8"
            " FROM res_partner WHERE id = ANY(%(ids)s)",
            key=str(company.id),
            ids=list(partner_ids),
        )
    )
    return {partner_id: limit if limit is not None else fallback for partner_id, limit in rows}
