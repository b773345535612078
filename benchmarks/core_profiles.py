"""Benchmark: payment profiles, risk and predicted dates for a large ledger, pure Python.

    python benchmarks/core_profiles.py [--customers 20000] [--years 5] [--seed 7]

Generates a synthetic ledger (about 1,100,000 documents for 20,000 customers over 5
years), then times the refresh the Odoo addon runs nightly: for every customer the
profile, the risk, and the predicted payment date and late probability of each open
invoice. Also times one customer with 5,000 invoices. Prints wall time, throughput and
memory (peak RSS of the process, and the memory the refresh itself allocates, measured
with tracemalloc on a sample so that the timing runs untraced).
"""

from __future__ import annotations

import argparse
import gc
import resource
import sys
import time
import tracemalloc
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ar_collections_core.ledger import Receivable, Settlement
from ar_collections_core.profile import compute_profile, predict_payment_date
from ar_collections_core.risk import assess_risk, invoice_late_probability
from ar_collections_core.synthetic import generate_ledger


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def refresh(ledger, keys) -> int:
    """Profiles, risk and open-invoice predictions for these customers; open invoices."""
    today = ledger.today
    limits = {c.key: c.credit_limit for c in ledger.customers}
    predicted = 0
    for key in keys:
        receivables = ledger.receivables[key]
        promises = ledger.promises[key]
        profile = compute_profile(receivables, today, promises=promises)
        assess_risk(
            profile, promises=promises, disputes=ledger.disputes[key], credit_limit=limits[key]
        )
        for rec in receivables:
            if rec.residual > 0.005:
                predict_payment_date(rec, profile, today)
                invoice_late_probability(rec, profile, today)
                predicted += 1
    return predicted


def big_customer(invoices: int, today: date):
    start = today - timedelta(days=invoices // 3)
    receivables = []
    for i in range(invoices):
        issued = start + timedelta(days=i // 3)
        due = issued + timedelta(days=30)
        pay = due + timedelta(days=(i * 7) % 45 - 5)
        settled = pay <= today
        receivables.append(
            Receivable(
                i,
                f"INV/{i}",
                issued,
                due,
                100.0 + i % 50,
                0.0 if settled else 100.0 + i % 50,
                settlements=(Settlement(pay, 100.0 + i % 50),) if settled else (),
            )
        )
    return receivables


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=20000)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    today = date(2026, 3, 15)

    rss_start = peak_rss_mb()
    started = time.perf_counter()
    ledger = generate_ledger(args.customers, seed=args.seed, today=today, years=args.years)
    generated = time.perf_counter() - started
    docs = sum(len(v) for v in ledger.receivables.values())
    invoices = sum(1 for v in ledger.receivables.values() for r in v if not r.is_credit_note)
    open_invoices = sum(1 for v in ledger.receivables.values() for r in v if r.residual > 0.005)
    rss_ledger = peak_rss_mb()
    print(
        f"ledger: {args.customers} customers, {docs:,} documents ({invoices:,} invoices, "
        f"{open_invoices:,} open), generated in {generated:.1f} s"
    )

    keys = [c.key for c in ledger.customers]
    gc.collect()
    started = time.perf_counter()
    predicted = refresh(ledger, keys)
    elapsed = time.perf_counter() - started
    rss_end = peak_rss_mb()
    print(
        f"refresh (profile + risk + {predicted:,} open-invoice predictions): {elapsed:.1f} s "
        f"wall, {docs / elapsed:,.0f} documents/s, "
        f"{elapsed / max(len(keys), 1) * 1000:.2f} ms per customer"
    )

    sample = keys[:: max(1, len(keys) // 500)]
    tracemalloc.start()
    refresh(ledger, sample)
    _current, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        f"memory: peak RSS {rss_end:.0f} MB (start {rss_start:.0f} MB, after generating the "
        f"ledger {rss_ledger:.0f} MB); the refresh allocates at most "
        f"{traced_peak / 1024 / 1024:.1f} MB at a time ({len(sample)} customers traced)"
    )

    big = big_customer(5000, today)
    started = time.perf_counter()
    profile = compute_profile(big, today)
    assess_risk(profile)
    big_time = time.perf_counter() - started
    print(
        f"one customer with 5,000 invoices: {big_time * 1000:.0f} ms "
        f"(weighted days late {profile.weighted_days_late}, typical "
        f"{profile.typical_days_late})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
