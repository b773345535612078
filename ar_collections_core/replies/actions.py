"""What to do about a customer's reply: the core decides, the Odoo addon carries it out.

``plan_reply(reading, ...)`` turns an ``Understanding`` into a ``ReplyPlan``:

- ``status``: ``act`` (carry the actions out now), ``propose`` (review mode: the
  actions wait for a person's approval, except the protective ones, which stop or delay
  contact and never wait), or ``review`` (the reading itself needs a person: too unsure,
  incomplete or unreadable; contact is held meanwhile).
- ``actions``: run now; ``proposed``: run once a person approves.
- ``reasons``: why, each a stable ``code`` and an English ``text``.

Nothing here changes the ledger: no action marks an invoice paid, writes anything off
or changes an amount. A reply claiming payment only makes the addon look for it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from ar_collections_core.replies.types import OpenInvoice, Understanding

ACTION_KINDS = (
    "record_promise",  # a promise to pay: date, amount, invoices (pauses dunning)
    "confirm_promise",  # a short confirmation to the customer
    "open_dispute",  # a dispute on the invoices (pauses them), activity for the owner
    "acknowledge_dispute",  # tell the customer the dispute reached someone
    "check_payment",  # look for the payment; none found: snooze, ask remittance, activity
    "send_documents",  # reply with the invoices' PDFs
    "escalate",  # an activity for a collector, with the customer's words
    "escalate_manager",  # an activity for the collections manager
    "snooze",  # no contact before ``date``
    "propose_contact",  # an activity proposing the new contact
    "opt_out",  # no more automated messages to this customer
    "legal_hold",  # stop all dunning for this customer
    "note",  # an internal note only
)
# Actions that only stop or delay contact, or hand the case to a person: safe to run
# before anyone approves, and so never held back in review mode.
PROTECTIVE_KINDS = frozenset(
    {"snooze", "opt_out", "legal_hold", "escalate", "escalate_manager", "note", "propose_contact"}
)

# Actions that are nothing but a message to the customer.
CUSTOMER_MESSAGE_KINDS = frozenset({"confirm_promise", "acknowledge_dispute", "send_documents"})
# Why a customer gets no message at all from the agent (the same flags stop reminders).
SILENCING_FLAGS = ("opted_out", "legal_hold", "blacklisted")

REASON_TEXTS: dict[str, str] = {
    "customer_silenced": (
        "No message to the customer ({flags}): a person answers if an answer is due."
    ),
    "unreadable": "The reply could not be read ({error}): a person reads it.",
    "low_confidence": "Confidence {confidence:.2f} is below the review threshold {threshold:.2f}.",
    "no_intent": "No request or commitment recognised in the reply.",
    "promise_without_date": "A promise to pay without a date a person can rely on.",
    "promise_in_past": "The promised date {date} is already past.",
    "promise_too_far": "The promised date {date} is more than {days} days away.",
    "promise_amount_above_open": (
        "The promised {amount:,.2f} is more than the {open:,.2f} still due on the invoices."
    ),
    "currency_mismatch": "The reply speaks of {currency}, the invoices are in {expected}.",
    "nothing_open": "No open invoice for the promise or the dispute to cover.",
    "dispute_without_invoice": "A dispute naming no invoice: a person picks the invoices.",
    "held_for_review": "No contact before {until} while a person reviews the reply.",
    "review_mode": "Review mode: a person approves before anything reaches the customer.",
    "autonomous_mode": "Autonomous mode: carried out within the policy.",
    "promise": "Promise to pay {amount:,.2f} {currency} by {date} on {invoices}.",
    "promise_pause": "Dunning paused until {until} (promised date plus {grace} days' grace).",
    "dispute": "Dispute ({reason}) on {invoices}: those invoices are paused.",
    "paid_claimed": "The customer says {invoices} is paid: look for the payment.",
    "paid_snooze": "If no payment is found: no contact before {until}, remittance asked.",
    "documents": "The customer asks for documents: {invoices} sent.",
    "payment_plan": "The customer proposes a payment plan: a person decides.",
    "question": "The customer asks a question: a person answers.",
    "out_of_office": "Out of office until {until}: no contact before then.",
    "out_of_office_default": "Out of office, no return date read: no contact before {until}.",
    "out_of_office_far": "Return date {date} is far off: no contact before {until} for now.",
    "auto_reply": "An automatic reply: only its return date is used.",
    "redirect": "The customer points to another contact ({contact}): held until {until}.",
    "opt_out": "The customer asks for no more automated messages.",
    "legal": "Insolvency, administration or a lawyer is mentioned: all dunning stops.",
    "acknowledgement": "The customer acknowledges: no contact before {until}.",
}


@dataclass(frozen=True, slots=True)
class Reason:
    code: str
    text: str


def reason(code: str, **data) -> Reason:
    return Reason(code, REASON_TEXTS[code].format(**data))


@dataclass(frozen=True, slots=True)
class ReplySettings:
    """The bounds of acting on replies (the addon reads them from its settings)."""

    review_threshold: float = 0.6  # readings less sure than this go to a person
    promise_grace_days: int = 3  # as the collection policy's
    default_snooze_days: int = 7  # out of office without a return date
    max_return_days: int = 45  # a later return date is not trusted beyond this
    acknowledgement_snooze_days: int = 3
    paid_check_snooze_days: int = 5  # the time to find the payment or get remittance
    redirect_hold_days: int = 7
    review_hold_days: int = 2  # contact held while a person reviews the reply
    max_promise_days: int = 120

    def __post_init__(self):
        if not 0.0 <= self.review_threshold <= 1.0:
            raise ValueError("review_threshold is between 0 and 1")
        for name in (
            "promise_grace_days",
            "default_snooze_days",
            "max_return_days",
            "acknowledgement_snooze_days",
            "paid_check_snooze_days",
            "redirect_hold_days",
            "review_hold_days",
            "max_promise_days",
        ):
            if getattr(self, name) < 0:
                raise ValueError(f"{name} cannot be negative")


@dataclass(frozen=True, slots=True)
class ReplyAction:
    kind: str
    invoices: tuple[str, ...] = ()
    date: date | None = None
    amount: float | None = None
    currency: str | None = None
    reason: str | None = None  # dispute reason category
    text: str = ""  # why, in English
    message_customer: bool = True  # False: the action must not write to the customer

    def to_dict(self) -> dict:
        return {
            "kind": self.kind,
            "invoices": list(self.invoices),
            "date": self.date.isoformat() if self.date else None,
            "amount": self.amount,
            "currency": self.currency,
            "reason": self.reason,
            "text": self.text,
            "message_customer": self.message_customer,
        }

    @classmethod
    def from_dict(cls, data: Mapping) -> ReplyAction:
        if data.get("kind") not in ACTION_KINDS:
            raise ValueError(f"unknown reply action {data.get('kind')!r}")
        when = data.get("date")
        return cls(
            kind=data["kind"],
            invoices=tuple(data.get("invoices") or ()),
            date=date.fromisoformat(when) if when else None,
            amount=data.get("amount"),
            currency=data.get("currency"),
            reason=data.get("reason"),
            text=data.get("text") or "",
            message_customer=data.get("message_customer", True),
        )


@dataclass(frozen=True, slots=True)
class ReplyPlan:
    status: str  # act / propose / review
    actions: tuple[ReplyAction, ...] = ()  # run now
    proposed: tuple[ReplyAction, ...] = ()  # run once a person approves
    reasons: tuple[Reason, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict:
        return {
            "status": self.status,
            "actions": [a.to_dict() for a in self.actions],
            "proposed": [a.to_dict() for a in self.proposed],
            "reasons": [{"code": r.code, "text": r.text} for r in self.reasons],
        }

    @classmethod
    def from_dict(cls, data: Mapping) -> ReplyPlan:
        return cls(
            status=data["status"],
            actions=tuple(ReplyAction.from_dict(a) for a in data.get("actions") or ()),
            proposed=tuple(ReplyAction.from_dict(a) for a in data.get("proposed") or ()),
            reasons=tuple(Reason(r["code"], r["text"]) for r in data.get("reasons") or ()),
        )


def plan_reply(
    reading: Understanding,
    *,
    today: date,
    open_invoices: Sequence[OpenInvoice],
    mode: str = "review",
    settings: ReplySettings | None = None,
    confirmed: bool = False,
    customer_blocks: Sequence[str] = (),
) -> ReplyPlan:
    """The actions a reply calls for. ``confirmed``: a person has checked (or corrected)
    the reading, which then counts as sure and approved. ``customer_blocks``: the
    customer's flags that forbid contacting them (``opted_out``, ``legal_hold``,
    ``blacklisted``, as for reminders); with any of them, or a reply that opts out or
    signals insolvency, nothing is written to the customer."""
    plan = _plan(reading, today, open_invoices, mode, settings or ReplySettings(), confirmed)
    silencing = [f for f in SILENCING_FLAGS if f in set(customer_blocks)]
    intents = set(reading.intents or (reading.intent,))
    silencing += [
        f
        for f, i in (("opted_out", "opt_out"), ("legal_hold", "legal_insolvency"))
        if i in intents and f not in silencing
    ]
    return _silenced(plan, silencing) if silencing else plan


def _silenced(plan: ReplyPlan, flags) -> ReplyPlan:
    """The plan without a word to the customer: their messages become a task for a
    person, a payment check looks without asking for remittance details."""
    why = reason("customer_silenced", flags=", ".join(flags))

    def quiet(actions):
        kept = []
        for action in actions:
            if action.kind in CUSTOMER_MESSAGE_KINDS:
                kept.append(ReplyAction("escalate", invoices=action.invoices, text=why.text))
            elif action.message_customer and action.kind == "check_payment":
                kept.append(replace(action, message_customer=False))
            else:
                kept.append(action)
        return tuple(kept)

    return replace(
        plan,
        actions=quiet(plan.actions),
        proposed=quiet(plan.proposed),
        reasons=(*plan.reasons, why),
    )


def _plan(reading, today, open_invoices, mode, settings, confirmed) -> ReplyPlan:
    if reading.error and not confirmed:
        return _review(today, settings, [reason("unreadable", error=reading.error)], ())
    builder = _Builder(reading, today, tuple(open_invoices), settings)
    intents = reading.intents or (reading.intent,)
    if reading.is_auto_reply and reading.intent == "out_of_office":
        builder.reasons.append(reason("auto_reply"))
        intents = ("out_of_office",)
    for intent in intents:
        getattr(builder, f"_{intent}", builder._other)()
    doubts = list(builder.doubts)
    if not confirmed and reading.confidence < settings.review_threshold:
        doubts.insert(
            0,
            reason(
                "low_confidence",
                confidence=reading.confidence,
                threshold=settings.review_threshold,
            ),
        )
    if doubts:
        return _review(today, settings, doubts + builder.reasons, builder.actions)
    if confirmed or mode == "autonomous":
        why = [] if confirmed else [reason("autonomous_mode")]
        return ReplyPlan("act", tuple(builder.actions), (), tuple(why + builder.reasons))
    now = tuple(a for a in builder.actions if a.kind in PROTECTIVE_KINDS)
    later = tuple(a for a in builder.actions if a.kind not in PROTECTIVE_KINDS)
    status = "propose" if later else "act"
    why = [reason("review_mode")] if later else []
    return ReplyPlan(status, now, later, tuple(why + builder.reasons))


# Stopping contact is safe even on an unsure reading, and idempotent on confirmation.
STOP_CONTACT_KINDS = frozenset({"opt_out", "legal_hold"})


def _review(today, settings, reasons, suggested) -> ReplyPlan:
    until = today + timedelta(days=settings.review_hold_days)
    hold = reason("held_for_review", until=until)
    actions = (ReplyAction("snooze", date=until, text=hold.text),) if until > today else ()
    # An unsure "stop writing to us" or insolvency signal stops contact now, not only
    # for the review hold: a reply nobody reviews must not let dunning resume.
    actions += tuple(a for a in suggested if a.kind in STOP_CONTACT_KINDS)
    return ReplyPlan("review", actions, tuple(suggested), (*reasons, hold))


class _Builder:
    """Collects the actions and doubts intent by intent."""

    def __init__(self, reading, today, open_invoices, settings):
        self.reading = reading
        self.today = today
        self.open = {inv.number: inv for inv in open_invoices}
        self.settings = settings
        self.actions: list[ReplyAction] = []
        self.reasons: list[Reason] = []
        self.doubts: list[Reason] = []

    def add(self, kind, why: Reason | None = None, **values):
        if why is not None:
            self.reasons.append(why)
        self.actions.append(ReplyAction(kind, text=why.text if why else "", **values))

    def invoices_for(self, intent, *, default_all):
        named = tuple(self.reading.intent_invoices.get(intent) or ())
        if not named and len(self.reading.intents) <= 1:
            named = tuple(self.reading.invoices)
        named = tuple(n for n in named if n in self.open)
        if not named and default_all:
            named = tuple(self.open)
        return named

    def snooze_days(self, days, why_code, **data):
        until = self.today + timedelta(days=days)
        self.add("snooze", reason(why_code, until=until, **data), date=until)

    # -- intents ---------------------------------------------------------------------

    def _promise_to_pay(self):
        reading, settings = self.reading, self.settings
        when = reading.promised_date
        if when is None:
            self.doubts.append(reason("promise_without_date"))
            return
        if when < self.today:
            self.doubts.append(reason("promise_in_past", date=when))
            return
        if when > self.today + timedelta(days=settings.max_promise_days):
            self.doubts.append(reason("promise_too_far", date=when, days=settings.max_promise_days))
            return
        disputed = set(reading.intent_invoices.get("dispute") or ())
        invoices = tuple(
            n for n in self.invoices_for("promise_to_pay", default_all=True) if n not in disputed
        )
        if not invoices:
            self.doubts.append(reason("nothing_open"))
            return
        currencies = {self.open[n].currency for n in invoices}
        expected = sorted(currencies)[0]
        if len(currencies) > 1 or (reading.currency and reading.currency != expected):
            self.doubts.append(
                reason(
                    "currency_mismatch",
                    currency=reading.currency or "/".join(sorted(currencies)),
                    expected=expected,
                )
            )
            return
        open_total = round(sum(self.open[n].amount_residual for n in invoices), 2)
        amount = reading.amount if reading.amount else open_total
        if amount > open_total + 0.005:
            self.doubts.append(reason("promise_amount_above_open", amount=amount, open=open_total))
            return
        self.add(
            "record_promise",
            reason(
                "promise",
                amount=amount,
                currency=expected,
                date=when,
                invoices=", ".join(invoices),
            ),
            invoices=invoices,
            date=when,
            amount=amount,
            currency=expected,
        )
        until = when + timedelta(days=settings.promise_grace_days)
        self.reasons.append(reason("promise_pause", until=until, grace=settings.promise_grace_days))
        self.add("confirm_promise", invoices=invoices, date=when, amount=amount, currency=expected)

    def _dispute(self):
        invoices = self.invoices_for("dispute", default_all=False)
        if not invoices:
            self.doubts.append(reason("dispute_without_invoice" if self.open else "nothing_open"))
            return
        category = self.reading.reason or "other"
        self.add(
            "open_dispute",
            reason("dispute", reason=category, invoices=", ".join(invoices)),
            invoices=invoices,
            reason=category,
        )
        self.add("acknowledge_dispute", invoices=invoices)

    def _paid_already(self):
        invoices = self.invoices_for("paid_already", default_all=True)
        until = self.today + timedelta(days=self.settings.paid_check_snooze_days)
        self.reasons.append(reason("paid_claimed", invoices=", ".join(invoices) or "-"))
        self.add("check_payment", reason("paid_snooze", until=until), invoices=invoices, date=until)

    def _request_document(self):
        invoices = self.invoices_for("request_document", default_all=True)
        self.add(
            "send_documents",
            reason("documents", invoices=", ".join(invoices) or "-"),
            invoices=invoices,
        )

    def _payment_plan(self):
        self.add("escalate", reason("payment_plan"), invoices=self.reading.invoices)

    def _question(self):
        self.add("escalate", reason("question"), invoices=self.reading.invoices)

    def _out_of_office(self):
        back, settings = self.reading.return_date, self.settings
        latest = self.today + timedelta(days=settings.max_return_days)
        if back is not None and self.today < back <= latest:
            self.add("snooze", reason("out_of_office", until=back), date=back)
        elif back is not None and back > latest:
            self.add("snooze", reason("out_of_office_far", date=back, until=latest), date=latest)
        else:
            self.snooze_days(settings.default_snooze_days, "out_of_office_default")

    def _redirect(self):
        contact = self.reading.new_contact or "-"
        until = self.today + timedelta(days=self.settings.redirect_hold_days)
        why = reason("redirect", contact=contact, until=until)
        self.add("propose_contact", why)
        self.actions.append(ReplyAction("snooze", date=until, text=why.text))

    def _opt_out(self):
        why = reason("opt_out")
        self.add("opt_out", why)
        self.actions.append(ReplyAction("escalate", text=why.text))

    def _legal_insolvency(self):
        why = reason("legal")
        self.add("legal_hold", why)
        self.actions.append(ReplyAction("escalate_manager", text=why.text))

    def _acknowledgement(self):
        self.snooze_days(self.settings.acknowledgement_snooze_days, "acknowledgement")
        self.actions.append(ReplyAction("note", text=self.reasons[-1].text))

    def _other(self):
        self.doubts.append(reason("no_intent"))
