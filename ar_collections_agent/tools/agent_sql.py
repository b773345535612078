"""Set-based reads and locks for the agent's cycle (one query each, per batch)."""

from collections import defaultdict
from datetime import timedelta, timezone

from odoo.tools import SQL

# The advisory lock of a customer is a 64-bit hash of this prefix, company and customer.
LOCK_PREFIX = "ar_collections_agent/customer/"


def lock_customers(env, company, partner_ids):
    """The customers of ``partner_ids`` this transaction now holds (a transaction-level
    advisory lock per customer and company); those another run holds are left out, so
    two runs never work on one customer at once. Released at commit or rollback."""
    partner_ids = sorted(set(partner_ids))
    if not partner_ids:
        return []
    rows = env.execute_query(
        SQL(
            """
            SELECT pid FROM unnest(%(ids)s::int4[]) AS pid
             WHERE pg_try_advisory_xact_lock(
                       hashtextextended(%(prefix)s || pid::text, 0))
             ORDER BY pid
            """,
            ids=partner_ids,
            prefix=f"{LOCK_PREFIX}{company.id}/",
        )
    )
    return [row[0] for row in rows]


def existing_keys(env, partner_ids):
    """The idempotency keys already taken by these customers' decisions, in any company
    (a key names the customer and the day: one contact a day, whoever sends it)."""
    env["ar.collection.decision"].flush_model(["idempotency_key", "partner_id"])
    rows = env.execute_query(
        SQL(
            "SELECT idempotency_key FROM ar_collection_decision"
            " WHERE partner_id = ANY(%s) AND idempotency_key IS NOT NULL",
            list(partner_ids),
        )
    )
    return {row[0] for row in rows}


def open_customers(env, company, now):
    """[(partner id, timezone name, {local dates with a decision})] for the commercial
    customers with an open posted invoice in ``company`` (one query). The timezone is
    the invoice contact's, else the customer's."""
    env.flush_all()
    since = now.astimezone(timezone.utc).replace(tzinfo=None) - timedelta(days=2)
    rows = env.execute_query(
        SQL(
            """
            WITH open_customers AS (
                SELECT DISTINCT m.commercial_partner_id AS id
                  FROM account_move m
                 WHERE m.company_id = %(company)s AND m.state = 'posted'
                   AND m.move_type IN ('out_invoice', 'out_receipt')
                   AND m.payment_state NOT IN ('paid', 'reversed')
                   AND m.commercial_partner_id IS NOT NULL
            )
            SELECT p.id, COALESCE(
                       (SELECT ch.tz FROM res_partner ch
                         WHERE ch.parent_id = p.id AND ch.type = 'invoice' AND ch.active
                         ORDER BY ch.id LIMIT 1), p.tz),
                   ARRAY(SELECT DISTINCT d.local_date FROM ar_collection_decision d
                          WHERE d.partner_id = p.id AND d.company_id = %(company)s
                            AND d.decided_at > %(since)s
                            AND d.action NOT IN ('promise', 'dispute'))
              FROM open_customers o JOIN res_partner p ON p.id = o.id
             WHERE p.active
             ORDER BY p.id
            """,
            company=company.id,
            since=since,
        )
    )
    return [(pid, tz, set(days or ())) for pid, tz, days in rows]


def salespeople(env, company, partner_ids):
    """{partner id: user id} the salesperson of each customer's oldest open invoice
    that has one."""
    rows = env.execute_query(
        SQL(
            """
            SELECT DISTINCT ON (m.commercial_partner_id) m.commercial_partner_id,
                   m.invoice_user_id
              FROM account_move m
             WHERE m.commercial_partner_id = ANY(%(partners)s) AND m.company_id = %(company)s
               AND m.state = 'posted' AND m.move_type IN ('out_invoice', 'out_receipt')
               AND m.invoice_user_id IS NOT NULL AND m.payment_state NOT IN ('paid', 'reversed')
             ORDER BY m.commercial_partner_id, m.invoice_date_due, m.id
            """,
            partners=list(partner_ids),
            company=company.id,
        )
    )
    result = defaultdict(lambda: False)
    result.update(dict(rows))
    return result


def failed_sends(env, message_ids=None, company=None, since=None):
    """{decision id: failure reason} of the emailed contacts recorded as sent whose
    delivery notification failed: those of ``message_ids``, else ``company``'s sent
    after ``since`` (naive UTC)."""
    env.flush_all()
    if message_ids is not None:
        scope = SQL("d.message_id = ANY(%s)", list(message_ids))
    else:
        scope = SQL("d.company_id = %s AND d.sent_at > %s", company.id, since)
    rows = env.execute_query(
        SQL(
            """
            SELECT d.id, MAX(n.failure_reason)
              FROM ar_collection_decision d
              JOIN mail_notification n ON n.mail_message_id = d.message_id
             WHERE %s AND d.state = 'sent' AND n.notification_type = 'email'
               AND n.notification_status = 'exception'
             GROUP BY d.id
            """,
            scope,
        )
    )
    return dict(rows)
