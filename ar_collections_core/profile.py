"""A customer's payment profile: how they pay, computed from their own history.

Contract (implemented in this module):

    compute_profile(receivables, today, *, promises=(), params=ProfileParams())
        -> PaymentProfile
    predict_payment_date(receivable, profile, today) -> date

``receivables`` holds every posted invoice and credit note of one commercial
customer (open and settled). A customer without history gets neutral values and
``has_history=False``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class ProfileParams:
    recent_months: int = 6  # the trend compares this window with what came before
    on_time_tolerance_days: int = 0  # paid up to this many days late still counts on time


@dataclass(frozen=True, slots=True)
class PaymentProfile:
    as_of: date
    has_history: bool
    invoices_settled: int  # invoices fully settled, used for the statistics below
    amount_settled: float
    weighted_days_late: float  # amount-weighted mean days between due date and payment
    typical_days_late: float  # median over settled invoices
    p90_days_late: float
    worst_days_late: int
    on_time_rate: float  # 0..1, share of settled amount paid by the due date
    avg_days_to_pay: float  # from invoice date to payment, amount-weighted
    recent_days_late: float | None  # weighted days late within the recent window
    prior_days_late: float | None  # weighted days late before the recent window
    trend_days: float  # recent minus prior: > 0 means paying later than before
    partial_payment_rate: float  # share of settled invoices paid in several parts
    usual_payment_weekday: int | None  # 0 = Monday, when a clear habit exists
    usual_payment_day: int | None  # day of month, when a clear habit exists
    open_amount: float  # open invoices minus open credit notes, company currency
    overdue_amount: float
    open_count: int
    overdue_count: int
    oldest_overdue_days: int
    open_credit_amount: float  # unapplied credit notes the customer could offset (> 0)
    first_invoice_date: date | None
    tenure_days: int
