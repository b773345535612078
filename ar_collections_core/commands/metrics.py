"""``ar-collections metrics``: DSO, CEI, aging, cash and promises of a ledger.

As of a date: AR and its aging; countback and simple DSO, best possible DSO and
average days delinquent over the last ``--months`` calendar months (the current one
up to the date); CEI, cash collected and cash recovered (paid after the due date)
over the same months; promise-kept rate. The formulas are in
``ar_collections_core.metrics``. Runs on a generated ledger or on ``--ledger FILE``.
"""

from __future__ import annotations

from datetime import timedelta

from ar_collections_core import metrics
from ar_collections_core.cli_args import positive_int
from ar_collections_core.commands.forecast import add_source_arguments, read_source


def register(subparsers):
    parser = subparsers.add_parser(
        "metrics", help="DSO, CEI, aging, cash and promise figures", description=__doc__
    )
    add_source_arguments(parser)
    parser.add_argument("--months", type=positive_int, default=3, help="DSO / CEI period")
    parser.set_defaults(handler=run)


def run(args) -> int:
    source = read_source(args)
    if source is None:
        return 2
    today = source.today
    everything = [r for docs in source.receivables.values() for r in docs]
    report = metrics.dso_report(everything, today, args.months)
    start = today - timedelta(days=report.days - 1)
    aged = metrics.aging(everything, today)
    promises = metrics.promise_stats(
        [p for items in source.promises.values() for p in items], today
    )
    collected = metrics.cash_collected(everything, start, today)
    recovered = metrics.cash_recovered(everything, start, today)
    print(f"{source.description}, as of {today}")
    print()
    rows = [
        ("AR (net of unapplied credits)", f"{report.ar.total:,.2f}"),
        ("  current (not yet due)", f"{report.ar.current:,.2f}"),
        ("  overdue", f"{report.ar.overdue:,.2f}"),
        (f"credit sales, {start} to {today}", f"{report.credit_sales:,.2f}"),
        ("DSO, countback (days)", _num(report.dso_countback)),
        ("DSO, simple (days)", _num(report.dso_simple)),
        ("best possible DSO (days)", _num(report.best_possible_dso)),
        ("average days delinquent", _num(report.average_days_delinquent)),
        ("CEI (%)", _num(metrics.cei_between(everything, start, today))),
        ("cash collected", f"{collected:,.2f}"),
        ("cash recovered (paid after due)", f"{recovered:,.2f}"),
        (
            "promises kept / partial / broken / open",
            f"{promises.kept} / {promises.partial} / {promises.broken} / {promises.open}",
        ),
        ("promise-kept rate", _num(promises.kept_rate, ".1%")),
    ]
    for label, value in rows:
        print(f"{label:42}{value:>18}")
    print()
    print("aging")
    for bucket, amount in aged.buckets:
        print(f"  {bucket:40}{amount:>18,.2f}")
    print(f"  {'unapplied credits':40}{-aged.unapplied_credits:>18,.2f}")
    return 1 if source.errors else 0


def _num(value, spec: str = ".1f") -> str:
    return "n/a" if value is None else format(value, spec)
