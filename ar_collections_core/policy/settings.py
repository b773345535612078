"""The collection policy an admin sets, per company, with optional overrides per
segment and per customer (the most specific wins, field by field)."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace

# Tones, gentlest first. A policy's ``max_tone`` caps how firm the agent may get.
TONES = ("courtesy", "friendly", "neutral", "firm", "final")
MODES = ("off", "review", "autonomous")
SEGMENTS = ("standard", "strategic", "new")
# What a message may offer the customer, when the admin allows it (drafts are checked).
OFFERS = ("payment_plan", "extension", "discount", "waiver")


def tone_rank(tone: str) -> int:
    return TONES.index(tone)


@dataclass(frozen=True, slots=True)
class CollectionPolicy:
    mode: str = "review"  # off: no automated contact; review: a person approves; autonomous
    max_tone: str = "firm"  # the firmest tone the agent may use on its own
    max_contacts_7d: int = 2  # per customer, any channel
    max_contacts_30d: int = 4
    min_days_between_contacts: int = 5
    small_balance: float = 5000.0  # an overdue balance below this is reminded less often:
    small_balance_gap_factor: float = 2.0  # min_days_between_contacts times this (>= 1)
    pre_due_days: int = 3  # a courtesy note this many days before the due date; 0: none
    pre_due_max_days_late: int = 7  # ordinary payers: only those usually paying this late
    send_hour_start: int = 8  # the sending window, in the customer's timezone
    send_hour_end: int = 18
    send_weekdays: tuple[int, ...] = (0, 1, 2, 3, 4)  # 0 = Monday
    escalate_amount: float = 10000.0  # overdue amount (company currency) that needs a person
    # ... and only when it is also this many times the customer's average invoice (0: off)
    escalate_exposure_multiple: float = 3.0
    escalate_days_overdue: int = 60
    escalate_risk: int = 80  # risk score at or above which a person takes over
    promise_grace_days: int = 3  # a promise is broken this many days after its date
    approval_segments: tuple[str, ...] = ("strategic",)  # always wait for a person
    # When to start chasing an overdue invoice, by payer class (see docs/POLICY.md).
    first_reminder_days_after_due: int = 3  # ordinary payers and customers without history
    reliable_margin_days: int = 5  # reliable payers: their usual lateness plus this margin
    reliable_max_days_late: int = 10  # paying at most this late 9 times in 10: reliable
    serial_late_days: int = 15  # usually paying this late or later: serial late payer
    min_history_invoices: int = 3  # settled invoices needed before a profile is trusted
    # Tone by days overdue of the oldest invoice chased (before adjustments).
    neutral_after_days: int = 15
    firm_after_days: int = 30
    final_after_days: int = 45
    ignored_after_days: int = 4  # an unanswered contact counts as ignored after this
    phone_after_ignored_emails: int = 1  # then a person calls instead, if worth it:
    # a person's time (a call, a threshold escalation) needs the overdue amount chased x
    # its chance of ending up more than 30 days late to reach this
    person_min_value: float = 5000.0
    statement_min_invoices: int = 5  # chasing this many invoices at once: a statement
    final_notice_wait_days: int = 7  # no answer this long after a final notice: escalate
    escalate_broken_promises: int = 2  # the second broken promise goes to a person
    reescalate_after_days: int = 30  # the same cause is not escalated again sooner
    dispute_response_days: int = 10  # the owner answers a dispute within this; then reminded
    allowed_offers: tuple[str, ...] = ()  # what messages may offer (OFFERS); none by default

    def __post_init__(self):
        errors = []
        if self.mode not in MODES:
            errors.append(f"mode must be one of {MODES}, not {self.mode!r}")
        if self.max_tone not in TONES:
            errors.append(f"max_tone must be one of {TONES}, not {self.max_tone!r}")
        if not 0 <= self.send_hour_start < self.send_hour_end <= 24:
            errors.append("the sending window must satisfy 0 <= start < end <= 24")
        if not self.send_weekdays or any(not 0 <= d <= 6 for d in self.send_weekdays):
            errors.append("send_weekdays needs at least one day, each 0 (Monday) to 6")
        for name in (
            "max_contacts_7d",
            "max_contacts_30d",
            "min_days_between_contacts",
            "pre_due_days",
            "pre_due_max_days_late",
            "escalate_days_overdue",
            "promise_grace_days",
            "first_reminder_days_after_due",
            "reliable_margin_days",
            "reliable_max_days_late",
            "serial_late_days",
            "min_history_invoices",
            "ignored_after_days",
            "final_notice_wait_days",
            "reescalate_after_days",
            "dispute_response_days",
        ):
            if getattr(self, name) < 0:
                errors.append(f"{name} cannot be negative")
        if self.max_contacts_30d < self.max_contacts_7d:
            errors.append("max_contacts_30d cannot be below max_contacts_7d")
        if not 0 < self.neutral_after_days <= self.firm_after_days <= self.final_after_days:
            errors.append("tone steps must satisfy 0 < neutral <= firm <= final (days overdue)")
        for name in ("phone_after_ignored_emails", "statement_min_invoices"):
            if getattr(self, name) < 1:
                errors.append(f"{name} must be at least 1")
        if self.escalate_broken_promises < 1:
            errors.append("escalate_broken_promises must be at least 1")
        if any(s not in SEGMENTS for s in self.approval_segments):
            errors.append(f"approval_segments must be among {SEGMENTS}")
        if any(o not in OFFERS for o in self.allowed_offers):
            errors.append(f"allowed_offers must be among {OFFERS}")
        for name in (
            "escalate_amount",
            "escalate_exposure_multiple",
            "person_min_value",
            "small_balance",
        ):
            if getattr(self, name) < 0:
                errors.append(f"{name} cannot be negative")
        if self.small_balance_gap_factor < 1:
            errors.append("small_balance_gap_factor is at least 1 (never more often)")
        if not 0 <= self.escalate_risk <= 100:
            errors.append("escalate_risk is a score from 0 to 100")
        if errors:
            raise ValueError("; ".join(errors))

    def with_overrides(self, overrides: dict) -> CollectionPolicy:
        """This policy with the given fields replaced (``None`` values are ignored)."""
        known = {f.name for f in fields(self)}
        unknown = set(overrides) - known
        if unknown:
            raise ValueError(f"unknown policy fields: {sorted(unknown)}")
        values = {
            k: tuple(v) if isinstance(v, list) else v for k, v in overrides.items() if v is not None
        }
        return replace(self, **values)

    def needs_approval(self, segment: str) -> bool:
        return self.mode == "review" or segment in self.approval_segments
