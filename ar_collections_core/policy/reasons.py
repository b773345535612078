"""The catalogue of reason codes and their English text.

Codes are stable (the addon stores and filters on them, docs/POLICY.md lists them);
the text is a template filled with the reason's data.
"""

from __future__ import annotations

from typing import Any

REASON_TEXTS: dict[str, str] = {
    # account gates and escalations
    "nothing_open": "No open invoice: nothing to collect.",
    "legal_hold": "The customer is flagged legal or insolvency: only a person may act.",
    "legal_hold_escalated": "Legal or insolvency flag, and a person already has the case.",
    "escalation_pending": "An escalation is open with a person: the agent stays out.",
    "recently_escalated": "Escalated for {cause} on {date}: not escalated again before {until}.",
    "below_person_value": (
        "{cause} reached, but only {value:,.2f} {currency} is at stake (a person from "
        "{threshold:,.2f}): the agent keeps the case."
    ),
    "broken_promises": "{count} promises broken in the last 12 months (threshold {threshold}).",
    "final_notice_unanswered": "No answer since the final notice of {date}.",
    "amount_threshold": "{amount:,.2f} {currency} overdue, threshold {threshold:,.2f}.",
    "days_threshold": "Invoice {number} is {days} days overdue (threshold {threshold}).",
    "risk_threshold": "Risk score {score} ({band}) reaches the threshold of {threshold}.",
    "opted_out": "The customer opted out of automated reminders.",
    "blacklisted": "The customer's address is blacklisted: no automated contact.",
    "snoozed": "On hold until {until} (out of office or acknowledged).",
    "final_notice_pending": "Final notice sent on {date}: waiting until {until} for an answer.",
    "dispute_open": "Every invoice left to chase is under an open dispute.",
    "promise_in_force": "Promise to pay {amount:,.2f} {currency} by {date}; grace until {until}.",
    "not_due_yet": "Nothing to chase yet; next look on {date}.",
    "reliable_payer_grace": (
        "Reliable payer (usually {usual} days late): no reminder before {days} days "
        "overdue, on {date}."
    ),
    "nothing_to_chase": "Nothing can be chased: the open invoices are excluded or in payment.",
    "mode_off": "The agent is off: no automated action ({would} would have been proposed).",
    # invoices left out of a decision
    "invoice_in_payment": "{number}: a payment is registered and being matched.",
    "invoice_excluded": "{number}: excluded from follow-up.",
    "invoice_disputed": "{number}: under an open dispute.",
    "invoice_promised": "{number}: promised for {date}, grace until {until}.",
    "invoice_paid": "{number}: paid meanwhile.",
    # what is chased and why
    "overdue_invoices": (
        "{count} invoice(s) overdue, {amount:,.2f} {currency}; oldest {number}, {days} days."
    ),
    "pre_due_courtesy": "{count} invoice(s) fall due by {date}: a courtesy note helps here.",
    "payer_class": "Payer class: {payer_class} ({detail}).",
    # tone
    "tone_courtesy": "Courtesy tone: nothing chased is overdue yet.",
    "tone_age": "Tone {tone}: the oldest invoice chased is {days} days overdue.",
    "tone_ignored": "{count} contact(s) ignored: at least {tone}.",
    "tone_serial_late": "Serial late payer: one step firmer ({tone}).",
    "tone_strategic": "Strategic account: one step lighter ({tone}).",
    "tone_gradual": "Held at {tone}: at most one step above the firmest sent so far ({last}).",
    "tone_capped": "Capped at {tone} by the policy ({wanted} otherwise).",
    "tone_broken_promise": "Follows up the broken promise of {date}: one step firmer ({tone}).",
    "promise_follow_up": (
        "Promise to pay {amount:,.2f} {currency} by {date} not kept ({state}: {paid:,.2f} "
        "received by {deadline}): this message names it."
    ),
    # channel and kind
    "channel_email": "By email (default).",
    "channel_sms": "By SMS: no email address, a mobile number and SMS are available.",
    "channel_letter": "By letter: no email address.",
    "channel_phone_preferred": "A phone call: the customer prefers the phone.",
    "channel_phone_ignored": (
        "A phone call: {count} emails in a row were ignored and {value:,.2f} is at stake "
        "(overdue amount x chance of paying over 30 days late)."
    ),
    "statement_many_invoices": "{count} invoices chased (from {threshold}): a statement.",
    "statement_letter": "A letter carries the statement of account.",
    # limits
    "contacted_today": "Already contacted on {date} (the customer's day).",
    "min_gap": (
        "Last contact on {date}: at least {days} days between contacts "
        "({amount:,.2f} overdue; under {small:,.2f} counts as a small balance)."
    ),
    "cap_7d": "{count} contacts in 7 days (cap {cap}).",
    "cap_30d": "{count} contacts in 30 days (cap {cap}).",
    "outside_window": "Outside the sending window: not before {at} (customer's time).",
    # approval
    "review_mode": "Review mode: a person approves every message.",
    "approval_segment": "{segment} account: always approved by a person.",
    "final_notice": "A final notice always waits for a person's approval.",
    "sensitive_wording": "Mentions {categories}: a person must approve it.",
    "offer_wording": "Offers {offers}, which the policy does not allow.",
    # promises through their life (the daily promise check)
    "promise_kept": "Promise of {amount:,.2f} {currency} by {date} kept: {paid:,.2f} received.",
    "promise_kept_settled": (
        "Promise of {amount:,.2f} {currency} by {date} kept: its invoices were settled by "
        "{deadline}."
    ),
    "promise_running": (
        "Promise of {amount:,.2f} {currency} by {date} still running until {deadline}: "
        "{paid:,.2f} received so far."
    ),
    "promise_partial": (
        "Promise of {amount:,.2f} {currency} by {date} partly kept: {paid:,.2f} received by "
        "{deadline}, {remaining:,.2f} short; the rest is chased again."
    ),
    "promise_broken": (
        "Promise of {amount:,.2f} {currency} by {date} broken: nothing received by {deadline}."
    ),
    "promise_paid_late": "{paid_late:,.2f} {currency} came in after the grace, on {date}.",
    "promise_superseded": "Replaced by a newer promise (by {date}) on the same invoices.",
    # disputes through their life (the daily dispute check and the outcomes)
    "dispute_deadline_passed": (
        "Dispute opened on {opened} unanswered past its response deadline of {deadline}: "
        "the owner is reminded."
    ),
    "dispute_credit_note": (
        "Resolved by credit note {credit_notes}: dunning resumes on what is still due."
    ),
    "dispute_rejected": "Dispute rejected: {explanation}. Dunning resumes.",
    "dispute_withdrawn": "Withdrawn by the customer: dunning resumes.",
    "dispute_resolved": "Resolved: dunning resumes on what is still due.",
    "dispute_outcome_sent": "The outcome was sent to the customer ({contact}).",
    "dispute_outcome_not_sent": "The outcome was not sent to the customer: {why}.",
    # a person's request to contact the customer now (policy/manual.py)
    "manual_legal_hold": (
        "The customer is flagged legal or insolvency: contact goes through the legal "
        "process, not a statement."
    ),
    "manual_opted_out": (
        "The customer asked not to receive reminders: clear the opt-out on the customer "
        "first if they agreed to hear from us again."
    ),
    "manual_blacklisted": "The contact's email address is blacklisted: no email can go to it.",
    "manual_snoozed": (
        "On hold until {until} at the customer's word (out of office or acknowledged): "
        "clear the snooze on the customer first."
    ),
    # pre-send re-check
    "recheck_customer_blocked": "Called off before sending: {why}.",
    "recheck_nothing_left": "Called off before sending: no invoice still qualifies.",
    "recheck_dropped": "{count} invoice(s) no longer qualify and were dropped.",
    "recheck_contact_limit": "Called off before sending: {why}.",
    "recheck_ok": "Re-checked before sending: still valid.",
    "channel_email_lost": "No usable email address any more.",
    "channel_sms_lost": "SMS is no longer possible (no mobile or no SMS module).",
    "channel_phone_lost": "No phone number any more.",
}


def reason_text(code: str, data: dict[str, Any]) -> str:
    try:
        template = REASON_TEXTS[code]
    except KeyError:
        raise KeyError(f"unknown reason code {code!r}") from None
    return template.format(**data)
