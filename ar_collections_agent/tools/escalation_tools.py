"""Reading accounts for escalations: the core's summary and worklist priority for a
batch of customers, and the summary as HTML for the activity and the case."""

from datetime import timezone

from markupsafe import Markup, escape
from odoo import fields

from ar_collections_core.policy import build_summary, snapshot_from_dict
from ar_collections_core.policy.cases import case_priority, route_for

from . import agent_snapshot


def utc_now():
    return fields.Datetime.now().replace(tzinfo=timezone.utc)


def read_snapshots(env, company, partner_ids, now=None):
    """{partner id: AccountSnapshot} for these commercial customers of ``company``."""
    now = now or utc_now()
    partners = env["res.partner"].browse(partner_ids)
    policies = env["ar.collection.policy"].sudo()._get_effective_policies(partners, company)
    snapshots, _infos = agent_snapshot.build_snapshots(env, company, partner_ids, now, policies)
    return snapshots


def snapshot_of_decision(decision):
    """The account as the agent saw it when it decided (None when not stored)."""
    data = decision.snapshot
    if not data:
        return None
    try:
        return snapshot_from_dict(data)
    except (KeyError, TypeError, ValueError):
        return None


def summary_for(snapshot, now, cause, cause_text, segment="standard", has_salesperson=True):
    """The core's EscalationSummary for a case of ``cause`` on this account."""
    route = route_for(cause, segment, has_salesperson)
    return build_summary(
        snapshot,
        snapshot.local_date(now),
        cause=cause,
        cause_text=cause_text,
        to=route.to,
        next_step=route.next_step,
        next_step_text=route.next_step_text,
    )


def priority_values(snapshot, now, cause, opened, deadline=None):
    """Field values of the worklist order for a case on this account."""
    today = snapshot.local_date(now)
    result = case_priority(
        snapshot.receivables,
        snapshot.profile,
        today,
        cause=cause,
        opened=opened or today,
        deadline=deadline or None,
    )
    return {
        "amount_due": result.amount_due,
        "likelihood": result.likelihood,
        "cash_at_stake": result.cash_at_stake,
        "urgency": result.urgency,
        "priority": result.priority,
        "priority_text": result.text,
    }


def as_html(text):
    """Plain text lines as HTML lines (escaped)."""
    return Markup("<br/>").join(escape(line) for line in (text or "").splitlines())


def activity_note(why, summary_text, extra=None):
    """The activity's note: why, the customer's words if any, then the summary."""
    parts = [Markup("<p>%s</p>") % as_html(why)] if why else []
    if extra:
        parts.append(Markup(extra))
    if summary_text:
        parts.append(Markup("<p>%s</p>") % as_html(summary_text))
    return Markup("").join(parts)
