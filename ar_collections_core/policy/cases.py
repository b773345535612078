"""Cases for a person: why an account needs one (the cause), who takes it and what to
do first (the route), and how urgent it is next to the others (the worklist order).

Public API:

    CAUSES: {cause code: label}
    BLOCKING_CAUSES: frozenset of the causes whose open case stops the agent contacting
        the customer (``blocks_contact(cause)``)
    route_for(cause, segment="standard", has_salesperson=True) -> CaseRoute
    case_priority(receivables, profile, today, *, cause, opened, deadline=None,
                  params=PriorityParams()) -> CasePriority
    split_payment_plan(total, first_date, count, *, every_days=0, every_months=1)
        -> tuple[tuple[date, float], ...]

The order of the worklist is the expected cash at stake, the money a person's action
is likely to change: for each invoice still owed, its open amount times the chance it
ends up paid more than 30 days late without anyone acting (``risk.invoice_late_
probability``), times how much a person can still change for this cause (a legal
signal leaves little to win by a call, a customer asking for a plan a lot). Urgency
(age of the debt, days the case has waited, a deadline near or past) raises a case
by up to ``urgency_weight``; a larger sum at stake still outranks a merely older case.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from ar_collections_core.risk import RiskParams, invoice_late_probability

from .situation import is_owed
from .table import ESCALATION_ROUTES, Route

CAUSES: dict[str, str] = {
    "payment_plan_request": "Payment plan request",
    "legal_signal": "Legal or insolvency signal",
    "strategic_account": "Strategic account",
    "amount_threshold": "Overdue amount above the threshold",
    "days_threshold": "Overdue for too long",
    "risk_threshold": "Risk above the threshold",
    "final_notice_unanswered": "No answer after the final notice",
    "broken_promises": "Broken promises",
    "low_confidence_reply": "Reply the agent could not read with confidence",
    "customer_reply": "Customer reply that needs a person",
    "opt_out": "Customer opted out of reminders",
    "dispute_deadline": "Dispute past its response deadline",
}

# An open case of these causes does not stop the agent: a strategic account's case is a
# person's approval of a proposed contact (it must not block that very contact), and a
# dispute's deadline case concerns only the disputed invoices, which the dispute itself
# already pauses. Every other open case keeps the agent away from the customer.
NON_BLOCKING_CAUSES: frozenset[str] = frozenset({"strategic_account", "dispute_deadline"})
BLOCKING_CAUSES: frozenset[str] = frozenset(CAUSES) - NON_BLOCKING_CAUSES


def blocks_contact(cause: str) -> bool:
    """Whether an open case of ``cause`` keeps the agent from contacting the customer
    (raises on an unknown cause)."""
    if cause not in CAUSES:
        raise ValueError(f"unknown escalation cause {cause!r}; known: {sorted(CAUSES)}")
    return cause in BLOCKING_CAUSES


# Routes of the causes that come from replies, people and the dispute follow-up; the
# agent's own causes are routed by the policy table (``table.ESCALATION_ROUTES``).
CASE_ROUTES: dict[str, Route] = {
    "payment_plan_request": Route(
        "salesperson",
        "salesperson",
        "agree_payment_plan",
        "Call the customer about the plan they ask for: agree instalments the business "
        "can accept and record them as a schedule of promises.",
    ),
    "strategic_account": Route(
        "salesperson",
        "salesperson",
        "call_customer",
        "A strategic account: the account owner calls before anything else is sent.",
    ),
    "low_confidence_reply": Route(
        "collections_manager",
        "salesperson",
        "read_reply",
        "Read the customer's reply, correct what the agent understood, and confirm the "
        "actions it proposes.",
    ),
    "customer_reply": Route(
        "collections_manager",
        "salesperson",
        "answer_customer",
        "Answer the customer's reply yourself: the agent does not answer it.",
    ),
    "opt_out": Route(
        "collections_manager",
        "salesperson",
        "call_customer",
        "The customer asked for no more reminders: agree how they want to be contacted "
        "and follow the open invoices up by phone.",
    ),
    "dispute_deadline": Route(
        "collections_manager",
        "collections_manager",
        "settle_dispute",
        "The dispute is past its response deadline: decide it (credit note or a "
        "rejection explained to the customer) or tell the customer when.",
    ),
}

# How much a person's action can still change the outcome, by cause (0..1).
CAUSE_REACH: dict[str, float] = {
    "payment_plan_request": 0.9,
    "legal_signal": 0.3,
    "strategic_account": 0.8,
    "amount_threshold": 0.8,
    "days_threshold": 0.7,
    "risk_threshold": 0.7,
    "final_notice_unanswered": 0.6,
    "broken_promises": 0.7,
    "low_confidence_reply": 0.9,
    "customer_reply": 0.9,
    "opt_out": 0.6,
    "dispute_deadline": 0.8,
}

MANAGER = "collections_manager"
RISK = RiskParams()


@dataclass(frozen=True, slots=True)
class CaseRoute:
    cause: str
    to: str  # salesperson | collections_manager
    next_step: str
    next_step_text: str


def route_for(cause: str, segment: str = "standard", has_salesperson: bool = True) -> CaseRoute:
    """Who takes a case of ``cause`` and the recommended next step (raises on an
    unknown cause)."""
    route = CASE_ROUTES.get(cause) or ESCALATION_ROUTES.get(cause)
    if route is None:
        raise ValueError(f"unknown escalation cause {cause!r}; known: {sorted(CAUSES)}")
    to = route.to_strategic if segment == "strategic" else route.to
    if to == "salesperson" and not has_salesperson:
        to = MANAGER
    return CaseRoute(cause, to, route.next_step, route.next_step_text)


@dataclass(frozen=True, slots=True)
class PriorityParams:
    urgency_weight: float = 0.5  # the most urgent case counts up to 1.5 times its stake
    age_full_days: int = 90  # an invoice this far overdue is as urgent as age gets
    wait_full_days: int = 7  # a case waiting this long is as urgent as waiting gets
    deadline_soon_days: int = 2  # a deadline this close counts as due
    default_reach: float = 0.7  # a cause without its own reach


@dataclass(frozen=True, slots=True)
class CasePriority:
    amount_due: float  # owed on the account's invoices, company currency
    likelihood: float  # amount-weighted chance a person's action changes the outcome
    cash_at_stake: float  # amount_due x likelihood
    urgency: float  # 0..1
    priority: float  # the worklist's sort key, larger first
    reasons: tuple[str, ...]  # in words, for the collector

    @property
    def text(self) -> str:
        return "; ".join(self.reasons)


def case_priority(
    receivables,
    profile,
    today: date,
    *,
    cause: str,
    opened: date,
    deadline: date | None = None,
    params: PriorityParams = PriorityParams(),
    risk_params: RiskParams | None = None,
) -> CasePriority:
    """How much a person's action on this case is worth now, and how urgent it is.

    ``receivables``: the customer's open receivables (credit notes and paid items are
    ignored); ``profile``: their PaymentProfile; ``opened``: when the case was opened;
    ``deadline``: a date the case must be acted on by (a dispute's response date)."""
    owed = [r for r in receivables if is_owed(r)]
    reach = CAUSE_REACH.get(cause, params.default_reach)
    due = sum(r.residual for r in owed)
    at_stake = sum(
        r.residual * invoice_late_probability(r, profile, today, params=risk_params or RISK) * reach
        for r in owed
    )
    likelihood = at_stake / due if due > 0 else 0.0
    oldest = max((r.days_overdue(today) for r in owed), default=0)
    waited = max((today - opened).days, 0)
    age = min(max(oldest, 0) / params.age_full_days, 1.0)
    wait = min(waited / params.wait_full_days, 1.0)
    deadline_hit = deadline is not None and (deadline - today).days <= params.deadline_soon_days
    urgency = round(min(0.5 * age + 0.2 * wait + (0.3 if deadline_hit else 0.0), 1.0), 4)
    priority = round(at_stake * (1 + params.urgency_weight * urgency), 2)
    reasons = [
        f"{due:,.2f} due, {likelihood:.0%} likely to change with a person's action: "
        f"{at_stake:,.2f} at stake"
    ]
    if oldest > 0:
        reasons.append(f"oldest invoice {oldest} days overdue")
    if waited:
        reasons.append(f"waiting {waited} day{'s' if waited != 1 else ''}")
    if deadline_hit:
        passed = deadline < today
        reasons.append(f"deadline {'passed on' if passed else 'on'} {deadline.isoformat()}")
    return CasePriority(
        amount_due=round(due, 2),
        likelihood=round(likelihood, 4),
        cash_at_stake=round(at_stake, 2),
        urgency=urgency,
        priority=priority,
        reasons=tuple(reasons),
    )


def worklist_order(priorities: dict) -> list:
    """The keys of ``{key: CasePriority}`` in worklist order: priority, then the larger
    amount due, then the key (stable)."""
    return sorted(
        priorities, key=lambda k: (-priorities[k].priority, -priorities[k].amount_due, str(k))
    )


def split_payment_plan(
    total: float, first_date: date, count: int, *, every_days: int = 0, every_months: int = 1
) -> tuple[tuple[date, float], ...]:
    """``total`` split into ``count`` instalments from ``first_date``, every
    ``every_days`` days or else every ``every_months`` months (the day of the month
    kept where the month has it). Cents: equal parts, the rounding on the last one."""
    if count < 1:
        raise ValueError("a payment plan has at least one instalment")
    if total <= 0:
        raise ValueError("a payment plan needs a positive total")
    if every_days < 0 or every_months < 0 or (every_days == 0 and every_months == 0):
        raise ValueError("instalments need a positive interval (days or months)")
    cents = round(total * 100)
    part = cents // count
    if part == 0:
        raise ValueError(f"{total:.2f} cannot be split into {count} instalments")
    amounts = [part] * (count - 1) + [cents - part * (count - 1)]
    dates = [
        first_date + timedelta(days=every_days * i)
        if every_days
        else _add_months(first_date, every_months * i)
        for i in range(count)
    ]
    return tuple((d, a / 100) for d, a in zip(dates, amounts, strict=True))


def _add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
