"""Refresh payment profiles, risk and predicted payment dates for a batch of customers.

One batch = one company and a list of commercial partners. The ledger is read with a
fixed number of set-based queries (``ledger_sql``), the core computes, and the results
are written back with one UPDATE for the partners and two for the invoices. Partner
figures are company-dependent fields: each company's values live under its own key
of the JSONB columns, so one UPDATE sets exactly this company's values.
"""

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from odoo import api
from odoo.tools import SQL, config

from ar_collections_core.profile import ProfileParams, compute_profile, predict_payment_date
from ar_collections_core.risk import RiskParams, assess_risk

from . import ledger_sql

RISK_REASONS_SHOWN = 3

# (partner field, SQL type, value from (profile, risk)). None removes the company's
# value (the field then reads empty or zero).
PARTNER_COLUMNS = (
    ("payment_profile_date", "date", lambda p, r: p.as_of),
    ("payment_has_history", "boolean", lambda p, r: p.has_history),
    ("payment_invoices_settled", "int4", lambda p, r: p.invoices_settled),
    ("payment_amount_settled", "float8", lambda p, r: p.amount_settled),
    ("payment_weighted_days_late", "float8", lambda p, r: p.weighted_days_late),
    ("payment_typical_days_late", "float8", lambda p, r: p.typical_days_late),
    ("payment_p90_days_late", "float8", lambda p, r: p.p90_days_late),
    ("payment_worst_days_late", "int4", lambda p, r: p.worst_days_late),
    ("payment_on_time_rate", "float8", lambda p, r: p.on_time_rate),
    ("payment_avg_days_to_pay", "float8", lambda p, r: p.avg_days_to_pay),
    ("payment_recent_days_late", "float8", lambda p, r: p.recent_days_late),
    ("payment_prior_days_late", "float8", lambda p, r: p.prior_days_late),
    ("payment_trend_days", "float8", lambda p, r: p.trend_days),
    ("payment_partial_rate", "float8", lambda p, r: p.partial_payment_rate),
    (
        "payment_usual_weekday",
        "text",
        lambda p, r: None if p.usual_payment_weekday is None else str(p.usual_payment_weekday),
    ),
    ("payment_usual_day", "int4", lambda p, r: p.usual_payment_day),
    ("payment_open_amount", "float8", lambda p, r: p.open_amount),
    ("payment_overdue_amount", "float8", lambda p, r: p.overdue_amount),
    ("payment_open_count", "int4", lambda p, r: p.open_count),
    ("payment_overdue_count", "int4", lambda p, r: p.overdue_count),
    ("payment_oldest_overdue_days", "int4", lambda p, r: p.oldest_overdue_days),
    ("payment_open_credit_amount", "float8", lambda p, r: p.open_credit_amount),
    ("payment_first_invoice_date", "date", lambda p, r: p.first_invoice_date),
    ("payment_promises_kept", "int4", lambda p, r: p.promises_kept),
    ("payment_promises_partial", "int4", lambda p, r: p.promises_partial),
    ("payment_promises_broken", "int4", lambda p, r: p.promises_broken),
    ("collection_risk_score", "int4", lambda p, r: r.score),
    ("collection_risk_band", "text", lambda p, r: r.band),
    (
        "collection_risk_reasons",
        "text",
        lambda p, r: "\n".join(f.text for f in r.factors[:RISK_REASONS_SHOWN]) or None,
    ),
    ("collection_late_probability", "float8", lambda p, r: r.late_probability),
)
PARTNER_FIELDS = [name for name, _type, _value in PARTNER_COLUMNS]

stale_customers = ledger_sql.stale_customers


@dataclass(slots=True)
class BatchLedger:
    """What the refresh reads for one batch of customers of one company."""

    receivables: dict
    promises: dict
    disputes: dict
    credit_limits: dict
    stored_predictions: dict


def read_batch(env, company, partner_ids):
    stored_predictions = {}
    receivables = ledger_sql.read_receivables(env, company, partner_ids, stored_predictions)
    return BatchLedger(
        receivables=receivables,
        promises=ledger_sql.read_promises(env, company, partner_ids),
        disputes=ledger_sql.read_disputes(env, company, partner_ids),
        credit_limits=ledger_sql.read_credit_limits(env, company, partner_ids),
        stored_predictions=stored_predictions,
    )


def refresh_customers(env, company, partner_ids, today, ledger=None):
    """Compute and store the profile, risk and predicted dates of these commercial
    partners in ``company`` as of ``today`` (from ``ledger`` when it was read already).
    Returns the number of partners done."""
    partner_ids = list(partner_ids)
    if not partner_ids:
        return 0
    if ledger is None:
        env.flush_all()
        ledger = read_batch(env, company, partner_ids)
    partners = env["res.partner"].browse(partner_ids)
    policies = env["ar.collection.policy"]._get_effective_policies(partners, company)

    partner_rows, predictions, params_cache = [], [], {}
    for partner_id in partner_ids:
        grace = policies[partner_id].promise_grace_days
        if grace not in params_cache:
            params_cache[grace] = (
                ProfileParams(promise_grace_days=grace),
                RiskParams(promise_grace_days=grace),
            )
        profile_params, risk_params = params_cache[grace]
        own = ledger.receivables.get(partner_id, ())
        own_promises = ledger.promises.get(partner_id, ())
        profile = compute_profile(own, today, promises=own_promises, params=profile_params)
        risk = assess_risk(
            profile,
            promises=own_promises,
            disputes=ledger.disputes.get(partner_id, ()),
            credit_limit=ledger.credit_limits.get(partner_id, 0.0),
            params=risk_params,
        )
        partner_rows.append(
            (partner_id, *(value(profile, risk) for _n, _t, value in PARTNER_COLUMNS))
        )
        predictions += [
            (rec.id, predict_payment_date(rec, profile, today))
            for rec in own
            if rec.is_open and not rec.is_credit_note
        ]

    _write_partners(env, company, partner_rows)
    _write_predictions(env, predictions, ledger.stored_predictions)
    env["res.partner"].invalidate_model(PARTNER_FIELDS)
    env["account.move"].invalidate_model(["payment_predicted_date"])
    return len(partner_ids)


