"""``ar-collections understand --engine llm``: its options and the engine it registers.

The reading is the offline engine's, then Claude's for the replies the offline engine
is unsure about (``--llm-threshold``; ``--llm-always`` asks about every reply), in the
same output contract; ``engine`` says which reading each line is. The API key comes
from the ``ANTHROPIC_API_KEY`` environment variable only (a command-line flag would be
kept in the shell's history). Without a key or without the SDK, every reply is read
offline and a note goes to stderr.
"""

from __future__ import annotations

import argparse
import os
import sys

from .settings import DEFAULT_MODEL, LlmSettings

ENGINE_NAME = "llm"
API_KEY_VARIABLE = "ANTHROPIC_API_KEY"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group(
        "--engine llm", f"Claude reads unsure replies; the key comes from ${API_KEY_VARIABLE}"
    )
    group.add_argument("--llm-model", default=DEFAULT_MODEL, help="default: %(default)s")
    group.add_argument(
        "--llm-threshold",
        type=float,
        default=0.6,
        help="ask Claude when the offline confidence is below this (default: %(default)s)",
    )
    group.add_argument(
        "--llm-always", action="store_true", help="ask Claude about every reply with text"
    )
    group.add_argument(
        "--llm-no-redact",
        action="store_true",
        help="send emails, phone numbers and IBANs as written (default: placeholders)",
    )
    group.add_argument("--llm-timeout", type=float, default=30.0, help="seconds per attempt")
    group.add_argument("--llm-base-url", help="another Messages API endpoint (tests, a proxy)")
    group.add_argument(
        "--llm-usage-log",
        metavar="FILE",
        help="append one usage record per call (JSON lines); monthly caps count it",
    )
    group.add_argument("--llm-monthly-token-cap", type=int, metavar="TOKENS")
    group.add_argument("--llm-monthly-cost-cap", type=float, metavar="USD")


def settings_from_args(args, environ=None) -> LlmSettings:
    environ = os.environ if environ is None else environ
    return LlmSettings(
        api_key=environ.get(API_KEY_VARIABLE, "").strip(),
        model=args.llm_model,
        mode="understanding",
        base_url=args.llm_base_url,
        confidence_threshold=args.llm_threshold,
        redact=not args.llm_no_redact,
        timeout=args.llm_timeout,
        monthly_token_cap=args.llm_monthly_token_cap,
        monthly_cost_cap=args.llm_monthly_cost_cap,
    )


def setup_engine(args, environ=None, stderr=None) -> int:
    """Register the ``llm`` engine from the parsed ``args``: 0, or 2 after printing why
    the settings are wrong. Without a key or the SDK it still registers (offline)."""
    # Loaded here, not at import: the reading side is heavy for the other commands.
    from ar_collections_core.replies.engines import register_engine  # noqa: PLC0415

    from .client import make_client, sdk_available  # noqa: PLC0415
    from .understanding import make_engine  # noqa: PLC0415
    from .usage import JsonLinesUsageStore, MemoryUsageStore  # noqa: PLC0415

    stderr = stderr or sys.stderr
    try:
        settings = settings_from_args(args, environ)
    except ValueError as exc:
        print(f"ar-collections: {exc}", file=stderr)
        return 2
    if not settings.api_key:
        print(
            f"ar-collections: {API_KEY_VARIABLE} is not set: replies are read offline", file=stderr
        )
    elif not sdk_available():
        print("ar-collections: the anthropic package is not installed: replies are read offline"
              " (pip install 'ar-collections-core[llm]')", file=stderr)  # fmt: skip
    store = JsonLinesUsageStore(args.llm_usage_log) if args.llm_usage_log else MemoryUsageStore()
    client = make_client(settings, usage_store=store)
    register_engine(ENGINE_NAME, make_engine(client, force=args.llm_always))
    return 0
