"""``ar-collections understand``: read customer replies, one JSON line in, one out.

Input lines: ``{"id", "today": "YYYY-MM-DD", "partner_lang": "fr_FR" | null,
"message": raw RFC 822 text, "open_invoices": [{"number", "amount_residual",
"currency", "due_date", "ref"}]}``. Output lines, in the same order: ``{"id",
"intent", "intents", "promised_date", "return_date", "amount", "currency",
"invoices", "reason", "new_contact", "confidence", "engine"}``. A line that cannot
be read gives ``{"id", "error"}`` and the run goes on.
"""

from __future__ import annotations

import json
import sys
from datetime import date

from ar_collections_core.llm import cli as llm_cli

ENGINES_HINT = "offline (built in), llm (Claude for unsure replies, options below)"


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "understand",
        help="read customer replies (JSON lines on stdin) and print what each says",
        description=__doc__,
    )
    parser.add_argument(
        "--engine",
        default="offline",
        help=f"reading engine: {ENGINES_HINT}",
    )
    llm_cli.add_arguments(parser)
    parser.set_defaults(handler=run)


def run(args, stdin=None, stdout=None) -> int:
    # Loaded here, not at import: the reply machinery is heavy for other commands.
    from ar_collections_core.replies import available_engines  # noqa: PLC0415

    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    if args.engine == llm_cli.ENGINE_NAME and llm_cli.setup_engine(args):
        return 2
    if args.engine not in available_engines():
        print(f"unknown engine {args.engine!r}; available: {', '.join(available_engines())}",
              file=sys.stderr)  # fmt: skip
        return 2
    for line in stdin:
        if not line.strip():
            continue
        stdout.write(json.dumps(read_line(line, args.engine), ensure_ascii=False) + "\n")
        stdout.flush()
    return 0


def read_line(line: str, engine: str = "offline") -> dict:
    """One output record for one input line (never raises)."""
    from ar_collections_core.replies import OpenInvoice, understand  # noqa: PLC0415

    record_id = None
    try:
        try:
            data = json.loads(line)
        except ValueError as exc:
            raise ValueError(f"not a JSON line: {exc}") from exc
        if not isinstance(data, dict):
            raise ValueError("a line must be a JSON object")
        record_id = data.get("id")
        message = data.get("message")
        if not isinstance(message, str):
            raise ValueError("'message' must be the raw RFC 822 text")
        if not isinstance(data.get("today"), str):
            raise ValueError("'today' must be a YYYY-MM-DD string")
        try:
            today = date.fromisoformat(data["today"])
        except ValueError as exc:
            raise ValueError(f"bad 'today' {data['today']!r}: {exc}") from exc
        partner_lang = data.get("partner_lang")
        if partner_lang is not None and not isinstance(partner_lang, str):
            raise ValueError("'partner_lang' must be a string or null")
        rows = data.get("open_invoices") or []
        if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
            raise ValueError("'open_invoices' must be a list of objects")
        invoices = [OpenInvoice.from_mapping(row) for row in rows]
    except (ValueError, TypeError) as exc:
        return {"id": record_id, "error": str(exc)}
    reading = understand(
        message, today=today, partner_lang=partner_lang, open_invoices=invoices, engine=engine
    )
    if reading.error:
        return {"id": record_id, "error": reading.error}
    return {"id": record_id, **reading.to_contract_dict()}
