"""The decision policy as data: conditions -> outcome, read top to bottom.

Each rule's ``when`` names flags the engine computes for the account (a leading
``!`` negates one); the first rule whose flags all hold wins in each table.
docs/POLICY.md explains every rule and flag to an admin; a test keeps the two in step.
"""

from __future__ import annotations

from dataclasses import dataclass

from .decision import ESCALATE, NONE, PAUSE, STATEMENT, WAIT


@dataclass(frozen=True, slots=True)
class Rule:
    code: str  # the reason code the outcome carries
    when: tuple[str, ...]  # flags that must all hold; "!flag" must not hold
    action: str | None = None  # None: go on to the contact tables
    cause: str | None = None  # for escalations: a key of ESCALATION_ROUTES
    until: str | None = None  # for wait / pause: which date the engine computes


def matches(rule_when: tuple[str, ...], flags: dict[str, bool]) -> bool:
    for flag in rule_when:
        negated = flag.startswith("!")
        name = flag[1:] if negated else flag
        if name not in flags:
            raise KeyError(f"unknown flag {name!r} in the policy table")
        if flags[name] == negated:
            return False
    return True


# 1. The account: first match wins. Escalations come before the contact gates on
#    purpose: they inform a person and never contact the customer.
ACCOUNT_RULES: tuple[Rule, ...] = (
    Rule("nothing_open", ("!has_open_invoices",), NONE),
    Rule("legal_hold_escalated", ("legal_hold", "escalation_pending"), NONE),
    Rule("legal_hold", ("legal_hold",), ESCALATE, cause="legal_signal"),
    Rule("legal_hold", ("legal_hold",), NONE),  # already escalated recently
    Rule("escalation_pending", ("escalation_pending",), NONE),
    # A second broken promise always reaches a person, whatever the balance: the
    # customer's word no longer holds, and another email would not change that.
    Rule(
        "broken_promises",
        ("broken_promises_hit",),
        ESCALATE,
        cause="broken_promises",
    ),
    Rule(
        "final_notice_unanswered",
        ("final_notice_expired",),
        ESCALATE,
        cause="final_notice_unanswered",
    ),
    Rule(
        "amount_threshold",
        ("chasing_overdue", "amount_hit", "person_worth"),
        ESCALATE,
        cause="amount_threshold",
    ),
    Rule(
        "days_threshold",
        ("chasing_overdue", "days_hit", "person_worth"),
        ESCALATE,
        cause="days_threshold",
    ),
    Rule(
        "risk_threshold",
        ("chasing_overdue", "risk_hit", "person_worth"),
        ESCALATE,
        cause="risk_threshold",
    ),
    Rule("opted_out", ("opted_out",), NONE),
    Rule("blacklisted", ("blacklisted",), NONE),
    Rule("snoozed", ("snoozed",), PAUSE, until="snoozed_until"),
    Rule("final_notice_pending", ("final_notice_waiting",), WAIT, until="final_deadline"),
    Rule("promise_in_force", ("!has_eligible", "has_promised"), PAUSE, until="promise_end"),
    Rule("dispute_open", ("!has_eligible", "has_disputed"), PAUSE),
    Rule("nothing_to_chase", ("!has_eligible",), NONE),
    Rule(
        "reliable_payer_grace",
        ("!has_trigger", "reliable", "has_overdue_eligible"),
        WAIT,
        until="next_look",
    ),
    Rule("not_due_yet", ("!has_trigger",), WAIT, until="next_look"),
    Rule("contact", ()),  # go on: somebody is to be contacted
)


# 2. Who takes an escalation and what they should do. ``to`` is for standard and
#    new accounts, ``to_strategic`` for strategic ones; without a salesperson the
#    collections manager takes it.
@dataclass(frozen=True, slots=True)
class Route:
    to: str
    to_strategic: str
    next_step: str
    next_step_text: str


ESCALATION_ROUTES: dict[str, Route] = {
    "legal_signal": Route(
        "collections_manager",
        "collections_manager",
        "legal_review",
        "Check the legal or insolvency status, keep automated contact stopped, and file "
        "the claim with the administrator or hand the account to counsel.",
    ),
    "broken_promises": Route(
        "collections_manager",
        "salesperson",
        "call_customer",
        "Call the customer about the broken promises, agree one firm date or a plan, "
        "and consider holding new orders until it is kept.",
    ),
    "final_notice_unanswered": Route(
        "collections_manager",
        "collections_manager",
        "decide_recovery",
        "The final notice went unanswered: decide between a manager's call, a credit "
        "hold, or handing the account to legal or a collection agency.",
    ),
    "amount_threshold": Route(
        "salesperson",
        "salesperson",
        "call_customer",
        "Call the customer's accounts payable about the overdue balance and agree a payment date.",
    ),
    "days_threshold": Route(
        "salesperson",
        "salesperson",
        "call_customer",
        "Call the customer about the long-overdue invoices and find out what blocks the payment.",
    ),
    "risk_threshold": Route(
        "collections_manager",
        "salesperson",
        "review_credit",
        "Review the credit terms (credit hold, prepayment or a lower limit for new "
        "orders) and call the customer.",
    ),
}

# 3. Channel: first match wins.
CHANNEL_RULES: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("channel_phone_preferred", ("prefers_phone", "has_phone", "!courtesy"), "phone"),
    ("channel_sms", ("!has_email", "sms_possible", "tone_at_most_neutral"), "sms"),
    ("channel_letter", ("!has_email",), "letter"),
    (
        "channel_phone_ignored",
        ("emails_ignored", "person_worth", "has_phone", "!courtesy"),
        "phone",
    ),
    ("channel_email", (), "email"),
)

# 4. Reminder or statement of account: first match wins, default a reminder.
KIND_RULES: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("statement_letter", ("channel_letter",), STATEMENT),
    ("statement_many_invoices", ("many_invoices", "channel_email"), STATEMENT),
)

# 5. Contact limits: every one that binds pushes the contact later (then it is a wait).
LIMIT_CODES: tuple[str, ...] = ("contacted_today", "min_gap", "cap_7d", "cap_30d")

# 6. Approval: every rule that holds adds a reason; any reason means a person approves.
APPROVAL_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("review_mode", ("review_mode",)),
    ("approval_segment", ("approval_segment",)),
    ("final_notice", ("tone_final",)),
)

# 7. Tone adjustments, applied in this order after the tone by age and ignored
#    contacts (steps from the policy: neutral_after_days, firm_after_days,
#    final_after_days): serial late +1, strategic -1 (never below friendly when
#    overdue), gradual (at most one step above the firmest tone sent in this episode,
#    and at most neutral for a first contact), then the policy's max_tone.
TONE_STEPS = (
    "tone_age",
    "tone_ignored",
    "tone_serial_late",
    "tone_strategic",
    "tone_gradual",
    "tone_capped",
)
