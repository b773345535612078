"""Claude as an optional brain: reading unsure replies and drafting reminders.

Everything works without it; the ``anthropic`` SDK (the ``llm`` extra) is imported
only when a call is made. Nothing here raises into the caller and nothing Claude
returns changes the ledger: answers are proposals, checked like the offline
engine's, and drafts go through the fact guard. See docs/LLM.md.

Public API::

    settings = LlmSettings(api_key=..., mode="understanding_and_drafting")
    client = make_client(settings, usage_store=store)          # store: the call log
    understand_with_llm(offline_reading, client=client, open_invoices=..., today=...)
        -> UnderstandingOutcome (.understanding, .outcome, .problems, .usage)
    draft_reminder(facts, client=client, max_tone=policy.max_tone, contact_name=...)
        -> DraftOutcome (.ok, .subject, .body, .problems, .facts_sent, .usage)
    summarize(records) -> [MonthUsage]; UsageCap(...).reached(month_usage)
"""

import importlib

# Loaded on first use: the reading side pulls in the reply machinery, which commands
# that only need the settings or the CLI options should not pay for.
_EXPORTS = {
    "breaker": ("CLOSED", "HALF_OPEN", "OPEN", "CircuitBreaker"),
    "client": ("CallResult", "LlmClient", "make_client", "sdk_available", "shared_breaker"),
    "drafting": ("DraftOutcome", "draft_reminder", "draft_tone", "facts_for_draft"),
    "prices": ("PRICES", "UNKNOWN_MODEL_PRICE", "estimate_cost", "price_for"),
    "redact": ("Redactor",),
    "settings": ("DEFAULT_MODEL", "MODES", "LlmSettings"),
    "understanding": ("UnderstandingOutcome", "make_engine", "understand_with_llm"),
    "usage": (
        "JsonLinesUsageStore",
        "MemoryUsageStore",
        "MonthUsage",
        "UsageCap",
        "UsageRecord",
        "UsageStore",
        "month_of",
        "month_usage",
        "summarize",
    ),
}
_MODULE_OF = {name: module for module, names in _EXPORTS.items() for name in names}


def __getattr__(name: str):
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


__all__ = [
    "CLOSED",
    "DEFAULT_MODEL",
    "HALF_OPEN",
    "MODES",
    "OPEN",
    "PRICES",
    "UNKNOWN_MODEL_PRICE",
    "CallResult",
    "CircuitBreaker",
    "DraftOutcome",
    "JsonLinesUsageStore",
    "LlmClient",
    "LlmSettings",
    "MemoryUsageStore",
    "MonthUsage",
    "Redactor",
    "UnderstandingOutcome",
    "UsageCap",
    "UsageRecord",
    "UsageStore",
    "draft_reminder",
    "draft_tone",
    "estimate_cost",
    "facts_for_draft",
    "make_client",
    "make_engine",
    "month_of",
    "month_usage",
    "price_for",
    "sdk_available",
    "shared_breaker",
    "summarize",
    "understand_with_llm",
]
