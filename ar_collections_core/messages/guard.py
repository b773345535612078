"""The fact guard: a draft may only state what the facts hold.

Every amount, invoice number or reference, date, number, percentage, time and link in
the draft is compared with the :class:`MessageFacts` it was written from. Anything
unknown or wrong, an invoice left out, a relative deadline ("by Friday"), or an
offer the policy does not allow rejects the draft; the template goes out instead.
Interest, legal, agency and final-notice wording does not reject a draft but
requires a person's approval.

Where a line or sentence names exactly one document, its amounts and dates must be
that document's (a swapped amount is as wrong as an invented one).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .extract import Found, scan
from .facts import MessageFacts
from .lexicon import fold, lang_of
from .sensitive import find_offers, find_sensitive

TOLERANCE = 0.005


@dataclass(frozen=True, slots=True)
class Problem:
    code: str  # unknown_amount, amount_mismatch, wrong_currency, unknown_reference, ...
    text: str  # English, for the log and the reviewer
    fragment: str = ""  # the words of the draft at fault


@dataclass(frozen=True, slots=True)
class GuardResult:
    ok: bool  # no problem: the draft may be used
    problems: tuple[Problem, ...]
    needs_approval: bool  # sensitive wording: a person approves, whatever the mode
    sensitive: tuple[str, ...] = ()  # categories found: interest, legal, agency, final_notice

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(p.code for p in self.problems)


class _Pool:
    """The amounts (with currency) and dates one part of the draft may state."""

    def __init__(self):
        self.amounts: set[tuple[str, float]] = set()
        self.dates: set = set()
        self.due_dates: set = set()  # what a date introduced as "due" may be

    def add_amount(self, currency: str, amount: float) -> None:
        self.amounts.add((currency, round(abs(amount), 2)))

    def has_amount(self, values, currencies) -> bool:
        return any(
            abs(v - a) < TOLERANCE and (not currencies or c in currencies)
            for v in values
            for c, a in self.amounts
        )

    def has_value(self, values) -> bool:
        return any(abs(v - a) < TOLERANCE for v in values for _, a in self.amounts)


class _Allowed:
    def __init__(self, facts: MessageFacts):
        self.facts = facts
        self.everything = _Pool()
        self.by_document: dict[str, _Pool] = {}
        self.names: dict[str, str] = {}  # a number or reference -> the document number
        self.originals: list[str] = []  # the numbers and references as the ledger has them
        self._documents()
        self._account()
        self.ints = self._ints()

    def _documents(self) -> None:
        facts = self.facts
        for inv in (*facts.invoices, *facts.other_items):
            pool = self._pool(inv.number, inv.ref)
            pool.add_amount(inv.currency, inv.amount_total)
            pool.add_amount(inv.currency, inv.amount_due)
            pool.add_amount(facts.company_currency, inv.amount_due_company)
            pool.dates |= {inv.invoice_date, inv.due_date}
            pool.due_dates.add(inv.due_date)
            for pay in facts.payments_since_last:
                if pay.invoice_number == inv.number:
                    pool.add_amount(pay.currency, pay.amount)
                    pool.dates.add(pay.date)
            for promise in facts.promises:
                if not promise.invoice_numbers or inv.number in promise.invoice_numbers:
                    pool.add_amount(promise.currency, promise.amount)
                    pool.dates.add(promise.promised_date)
                    pool.due_dates.add(promise.promised_date)
        for promise in facts.promises:  # a promise may name invoices this message does not chase
            for number in promise.invoice_numbers:
                pool = self._pool(number, "")
                pool.add_amount(promise.currency, promise.amount)
                pool.dates.add(promise.promised_date)
                pool.due_dates.add(promise.promised_date)
        for credit in facts.credit_notes:
            pool = self._pool(credit.number, "")
            pool.add_amount(credit.currency, credit.amount_available)
            pool.dates.add(credit.date)
        for pool in self.by_document.values():
            self.everything.amounts |= pool.amounts
            self.everything.dates |= pool.dates
            self.everything.due_dates |= pool.due_dates

    def _pool(self, number: str, ref: str) -> _Pool:
        pool = self.by_document.setdefault(number, _Pool())
        self.names[number.strip().casefold()] = number
        self.originals.append(number)
        if ref and len(ref.strip()) >= 3:
            self.names[ref.strip().casefold()] = number
            self.originals.append(ref)
        return pool

    def _account(self) -> None:
        """Account-level figures: any sentence may state them."""
        facts = self.facts
        account = _Pool()
        for total in facts.totals:
            for value in (total.amount_due, total.credit_available, total.net):
                account.add_amount(total.currency, value)
        overdue: dict[str, float] = {}
        balance: dict[str, float] = {}
        for inv in facts.invoices:
            if inv.days_overdue > 0:
                overdue[inv.currency] = overdue.get(inv.currency, 0.0) + inv.amount_due
        for inv in (*facts.invoices, *facts.other_items):
            balance[inv.currency] = balance.get(inv.currency, 0.0) + inv.amount_due
        for sums in (overdue, balance):
            for currency, value in sums.items():
                account.add_amount(currency, value)
        if facts.payments_since_last:
            paid = sum(p.amount for p in facts.payments_since_last)
            account.add_amount(facts.company_currency, paid)
        for broken in facts.broken_promises:
            account.add_amount(broken.currency, broken.amount)
            account.dates.add(broken.promised_date)
            if broken.made_on:
                account.dates.add(broken.made_on)
        account.dates.add(facts.today)
        if facts.last_message_date:
            account.dates.add(facts.last_message_date)
        for pool in (self.everything, *self.by_document.values()):
            pool.amounts |= account.amounts
            pool.dates |= account.dates
        for pay in facts.payments_since_last:
            self.everything.add_amount(pay.currency, pay.amount)
            self.everything.dates.add(pay.date)
        for promise in facts.promises:
            self.everything.add_amount(promise.currency, promise.amount)
            self.everything.dates.add(promise.promised_date)
            self.everything.due_dates.add(promise.promised_date)

    def _ints(self) -> set[int]:
        facts = self.facts
        documents = (*facts.invoices, *facts.other_items)
        ints = {abs(inv.days_overdue) for inv in documents}
        ints |= {(inv.due_date - inv.invoice_date).days for inv in documents}
        ints |= {
            len(facts.invoices),
            len(documents),
            len(facts.credit_notes),
            len(facts.payments_since_last),
        }
        ints |= {d.year for d in self.everything.dates}
        ints |= {int(a) for _, a in self.everything.amounts if float(a).is_integer()}
        return ints


def _segments(text: str, items: list[Found]) -> list[tuple[int, int]]:
    """Lines and sentences; a full stop inside a found date or amount is no boundary."""
    inside = set()
    for item in items:
        inside.update(range(item.start, item.end))
    bounds, start = [], 0
    for m in re.finditer(r"\n|[.!?;](?=\s)", text):
        if m.start() in inside:
            continue
        bounds.append((start, m.end()))
        start = m.end()
    bounds.append((start, len(text)))
    return bounds


def check_draft(text: str, facts: MessageFacts, *, lang: str | None = None) -> GuardResult:
    """Check ``text`` (a draft in ``lang``, default the facts' language) against ``facts``."""
    lang = lang_of(lang or facts.lang)
    allowed = _Allowed(facts)
    items = scan(text, lang=lang, known=tuple(allowed.originals))
    problems: list[Problem] = []
    mentioned: set[str] = set()
    for start, end in _segments(text, items):
        here = [i for i in items if start <= i.start < end]
        docs = {allowed.names[i.values[0].strip().casefold()] for i in here if i.kind == "known"}
        mentioned |= docs
        pool = allowed.by_document[next(iter(docs))] if len(docs) == 1 else allowed.everything
        label = next(iter(docs)) if len(docs) == 1 else None
        for item in here:
            problem = _judge(item, pool, label, allowed)
            if problem is None and item.kind in ("date", "day_month"):
                problem = _judge_due_date(text[start : item.start], item, pool, label)
            if problem:
                problems.append(problem)
    for inv in facts.invoices:
        if inv.number not in mentioned:
            problems.append(
                Problem("missing_invoice", f"The draft does not name invoice {inv.number}.")
            )
    offers = {}
    for match in find_offers(text):
        if match.category not in facts.allowed_offers:
            offers.setdefault(match.category, match.phrase)
    for offer, phrase in offers.items():
        problems.append(
            Problem(
                "offer_not_allowed",
                f"The draft offers a {offer.replace('_', ' ')}, which the policy does not allow.",
                phrase,
            )
        )
    sensitive = tuple(sorted({m.category for m in find_sensitive(text)}))
    return GuardResult(not problems, tuple(problems), bool(sensitive), sensitive)


def _judge(item: Found, pool: _Pool, label: str | None, allowed: _Allowed) -> Problem | None:
    kind, shown = item.kind, item.text
    if kind == "known":
        return None
    if kind == "email":
        return Problem("unknown_email", f"No email address is in the facts: {shown}.", shown)
    if kind == "link":
        link = allowed.facts.pay_link
        if link and shown.rstrip("/") == link.rstrip("/"):
            return None
        return Problem("unknown_link", f"The link {shown} is not the payment link.", shown)
    if kind == "reference":
        return Problem(
            "unknown_reference",
            f"{shown} is not one of this customer's invoices or references.",
            shown,
        )
    if kind == "amount":
        return _judge_amount(item, pool, label, allowed)
    if kind == "number":
        if item.values[0] in allowed.ints:
            return None
        return Problem("unknown_number", f"The number {shown} is not in the facts.", shown)
    if kind in ("date", "day_month", "month_year", "day"):
        return _judge_date(item, pool, label, allowed)
    if kind == "percent":
        return Problem("unknown_percentage", f"No rate is in the facts: {shown}.", shown)
    if kind == "time":
        return Problem("unknown_time", f"No time of day is in the facts: {shown}.", shown)
    if kind in ("weekday", "relative"):
        return Problem("relative_date", f"A deadline not in the facts: {shown}.", shown)
    return Problem("unreadable", f"Cannot check {shown}.", shown)


def _judge_amount(item: Found, pool: _Pool, label, allowed: _Allowed) -> Problem | None:
    values, currencies, shown = item.values, item.currencies, item.text
    if pool.has_amount(values, currencies):
        return None
    if label and allowed.everything.has_amount(values, currencies):
        return Problem("amount_mismatch", f"{shown} is not an amount of {label}.", shown)
    if pool.has_value(values) or allowed.everything.has_value(values):
        return Problem("wrong_currency", f"{shown}: the currency is not the invoice's.", shown)
    return Problem("unknown_amount", f"The amount {shown} is not in the facts.", shown)


_DUE_BEFORE = re.compile(
    r"(?:due|payable|echeance|echu|echue|exigible|fallig|falligkeit|vencimiento|vencida|"
    r"vencido|vence|vervaldatum|vervallen|vervalt)"
    r"(?:[ \t]*[:,]?[ \t]*(?:date|datum|on|by|since|the|le|au|am|zum|der|el|de|del|op|per|"
    r"seit|depuis|desde|sinds))*"
    r"[ \t]*[:,]?[ \t]*$"
)


def _judge_due_date(before: str, item: Found, pool: _Pool, label) -> Problem | None:
    """A date introduced as the due date ("due on", "échue le", "fällig am") must be one."""
    if not _DUE_BEFORE.search(fold(before[-40:])):
        return None
    if _date_fits(item, pool.due_dates):
        return None
    owner = f" of {label}" if label else ""
    return Problem(
        "date_mismatch", f"{item.text} is given as the due date{owner} but is not.", item.text
    )


def _date_fits(item: Found, dates) -> bool:
    if item.kind == "date":
        return any(v in dates for v in item.values)
    if item.kind == "day_month":
        return any((d.day, d.month) in item.values for d in dates)
    if item.kind == "month_year":
        return any((d.month, d.year) in item.values for d in dates)
    return any(d.day in item.values for d in dates)


def _judge_date(item: Found, pool: _Pool, label, allowed: _Allowed) -> Problem | None:
    if _date_fits(item, pool.dates):
        return None
    shown = item.text
    if label and _date_fits(item, allowed.everything.dates):
        return Problem("date_mismatch", f"{shown} is not a date of {label}.", shown)
    return Problem("unknown_date", f"The date {shown} is not in the facts.", shown)
