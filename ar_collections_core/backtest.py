"""How well risk and predicted payment dates do on a history (walk-forward).

For every invoice, the customer's profile is computed as of the day *before* its issue
date: only documents issued earlier and settlements dated earlier count, and promises
and disputes are taken as they stood then. From that profile:

- ``late_probability`` and the risk score are compared with what happened: was the
  invoice paid more than ``late_days`` after its due date? (AUC: the chance that a
  randomly picked late invoice scores above a randomly picked punctual one; 0.5 is a
  coin toss.) An invoice still open and more than ``late_days`` overdue at the end of
  the history counts as late; one still open and younger is left out (its outcome is
  unknown), and so is one settled by credit notes only.
- ``predict_payment_date`` is compared with the date the invoice was fully paid (mean
  absolute error in days), next to the naive guess "paid on the due date".
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from ar_collections_core.ledger import PAYMENT
from ar_collections_core.profile import ProfileParams, compute_profile, predict_payment_date
from ar_collections_core.risk import RiskParams, assess_risk

CENT = 0.005


@dataclass(frozen=True, slots=True)
class DateErrors:
    count: int
    mae: float | None  # mean absolute error, days
    median: float | None
    within_3: float | None  # share of predictions within 3 days
    within_7: float | None

    @classmethod
    def of(cls, errors):
        if not errors:
            return cls(0, None, None, None, None)
        ordered = sorted(errors)
        n = len(ordered)
        mid = n // 2
        median = ordered[mid] if n % 2 else (ordered[mid - 1] + ordered[mid]) / 2
        return cls(
            count=n,
            mae=sum(ordered) / n,
            median=float(median),
            within_3=sum(e <= 3 for e in ordered) / n,
            within_7=sum(e <= 7 for e in ordered) / n,
        )


@dataclass(frozen=True, slots=True)
class BacktestResult:
    customers: int
    labelled: int  # invoices with a known "late or not" outcome
    late_share: float | None
    auc_late_probability: float | None
    auc_risk_score: float | None
    model: DateErrors  # predicted payment date vs the date fully paid
    baseline: DateErrors  # the due date vs the date fully paid
    late_days: int = 30
    by_group: dict = field(default_factory=dict)  # group -> (model, baseline) DateErrors

    def summary(self) -> str:
        """One line for the demo."""
        return (
            f"backtest: {self.labelled} invoices, AUC late>{self.late_days}d "
            f"{_fmt(self.auc_late_probability, '.3f')} (late probability) / "
            f"{_fmt(self.auc_risk_score, '.3f')} (risk score); payment date MAE "
            f"{_fmt(self.model.mae, '.1f')} days vs {_fmt(self.baseline.mae, '.1f')} "
            f"for the due date ({self.model.count} paid invoices)"
        )

    def table(self) -> str:
        rows = [
            f"Walk-forward backtest: {self.customers} customers, {self.labelled} invoices "
            f"with a known outcome ({_fmt(self.late_share, '.0%')} paid > {self.late_days} "
            f"days late)",
            "",
            f"{'':34}{'model':>10}{'due date':>10}",
            f"{'AUC late, late probability':34}{_fmt(self.auc_late_probability, '.3f'):>10}",
            f"{'AUC late, risk score':34}{_fmt(self.auc_risk_score, '.3f'):>10}",
        ]
        for label, name, spec in (
            ("payment date MAE (days)", "mae", ".1f"),
            ("payment date median error", "median", ".1f"),
            ("within 3 days", "within_3", ".0%"),
            ("within 7 days", "within_7", ".0%"),
        ):
            rows.append(
                f"{label:34}{_fmt(getattr(self.model, name), spec):>10}"
                f"{_fmt(getattr(self.baseline, name), spec):>10}"
            )
        rows.append(f"{'paid invoices dated':34}{self.model.count:>10}{self.baseline.count:>10}")
        if self.by_group:
            rows += ["", f"{'MAE by group':34}{'model':>10}{'due date':>10}{'invoices':>10}"]
            for group, (model, baseline) in sorted(self.by_group.items()):
                rows.append(
                    f"{group:34}{_fmt(model.mae, '.1f'):>10}{_fmt(baseline.mae, '.1f'):>10}"
                    f"{model.count:>10}"
                )
        return "\n".join(rows)


def _fmt(value, spec: str) -> str:
    return "n/a" if value is None else format(value, spec)


def auc(scores, labels) -> float | None:
    """Area under the ROC curve (Mann-Whitney, ties counted half); None if one class."""
    pairs = sorted(zip(scores, labels, strict=True), key=lambda p: p[0])
    positives = sum(1 for _s, label in pairs if label)
    negatives = len(pairs) - positives
    if not positives or not negatives:
        return None
    rank_sum = 0.0
    i = 0
    while i < len(pairs):
        j = i
        while j < len(pairs) and pairs[j][0] == pairs[i][0]:
            j += 1
        average_rank = (i + 1 + j) / 2
        rank_sum += average_rank * sum(1 for k in range(i, j) if pairs[k][1])
        i = j
    return (rank_sum - positives * (positives + 1) / 2) / (positives * negatives)


def promises_as_of(promises, day: date, grace_days: int = 3):
    """The promises known on ``day``, with outcomes not yet known set back to open."""
    known = []
    for promise in promises:
        if promise.created is None or promise.created > day:
            continue
        if promise.state in ("kept", "partial", "broken"):
            if promise.promised_date + timedelta(days=grace_days) >= day:
                promise = replace(promise, state="open")
        known.append(promise)
    return known


def disputes_as_of(disputes, day: date):
    """The disputes opened by ``day``; those closed later are still open then."""
    known = []
    for dispute in disputes:
        if dispute.opened is None or dispute.opened > day:
            continue
        if dispute.closed is not None and dispute.closed > day:
            dispute = replace(dispute, state="open", closed=None)
        known.append(dispute)
    return known


def run_backtest(
    receivables_by_customer,
    today: date,
    *,
    promises_by_customer=None,
    disputes_by_customer=None,
    credit_limits=None,
    groups=None,
    late_days: int = 30,
    max_invoices_per_customer: int = 120,
    profile_params: ProfileParams | None = None,
    risk_params: RiskParams | None = None,
) -> BacktestResult:
    """Walk forward through each customer's invoices (see the module notes).

    ``groups`` maps a customer key to a label (e.g. its archetype) for a per-group MAE.
    Customers with more than ``max_invoices_per_customer`` invoices are evaluated on
    that many, evenly spread, to bound the quadratic cost.
    """
    profile_params = profile_params or ProfileParams()
    risk_params = risk_params or RiskParams()
    promises_by_customer = promises_by_customer or {}
    disputes_by_customer = disputes_by_customer or {}
    credit_limits = credit_limits or {}
    groups = groups or {}
    late_probabilities, risk_scores, labels = [], [], []
    model_errors, baseline_errors = [], []
    grouped = {}
    for key, receivables in receivables_by_customer.items():
        history = sorted(receivables, key=lambda r: r.invoice_date)
        issue_dates = [r.invoice_date for r in history]
        candidates = [(r, _outcome(r, today, late_days)) for r in history]
        candidates = [(r, o) for r, o in candidates if o is not None]
        if len(candidates) > max_invoices_per_customer > 0:
            step = len(candidates) / max_invoices_per_customer
            candidates = [candidates[int(i * step)] for i in range(max_invoices_per_customer)]
        for invoice, (late, paid_on) in candidates:
            eve = invoice.invoice_date - timedelta(days=1)
            known = history[: bisect_left(issue_dates, invoice.invoice_date)]
            promises = promises_as_of(
                promises_by_customer.get(key, ()), eve, profile_params.promise_grace_days
            )
            profile = compute_profile(known, eve, promises=promises, params=profile_params)
            risk = assess_risk(
                profile,
                promises=promises,
                disputes=disputes_as_of(disputes_by_customer.get(key, ()), eve),
                credit_limit=credit_limits.get(key, 0.0),
                params=risk_params,
            )
            late_probabilities.append(risk.late_probability)
            risk_scores.append(risk.score)
            labels.append(late)
            if paid_on is None:
                continue
            as_issued = replace(
                invoice,
                residual=invoice.amount,
                residual_currency=invoice.amount_currency,
                settlements=(),
                in_payment=False,
            )
            predicted = predict_payment_date(as_issued, profile, invoice.invoice_date)
            model_error = abs((predicted - paid_on).days)
            baseline_error = abs((invoice.due_date - paid_on).days)
            model_errors.append(model_error)
            baseline_errors.append(baseline_error)
            if key in groups:
                pair = grouped.setdefault(groups[key], ([], []))
                pair[0].append(model_error)
                pair[1].append(baseline_error)
    return BacktestResult(
        customers=len(receivables_by_customer),
        labelled=len(labels),
        late_share=sum(labels) / len(labels) if labels else None,
        auc_late_probability=auc(late_probabilities, labels),
        auc_risk_score=auc(risk_scores, labels),
        model=DateErrors.of(model_errors),
        baseline=DateErrors.of(baseline_errors),
        late_days=late_days,
        by_group={g: (DateErrors.of(m), DateErrors.of(b)) for g, (m, b) in grouped.items()},
    )


def backtest_ledger(ledger, **options) -> BacktestResult:
    """``run_backtest`` on a ``SyntheticLedger``, grouped by archetype."""
    return run_backtest(
        ledger.receivables,
        ledger.today,
        promises_by_customer=ledger.promises,
        disputes_by_customer=ledger.disputes,
        credit_limits={c.key: c.credit_limit for c in ledger.customers},
        groups={c.key: c.archetype for c in ledger.customers},
        **options,
    )


def _outcome(rec, today: date, late_days: int):
    """(paid late?, date fully paid or None), or None when the outcome is unknown."""
    if rec.is_credit_note or rec.amount <= CENT or rec.invoice_date > today:
        return None
    payments = [s.date for s in rec.settlements if s.kind == PAYMENT and s.amount > 0]
    if rec.is_open:
        overdue = (today - rec.due_date).days
        return (True, None) if overdue > late_days else None
    if not payments:
        return None  # settled by credit notes only: no payment behaviour
    paid_on = max(payments)
    return (paid_on - rec.due_date).days > late_days, paid_on
