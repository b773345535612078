"""Build the policy's AccountSnapshot for a batch of customers, with set-based SQL.

A batch is one company and a list of commercial partners. The ledger comes from
``ledger_sql`` (a fixed number of queries); the customer's flags, invoice contact,
contact history and escalations come from three more queries here. The payment
profile and risk are computed by the core from the ledger just read, so the decision
and the pre-send re-check always see the same, current figures.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta, timezone

from odoo.tools import SQL

from ar_collections_core.policy.cases import BLOCKING_CAUSES
from ar_collections_core.policy.snapshot import AccountSnapshot, Contact, zone
from ar_collections_core.profile import ProfileParams, compute_profile
from ar_collections_core.risk import RiskParams, assess_risk

from . import ledger_sql

# Contacts older than this do not matter to the policy (caps look 30 days back, the
# tone at the firmest tone sent about invoices still open, the summary at the last 5).
HISTORY_DAYS = 400
CONTACT_ACTIONS = ("remind", "statement")


@dataclass(frozen=True, slots=True)
class CustomerInfo:
    """What the cycle needs about a customer besides its snapshot."""

    partner_id: int
    contact_id: int  # who receives the reminders (the invoice address, else the customer)
    timezone: str
    lang: str


def read_customer_info(env, company, partner_ids):
    """{partner id: (CustomerInfo, snapshot fields)} (one query).

    The invoice contact is the customer's first active child of type invoice, else the
    customer itself; its timezone, then the customer's, then the company's, is used."""
    company_tz = company.partner_id.tz or "UTC"
    env.flush_all()  # read with SQL: pending writes (a flag just cleared) first
    rows = env.execute_query(
        SQL(
            """
            SELECT p.id, COALESCE(c.id, p.id), COALESCE(c.tz, p.tz), COALESCE(p.lang, c.lang),
                   COALESCE(p.collection_segment, 'standard'),
                   COALESCE(p.collection_no_reminders, FALSE),
                   COALESCE(p.collection_legal_hold, FALSE), p.collection_snoozed_until,
                   COALESCE(p.collection_prefers_phone, FALSE),
                   COALESCE(NULLIF(c.email_normalized, ''), p.email_normalized),
                   COALESCE(NULLIF(c.phone, ''), p.phone),
                   EXISTS (SELECT 1 FROM mail_blacklist b WHERE b.active
                            AND b.email = COALESCE(NULLIF(c.email_normalized, ''),
                                                   p.email_normalized)),
                   EXISTS (SELECT 1 FROM account_move m
                            WHERE m.commercial_partner_id = p.id AND m.company_id = %(company)s
                              AND m.state = 'posted' AND m.invoice_user_id IS NOT NULL
                              AND m.move_type IN ('out_invoice', 'out_receipt')
                              AND m.payment_state NOT IN ('paid', 'reversed'))
              FROM res_partner p
              LEFT JOIN LATERAL (
                   SELECT ch.id, ch.tz, ch.lang, ch.email_normalized, ch.phone
                     FROM res_partner ch
                    WHERE ch.parent_id = p.id AND ch.type = 'invoice' AND ch.active
                    ORDER BY ch.id LIMIT 1) c ON TRUE
             WHERE p.id = ANY(%(partners)s)
            """,
            partners=list(partner_ids),
            company=company.id,
        )
    )
    sms_available = "sms.sms" in env
    result = {}
    for (
        partner_id,
        contact_id,
        tz,
        lang,
        segment,
        opted_out,
        legal_hold,
        snoozed_until,
        prefers_phone,
        email,
        phone,
        blacklisted,
        has_salesperson,
    ) in rows:
        tz = _valid_zone(tz) or _valid_zone(company_tz) or "UTC"
        info = CustomerInfo(partner_id, contact_id, tz, lang or "en_US")
        result[partner_id] = (
            info,
            {
                "segment": segment,
                "lang": (lang or "en_US").split("_")[0],
                "timezone": tz,
                "opted_out": bool(opted_out),
                "legal_hold": bool(legal_hold),
                "snoozed_until": snoozed_until,
                "prefers_phone": bool(prefers_phone),
                "has_email": bool(email),
                "has_phone": bool(phone),
                # Odoo 19 keeps one phone number per contact: SMS goes to it.
                "has_mobile": bool(phone),
                "sms_available": sms_available,
                "blacklisted": bool(blacklisted),
                "has_salesperson": bool(has_salesperson),
            },
        )
    return result


def _valid_zone(name):
    if not name:
        return None
    try:
        zone(name)
    except ValueError:
        return None
    return name


def read_contact_history(env, company, partner_ids, now):
    """({partner id: [Contact]}, {partner id: escalation fields}) from the decisions
    the agent carried out and the confirmations posted to the customer (two queries).

    A contact is answered when the customer wrote back (an incoming email on the
    customer or one of its invoices) after it, or when the reply handling marked it.
    An escalation is pending while a case of a cause that blocks contact is open
    (``cases.BLOCKING_CAUSES``)."""
    since = now.astimezone(timezone.utc).replace(tzinfo=None) - timedelta(days=HISTORY_DAYS)
    rows = env.execute_query(
        SQL(
            """
            SELECT d.partner_id, d.sent_at, d.channel, d.action, d.tone, d.answered
                   OR EXISTS (SELECT 1 FROM mail_message mm
                               WHERE mm.message_type = 'email' AND mm.date > d.sent_at
                                 AND mm.author_id IN (SELECT ch.id FROM res_partner ch
                                                       WHERE ch.commercial_partner_id
                                                             = d.partner_id)
                                 AND ((mm.model = 'res.partner' AND mm.res_id = d.partner_id)
                                      OR (mm.model = 'account.move' AND mm.res_id IN (
                                          SELECT r.move_id
                                            FROM ar_collection_decision_account_move_rel r
                                           WHERE r.decision_id = d.id)))),
                   ARRAY_REMOVE(ARRAY_AGG(rel.move_id), NULL)
              FROM ar_collection_decision d
              LEFT JOIN ar_collection_decision_account_move_rel rel
                     ON rel.decision_id = d.id
             WHERE d.partner_id = ANY(%(partners)s) AND d.company_id = %(company)s
               AND d.state = 'sent' AND d.action IN %(actions)s AND d.sent_at > %(since)s
             GROUP BY d.id
            UNION ALL
            SELECT mm.res_id, mm.date, 'email', 'confirmation', NULL, FALSE, ARRAY[]::int4[]
              FROM mail_message mm
             WHERE mm.model = 'res.partner' AND mm.res_id = ANY(%(partners)s)
               AND mm.subtype_id = %(confirmation)s AND mm.date > %(since)s
            """,
            partners=list(partner_ids),
            company=company.id,
            actions=CONTACT_ACTIONS,
            since=since,
            confirmation=env["ir.model.data"]._xmlid_to_res_id(
                "ar_collections_agent.mt_collection_confirmation", raise_if_not_found=False
            )
            or 0,
        )
    )
    contacts = defaultdict(list)
    for partner_id, sent_at, channel, action, tone, answered, invoice_ids in rows:
        contacts[partner_id].append(
            Contact(
                at=sent_at.replace(tzinfo=timezone.utc),
                channel=channel or "email",
                kind="reminder" if action == "remind" else action,
                tone=tone or None,
                answered=bool(answered),
                invoice_ids=tuple(invoice_ids or ()),
            )
        )
    escalations = env.execute_query(
        SQL(
            """
            SELECT p.id, last.local_date, last.escalation_cause,
                   EXISTS (SELECT 1 FROM ar_collection_escalation e
                            WHERE e.partner_id = p.id AND e.company_id = %(company)s
                              AND e.state = 'open' AND e.cause = ANY(%(blocking)s))
              FROM unnest(%(partners)s::int4[]) AS p(id)
              LEFT JOIN LATERAL (
                    SELECT d.local_date, d.escalation_cause
                      FROM ar_collection_decision d
                     WHERE d.partner_id = p.id AND d.company_id = %(company)s
                       AND d.action = 'escalate' AND d.state = 'sent'
                     ORDER BY d.local_date DESC, d.id DESC
                     LIMIT 1) last ON TRUE
            """,
            partners=list(partner_ids),
            company=company.id,
            blocking=sorted(BLOCKING_CAUSES),
        )
    )
    escalated = {
        partner_id: {
            "last_escalated_on": day,
            "last_escalation_cause": cause or None,
            "escalation_pending": bool(pending),
        }
        for partner_id, day, cause, pending in escalations
        if day or pending
    }
    return contacts, escalated


def build_snapshots(env, company, partner_ids, now, policies):
    """({partner id: AccountSnapshot}, {partner id: CustomerInfo}) for these commercial
    partners of ``company`` as of ``now`` (aware UTC), with ``policies`` ({partner id:
    CollectionPolicy}) for the promise grace the profile uses."""
    partner_ids = list(partner_ids)
    if not partner_ids:
        return {}, {}
    env.flush_all()
    receivables = ledger_sql.read_receivables(env, company, partner_ids)
    promises = ledger_sql.read_promises(env, company, partner_ids)
    disputes = ledger_sql.read_disputes(env, company, partner_ids)
    credit_limits = ledger_sql.read_credit_limits(env, company, partner_ids)
    customers = read_customer_info(env, company, partner_ids)
    contacts, escalated = read_contact_history(env, company, partner_ids, now)
    currency = company.currency_id.name
    params = {}
    snapshots, infos = {}, {}
    for partner_id in partner_ids:
        if partner_id not in customers:
            continue
        info, flags = customers[partner_id]
        grace = policies[partner_id].promise_grace_days
        if grace not in params:
            params[grace] = (
                ProfileParams(promise_grace_days=grace),
                RiskParams(promise_grace_days=grace),
            )
        profile_params, risk_params = params[grace]
        today = now.astimezone(zone(info.timezone)).date()
        own = receivables.get(partner_id, ())
        own_promises = tuple(promises.get(partner_id, ()))
        own_disputes = tuple(disputes.get(partner_id, ()))
        profile = compute_profile(own, today, promises=own_promises, params=profile_params)
        risk = assess_risk(
            profile,
            promises=own_promises,
            disputes=own_disputes,
            credit_limit=credit_limits.get(partner_id, 0.0),
            params=risk_params,
        )
        snapshots[partner_id] = AccountSnapshot(
            customer_key=partner_id,
            currency=currency,
            profile=profile,
            risk=risk,
            receivables=tuple(r for r in own if r.is_open),
            promises=own_promises,
            disputes=own_disputes,
            contacts=tuple(contacts.get(partner_id, ())),
            **flags,
            **escalated.get(partner_id, {}),
        )
        infos[partner_id] = info
    return snapshots, infos