def refresh_in_batches(env, batches, today, progress):
    """Refresh ``batches`` ([(company, partner ids)]) in order, calling
    ``progress(count)`` after each; stop when it returns a false value.

    While one batch is computed, the next one's ledger is read through a second cursor
    in a helper thread, so that PostgreSQL reads while Python computes (the reads only
    touch other customers than the writes). Sequential when tests run, where a second
    cursor would not see the test's data."""
    testing = config["test_enable"] or type(env.cr).__name__ == "TestCursor"
    if len(batches) < 2 or testing:
        for company, partner_ids in batches:
            refresh_customers(env, company, partner_ids, today)
            if not progress(len(partner_ids)):
                return
        return
    env.flush_all()
    with _Prefetcher(env) as prefetcher:
        pending = prefetcher.fetch(*batches[0])
        for index, (company, partner_ids) in enumerate(batches):
            ledger = pending.result()
            if index + 1 < len(batches):
                pending = prefetcher.fetch(*batches[index + 1])
            refresh_customers(env, company, partner_ids, today, ledger=ledger)
            if not progress(len(partner_ids)):
                return


class _Prefetcher:
    """Reads batches in one helper thread with its own (read-only) cursor."""

    def __init__(self, env):
        self.registry, self.uid, self.context = env.registry, env.uid, dict(env.context)
        self.executor = None
        self.cursor = None

    def __enter__(self):
        self.executor = ThreadPoolExecutor(1, thread_name_prefix="ar_collections_prefetch")
        return self

    def fetch(self, company, partner_ids):
        return self.executor.submit(self._read, company.id, list(partner_ids))

    def _read(self, company_id, partner_ids):
        if self.cursor is None:
            self.cursor = self.registry.cursor()
        env = api.Environment(self.cursor, self.uid, self.context)
        return read_batch(env, env["res.company"].browse(company_id), partner_ids)

    def _close(self):
        if self.cursor is not None:
            self.cursor.rollback()
            self.cursor.close()

    def __exit__(self, *exc_info):
        self.executor.submit(self._close).result()
        self.executor.shutdown()


def _unnest(rows, types):
    """The rows as ``unnest(array, ...)`` of typed column arrays: a join on it stays a
    primary-key nested loop, however many rows (a large VALUES list can make the
    planner scan the whole table)."""
    columns = list(zip(*rows, strict=True)) if rows else [() for _type in types]
    return SQL(
        "unnest(%s)",
        SQL(", ").join(
            SQL("%s::%s", list(column), SQL(f"{sql_type}[]"))
            for column, sql_type in zip(columns, types, strict=True)
        ),
    )


def _write_partners(env, company, rows):
    """One UPDATE setting this company's key in every profile column."""
    key = str(company.id)
    assignments = []
    for name, sql_type, _value in PARTNER_COLUMNS:
        column = SQL.identifier(name)
        current = SQL("COALESCE(p.%s, '{}'::jsonb)", column)
        value = SQL("v.%s", column)
        if sql_type == "date":
            value = SQL("%s::text", value)  # the ORM keeps company-dependent dates as text
        assignments.append(
            SQL(
                "%(column)s = CASE WHEN v.%(column)s IS NULL THEN %(current)s - %(key)s"
                " ELSE %(current)s || jsonb_build_object(%(key)s, %(value)s) END",
                column=column,
                current=current,
                key=key,
                value=value,
            )
        )
    env.execute_query(
        SQL(
            "UPDATE res_partner AS p SET %(assignments)s FROM %(rows)s AS v(%(columns)s)"
            " WHERE p.id = v.id",
            assignments=SQL(", ").join(assignments),
            rows=_unnest(rows, ["int4", *(sql_type for _n, sql_type, _v in PARTNER_COLUMNS)]),
            columns=SQL(", ").join(SQL.identifier(name) for name in ["id", *PARTNER_FIELDS]),
        )
    )


def _write_predictions(env, predictions, stored):
    """Predicted dates on open invoices, cleared on the batch's other documents; only
    the rows whose value changes are written, by id."""
    changed = [(move_id, day) for move_id, day in predictions if stored.get(move_id) != day]
    if changed:
        env.execute_query(
            SQL(
                "UPDATE account_move AS m SET payment_predicted_date = v.day"
                " FROM %s AS v(id, day) WHERE m.id = v.id",
                _unnest(changed, ["int4", "date"]),
            )
        )
    predicted = {move_id for move_id, _day in predictions}
    stale = [move_id for move_id, day in stored.items() if day and move_id not in predicted]
    if stale:
        env.execute_query(
            SQL(
                "UPDATE account_move SET payment_predicted_date = NULL WHERE id = ANY(%s)",
                stale,
            )
        )
