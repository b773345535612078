"""``ar-collections backtest``: how well risk and predicted payment dates do.

Walk-forward over a history: for each invoice, the customer's profile as of the day
before it was issued (nothing later), its late probability and risk score against
"paid more than N days late" (AUC), and its predicted payment date against the date it
was fully paid (mean absolute error), next to the due date as a naive baseline. Runs
on a generated ledger (``--customers/--seed``) or on your own (``--ledger FILE``, JSON
lines as for ``ar-collections profiles``).
"""

from __future__ import annotations

import sys
from datetime import date

from ar_collections_core.backtest import backtest_ledger, run_backtest
from ar_collections_core.cli_args import iso_date, positive_int
from ar_collections_core.ledger_io import read_ledger
from ar_collections_core.synthetic import generate_ledger


def register(subparsers):
    parser = subparsers.add_parser(
        "backtest",
        help="AUC of risk for late payment and error of predicted payment dates",
        description=__doc__,
    )
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--customers", type=positive_int, default=300)
    source.add_argument("--ledger", help="JSON lines file of receivables (see 'profiles')")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--today",
        type=iso_date,
        default=None,
        help="end of the history (default: today for a generated ledger, "
        "the latest date in the file for --ledger)",
    )
    parser.add_argument(
        "--late-days", type=positive_int, default=30, help="'late' means paid after this"
    )
    parser.set_defaults(handler=run)


def run(args) -> int:
    if args.ledger:
        try:
            with open(args.ledger, encoding="utf-8") as stream:
                ledger = read_ledger(stream)
        except (OSError, UnicodeDecodeError) as error:
            print(f"error: cannot read {args.ledger}: {error}", file=sys.stderr)
            return 2
        for number, reason in ledger.errors:
            print(f"{args.ledger}:{number}: skipped: {reason}", file=sys.stderr)
        today = args.today or ledger.latest_date() or date.today()
        result = run_backtest(
            ledger.receivables,
            today,
            promises_by_customer=ledger.promises,
            disputes_by_customer=ledger.disputes,
            credit_limits={k: v.get("credit_limit") or 0.0 for k, v in ledger.customers.items()},
            groups={k: v["archetype"] for k, v in ledger.customers.items() if "archetype" in v},
            late_days=args.late_days,
        )
    else:
        synthetic = generate_ledger(args.customers, seed=args.seed, today=args.today)
        print(
            f"Generated ledger: {args.customers} customers, seed {args.seed}, "
            f"as of {synthetic.today}"
        )
        result = backtest_ledger(synthetic, late_days=args.late_days)
    print(result.table())
    if args.ledger and ledger.errors:
        print(f"{len(ledger.errors)} bad line(s) skipped", file=sys.stderr)
        return 1
    return 0
