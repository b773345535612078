"""``ar-collections profiles --ledger FILE``: profiles and risk for your own ledger.

Reads JSON lines of receivables (and optionally promises, disputes and customer
details; the format is described in ``ar_collections_core.ledger_io``) and writes one
JSON line per customer: its payment profile, its risk, and the predicted payment date
and late probability of each open invoice. Bad lines are reported on stderr with their
line number and skipped; the exit code is then 1, with every good customer written.
"""

from __future__ import annotations

import argparse
import json
import sys
from contextlib import nullcontext
from datetime import date

from ar_collections_core import ledger_io
from ar_collections_core.cli_args import iso_date
from ar_collections_core.ledger_io import profile_to_dict, read_ledger, risk_to_dict
from ar_collections_core.profile import compute_profile, predict_payment_date
from ar_collections_core.risk import assess_risk, invoice_late_probability


def register(subparsers):
    parser = subparsers.add_parser(
        "profiles",
        help="payment profiles and risk for a ledger in JSON lines",
        description=f"{__doc__}\nThe input format:\n\n{ledger_io.__doc__.split(chr(10), 2)[2]}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--ledger", required=True, help="JSON lines file of receivables ('-' for stdin)"
    )
    parser.add_argument(
        "--today", type=iso_date, default=None, help="as-of date YYYY-MM-DD (default: today)"
    )
    parser.add_argument("--output", default="-", help="where to write ('-' for stdout)")
    parser.set_defaults(handler=run)


def run(args) -> int:
    try:
        with _open(args.ledger, "r") as stream:
            ledger = read_ledger(stream)
    except OSError as error:
        print(f"error: cannot read {args.ledger}: {error.strerror}", file=sys.stderr)
        return 2
    except UnicodeDecodeError as error:
        print(f"error: {args.ledger} is not UTF-8 text ({error.reason})", file=sys.stderr)
        return 2
    for number, reason in ledger.errors:
        print(f"{args.ledger}:{number}: skipped: {reason}", file=sys.stderr)
    today = args.today or date.today()
    try:
        with _open(args.output, "w") as out:
            for key in ledger.customer_keys():
                record = customer_record(ledger, key, today)
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
    except OSError as error:
        print(f"error: cannot write {args.output}: {error.strerror}", file=sys.stderr)
        return 2
    if ledger.errors:
        print(f"{len(ledger.errors)} bad line(s) skipped", file=sys.stderr)
        return 1
    return 0


def _open(path: str, mode: str):
    if path == "-":
        return nullcontext(sys.stdin if mode == "r" else sys.stdout)
    return open(path, mode, encoding="utf-8")


def customer_record(ledger, key: str, today: date) -> dict:
    receivables = ledger.receivables.get(key, [])
    promises = ledger.promises.get(key, [])
    details = ledger.customers.get(key, {})
    profile = compute_profile(receivables, today, promises=promises)
    risk = assess_risk(
        profile,
        promises=promises,
        disputes=ledger.disputes.get(key, []),
        credit_limit=details.get("credit_limit") or 0.0,
    )
    open_invoices = [
        r for r in receivables if r.is_open and not r.is_credit_note and r.invoice_date <= today
    ]
    return {
        "customer": key,
        **({"name": details["name"]} if "name" in details else {}),
        "profile": profile_to_dict(profile),
        "risk": risk_to_dict(risk),
        "open_invoices": [
            {
                "id": r.id,
                "number": r.number,
                "due_date": r.due_date.isoformat(),
                "residual": r.residual,
                "predicted_payment_date": predict_payment_date(r, profile, today).isoformat(),
                "late_probability": round(invoice_late_probability(r, profile, today), 4),
            }
            for r in open_invoices
        ],
    }
