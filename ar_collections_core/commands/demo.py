"""``ar-collections demo``: the core alone on a generated ledger, in the terminal.

Generates a ledger of customers with distinct payment behaviours and two years of
history, computes every customer's payment profile and risk, prints them sorted by
risk with the top reason, a summary per behaviour archetype, and a one-line backtest.
"""

from __future__ import annotations

import sys
from collections import defaultdict

from ar_collections_core.backtest import backtest_ledger
from ar_collections_core.cli_args import iso_date, positive_int
from ar_collections_core.ledger_io import ledger_lines
from ar_collections_core.profile import compute_profile
from ar_collections_core.risk import assess_risk
from ar_collections_core.synthetic import generate_ledger

COLUMNS = (
    ("customer", 28, "<"),
    ("archetype", 15, "<"),
    ("segment", 9, "<"),
    ("inv", 4, ">"),
    ("wtd late", 8, ">"),
    ("typ/worst", 9, ">"),
    ("on time", 7, ">"),
    ("trend", 6, ">"),
    ("open", 11, ">"),
    ("overdue", 11, ">"),
    ("risk", 4, ">"),
    ("band", 8, "<"),
    ("top reason", 0, "<"),
)


def register(subparsers):
    parser = subparsers.add_parser(
        "demo", help="profiles and risk on a generated ledger", description=__doc__
    )
    parser.add_argument("--customers", type=positive_int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--today", type=iso_date, default=None, help="as-of date YYYY-MM-DD")
    parser.add_argument("--limit", type=positive_int, default=None, help="rows to show")
    parser.add_argument("--export", help="also write the generated ledger as JSON lines")
    parser.add_argument("--no-backtest", action="store_true", help="skip the backtest line")
    parser.set_defaults(handler=run)


def run(args) -> int:
    ledger = generate_ledger(args.customers, seed=args.seed, today=args.today)
    rows = []
    by_archetype = defaultdict(list)
    for customer in ledger.customers:
        key = customer.key
        profile = compute_profile(
            ledger.receivables[key], ledger.today, promises=ledger.promises[key]
        )
        risk = assess_risk(
            profile,
            promises=ledger.promises[key],
            disputes=ledger.disputes[key],
            credit_limit=customer.credit_limit,
        )
        invoices = sum(1 for r in ledger.receivables[key] if not r.is_credit_note)
        rows.append((risk.score, customer, profile, risk, invoices))
        by_archetype[customer.archetype].append((profile, risk))
    rows.sort(key=lambda row: (-row[0], row[1].key))
    print(
        f"Generated ledger: {len(ledger.customers)} customers, "
        f"{sum(row[4] for row in rows)} invoices, as of {ledger.today} "
        f"(seed {args.seed}); amounts in {ledger.currency}"
    )
    print()
    print(_line([name for name, _w, _a in COLUMNS]))
    for _score, customer, profile, risk, invoices in rows[: args.limit]:
        print(_line(_cells(customer, profile, risk, invoices)))
    print()
    print(_archetype_summary(by_archetype))
    if not args.no_backtest:
        print()
        print(backtest_ledger(ledger).summary())
    if args.export:
        try:
            with open(args.export, "w", encoding="utf-8") as out:
                for line in ledger_lines(ledger):
                    out.write(line + "\n")
        except OSError as error:
            print(f"error: cannot write {args.export}: {error.strerror}", file=sys.stderr)
            return 2
        print(f"ledger written to {args.export}")
    return 0


def _cells(customer, profile, risk, invoices):
    if profile.has_history:
        late = f"{profile.weighted_days_late:.0f}d"
        typical = f"{profile.typical_days_late:.0f}/{profile.worst_days_late}"
        on_time = f"{profile.on_time_rate:.0%}"
        trend = f"{profile.trend_days:+.0f}" if profile.trend_days else "-"
    else:
        late, typical, on_time, trend = "n/a", "n/a", "n/a", "-"
    top = risk.factors[0].text if risk.factors else ""
    return [
        customer.name[:28],
        customer.archetype,
        customer.segment,
        str(invoices),
        late,
        typical,
        on_time,
        trend,
        f"{profile.open_amount:,.0f}",
        f"{profile.overdue_amount:,.0f}",
        str(risk.score),
        risk.band,
        top,
    ]


def _line(cells) -> str:
    parts = []
    for cell, (_name, width, align) in zip(cells, COLUMNS, strict=True):
        parts.append(f"{cell:{align}{width}}" if width else cell)
    return " ".join(parts).rstrip()


def _archetype_summary(by_archetype) -> str:
    lines = [
        f"{'archetype':16}{'customers':>10}{'wtd late':>10}{'typical':>9}{'on time':>9}"
        f"{'risk':>7}{'late>30d':>10}"
    ]
    for archetype, items in sorted(
        by_archetype.items(), key=lambda kv: sum(r.score for _p, r in kv[1]) / len(kv[1])
    ):
        n = len(items)
        lines.append(
            f"{archetype:16}{n:>10}"
            f"{sum(p.weighted_days_late for p, _r in items) / n:>9.1f}d"
            f"{sum(p.typical_days_late for p, _r in items) / n:>8.1f}d"
            f"{sum(p.on_time_rate for p, _r in items) / n:>9.0%}"
            f"{sum(r.score for _p, r in items) / n:>7.0f}"
            f"{sum(r.late_probability for _p, r in items) / n:>10.0%}"
        )
    return "\n".join(lines)
