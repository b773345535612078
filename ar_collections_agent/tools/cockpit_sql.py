"""Set-based reads for the cockpit: one company's customers, contacts, the days a person
worked on a customer, and the agent's holds, each in one query (the ledger, promises
and disputes come from ``ledger_sql``). The figures are made by
``ar_collections_core.cockpit`` from what these return."""

from collections import defaultdict

from odoo.tools import SQL

from ar_collections_core.cockpit import overdue_on
from ar_collections_core.metrics import ContactRecord, Hold

from .ledger_sql import CUSTOMER_DOCUMENTS

CHASING_ACTIONS = ("remind", "statement")
# Reason codes of the decision log that mean "left alone", and the core's hold reason.
HOLD_CODES = {
    "invoice_in_payment": "paid",
    "invoice_paid": "paid",
    "invoice_disputed": "disputed",
    "invoice_promised": "promised",
    "reliable_payer_grace": "reliable",
}


def read_customers(env, company):
    """[(partner id, segment, collector user id or None)] for the commercial partners
    with posted receivables in ``company``; the collector is the customer's
    salesperson (its collections owner)."""
    env.flush_all()
    return env.execute_query(
        SQL(
            """
            SELECT p.id, COALESCE(p.collection_segment, 'standard'), p.user_id
              FROM res_partner p
             WHERE EXISTS (SELECT 1 FROM account_move m
                            WHERE m.commercial_partner_id = p.id
                              AND m.company_id = %(company)s AND %(documents)s)
             ORDER BY p.id
            """,
            company=company.id,
            documents=CUSTOMER_DOCUMENTS,
        )
    )


def read_contacts(env, company, since):
    """{partner id: [ContactRecord]} for the reminders and statements sent from
    ``since`` on. A contact is answered by the customer replies registered after it and
    before the next one (or when the reply handling marked it answered)."""
    rows = env.execute_query(
        SQL(
            """
            SELECT d.partner_id, d.local_date, d.channel,
                   d.answered OR COALESCE(r.human, FALSE), COALESCE(r.auto, FALSE),
                   COALESCE(r.intents, '')
              FROM ar_collection_decision d
              LEFT JOIN LATERAL (
                   SELECT BOOL_OR(NOT COALESCE(rp.is_auto_reply, FALSE)) AS human,
                          BOOL_OR(COALESCE(rp.is_auto_reply, FALSE)) AS auto,
                          STRING_AGG(COALESCE(rp.intents, rp.intent, ''), ',') AS intents
                     FROM ar_collection_reply rp
                    WHERE rp.partner_id = d.partner_id AND rp.company_id = d.company_id
                      AND rp.message_date >= d.sent_at
                      AND rp.message_date < COALESCE(
                          (SELECT MIN(n.sent_at) FROM ar_collection_decision n
                            WHERE n.partner_id = d.partner_id AND n.company_id = d.company_id
                              AND n.state = 'sent' AND n.action IN %(actions)s
                              AND n.sent_at > d.sent_at),
                          'infinity'::timestamp)
              ) r ON TRUE
             WHERE d.company_id = %(company)s AND d.state = 'sent'
               AND d.action IN %(actions)s AND d.local_date >= %(since)s
            """,
            company=company.id,
            actions=CHASING_ACTIONS,
            since=since,
        )
    )
    result = defaultdict(list)
    for partner_id, day, channel, replied, auto, intents in rows:
        result[partner_id].append(
            ContactRecord(
                customer_key=partner_id,
                day=day,
                channel=channel or "email",
                by_person=channel == "phone",  # a call is placed by a person
                replied=bool(replied),
                auto_reply=bool(auto) and not replied,
                reply_intents=tuple(sorted({i for i in intents.split(",") if i})),
            )
        )
    return result


def read_person_days(env, company):
    """{partner id: {dates a person worked on the customer}}: escalations, calls,
    approvals of the agent's messages, replies a person reviewed."""
    rows = env.execute_query(
        SQL(
            """
            SELECT d.partner_id, d.local_date FROM ar_collection_decision d
             WHERE d.company_id = %(company)s AND d.state != 'cancelled'
               AND (d.action = 'escalate' OR (d.channel = 'phone' AND d.state = 'sent'))
            UNION
            SELECT d.partner_id, d.approved_at::date FROM ar_collection_decision d
             WHERE d.company_id = %(company)s AND d.approved_by_id IS NOT NULL
               AND d.approved_at IS NOT NULL
            UNION
            SELECT r.partner_id, r.reviewed_on::date FROM ar_collection_reply r
             WHERE r.company_id = %(company)s AND r.reviewed_by_id IS NOT NULL
               AND r.reviewed_on IS NOT NULL
            """,
            company=company.id,
        )
    )
    result = defaultdict(set)
    for partner_id, day in rows:
        result[partner_id].add(day)
    return result


def read_holds(env, company, since, receivables_by_partner):
    """{partner id: [Hold]}: the invoices the agent left alone on a day, from the
    reasons of its decisions that contacted nobody (paid or in payment, disputed,
    promised, a reliable payer within grace). A reliable payer's hold covers the
    invoices overdue that day (``receivables_by_partner``: the ledgers read)."""
    rows = env.execute_query(
        SQL(
            """
            SELECT d.partner_id, d.local_date, r.value ->> 'code',
                   r.value -> 'data' ->> 'invoice_id'
              FROM ar_collection_decision d
             CROSS JOIN LATERAL jsonb_array_elements(
                   CASE WHEN jsonb_typeof(d.reasons) = 'array' THEN d.reasons
                        ELSE '[]'::jsonb END) r
             WHERE d.company_id = %(company)s AND d.local_date >= %(since)s
               AND NOT (d.state = 'sent' AND d.action IN %(actions)s)
               AND r.value ->> 'code' IN %(codes)s
            """,
            company=company.id,
            since=since,
            actions=CHASING_ACTIONS,
            codes=tuple(HOLD_CODES),
        )
    )
    result = defaultdict(list)
    by_id = {}
    for partner_id, day, code, invoice_id in rows:
        ledger = receivables_by_partner.get(partner_id, ())
        if invoice_id:
            if partner_id not in by_id:
                by_id[partner_id] = {str(r.id): r for r in ledger}
            found = by_id[partner_id].get(invoice_id)
            invoices = [found] if found else []  # a document of another customer: none
        else:
            invoices = overdue_on(ledger, day)
        result[partner_id].extend(
            Hold(partner_id, rec.id, rec.due_date, day, HOLD_CODES[code]) for rec in invoices
        )
    return result
