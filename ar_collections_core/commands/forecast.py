"""``ar-collections forecast``: expected cash-in per week for 13 weeks, and its backtest.

The forecast reads each open invoice's predicted payment dates (the customer's
lateness distribution given how late the invoice already is, moved to their habitual
payment day) and open promises (weighted by how often the customer keeps them);
disputed amounts are left out. ``--backtest`` replays the history: a forecast made at
each of several past dates against the cash that actually came in the following
weeks (weekly WAPE and MAPE, next to the naive "paid on the due date"). Runs on a
generated ledger (``--customers/--seed``) or on your own (``--ledger FILE``, JSON
lines as for ``ar-collections profiles``).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from datetime import date

from ar_collections_core.cli_args import iso_date, positive_int
from ar_collections_core.forecast import backtest_forecast, default_origins, forecast_cash
from ar_collections_core.ledger_io import read_ledger
from ar_collections_core.synthetic import generate_ledger


@dataclass
class LedgerSource:
    """A ledger read from a file or generated, in the shape the core functions take."""

    receivables: dict
    promises: dict
    disputes: dict
    today: date
    description: str
    errors: list = field(default_factory=list)  # (line number, reason) of skipped lines


def add_source_arguments(parser, *, default_customers: int = 300) -> None:
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--customers", type=positive_int, default=default_customers,
                        help="customers in the generated ledger")  # fmt: skip
    source.add_argument("--ledger", help="JSON lines file of receivables (see 'profiles')")
    parser.add_argument("--seed", type=int, default=7, help="seed of the generated ledger")
    parser.add_argument(
        "--today",
        type=iso_date,
        default=None,
        help="as-of date (default: today for a generated ledger, the latest date in the "
        "file for --ledger)",
    )


def load_source(args) -> LedgerSource:
    """The ledger the arguments name; OSError / UnicodeDecodeError for an unreadable file."""
    if args.ledger:
        with open(args.ledger, encoding="utf-8") as stream:
            ledger = read_ledger(stream)
        return LedgerSource(
            receivables=ledger.receivables,
            promises=ledger.promises,
            disputes=ledger.disputes,
            today=args.today or ledger.latest_date() or date.today(),
            description=f"{args.ledger}: {len(ledger.receivables)} customers",
            errors=ledger.errors,
        )
    synthetic = generate_ledger(args.customers, seed=args.seed, today=args.today)
    return LedgerSource(
        receivables=synthetic.receivables,
        promises=synthetic.promises,
        disputes=synthetic.disputes,
        today=synthetic.today,
        description=f"generated ledger: {args.customers} customers, seed {args.seed}",
    )


def read_source(args) -> LedgerSource | None:
    """``load_source`` with errors reported on stderr (None when the file is unreadable)."""
    try:
        source = load_source(args)
    except (OSError, UnicodeDecodeError) as error:
        print(f"error: cannot read {args.ledger}: {error}", file=sys.stderr)
        return None
    for number, reason in source.errors:
        print(f"{args.ledger}:{number}: skipped: {reason}", file=sys.stderr)
    return source


def register(subparsers):
    parser = subparsers.add_parser(
        "forecast", help="13-week cash-in forecast and its backtest", description=__doc__
    )
    add_source_arguments(parser)
    parser.add_argument("--weeks", type=positive_int, default=13, help="forecast horizon")
    parser.add_argument("--backtest", action="store_true", help="also backtest the forecast")
    parser.add_argument("--origins", type=positive_int, default=12,
                        help="backtest: forecasts replayed")  # fmt: skip
    parser.add_argument("--step-days", type=positive_int, default=28,
                        help="backtest: days between two replayed forecasts")  # fmt: skip
    parser.set_defaults(handler=run)


def run(args) -> int:
    source = read_source(args)
    if source is None:
        return 2
    print(f"{source.description}, as of {source.today}")
    print()
    result = forecast_cash(
        source.receivables,
        source.today,
        promises_by_customer=source.promises,
        disputes_by_customer=source.disputes,
        weeks=args.weeks,
    )
    print(result.table())
    if args.backtest:
        origins = default_origins(
            source.receivables, source.today, args.weeks, args.origins, args.step_days
        )
        if not origins:
            print("error: the history is too short to backtest", file=sys.stderr)
            return 2
        backtest = backtest_forecast(
            source.receivables,
            source.today,
            promises_by_customer=source.promises,
            disputes_by_customer=source.disputes,
            origins=origins,
            weeks=args.weeks,
        )
        print()
        print(backtest.table())
    if source.errors:
        print(f"{len(source.errors)} bad line(s) skipped", file=sys.stderr)
        return 1
    return 0
