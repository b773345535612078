"""Cost estimates from token counts: USD per million tokens, by model.

Anthropic's list prices for standard (non-batch) calls, as published on the pricing
page (checked 2026-03). A dated id ("claude-haiku-4-5-20251001") or a "-latest" alias
is priced as its model; any other name is a different model. A model not in the table is priced
at ``UNKNOWN_MODEL_PRICE``, the dearest row, so a cap is never reached late; give its
real price in ``LlmSettings.prices``. docs/LLM.md shows the table.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

# model prefix: (input, output) USD per million tokens
PRICES: dict[str, tuple[float, float]] = {
    "claude-opus-4-6": (5.0, 25.0),
    "claude-opus-4-5": (5.0, 25.0),
    "claude-opus-4-1": (15.0, 75.0),
    "claude-opus-4-0": (15.0, 75.0),
    "claude-opus-4": (15.0, 75.0),
    "claude-sonnet-4-6": (3.0, 15.0),
    "claude-sonnet-4-5": (3.0, 15.0),
    "claude-sonnet-4-0": (3.0, 15.0),
    "claude-sonnet-4": (3.0, 15.0),
    "claude-3-7-sonnet": (3.0, 15.0),
    "claude-haiku-4-5": (1.0, 5.0),
    "claude-3-5-haiku": (0.8, 4.0),
    "claude-3-haiku": (0.25, 1.25),
}
UNKNOWN_MODEL_PRICE = (15.0, 75.0)
_VERSION_SUFFIX = re.compile(r"(?:-\d{8}|-latest)?")


def price_for(
    model: str, overrides: Mapping[str, tuple[float, float]] | None = None
) -> tuple[tuple[float, float], bool]:
    """((input, output) USD per million tokens, whether the model's price is known)."""
    table = {k.strip().lower(): v for k, v in {**PRICES, **dict(overrides or {})}.items()}
    name = model.strip().lower()
    for prefix in sorted(table, key=len, reverse=True):
        if name.startswith(prefix) and _VERSION_SUFFIX.fullmatch(name[len(prefix) :]):
            return tuple(table[prefix]), True
    return UNKNOWN_MODEL_PRICE, False


def estimate_cost(
    model: str,
    input_tokens: int,
    output_tokens: int,
    overrides: Mapping[str, tuple[float, float]] | None = None,
) -> tuple[float, bool]:
    """(estimated USD, whether the model's price is known)."""
    (per_in, per_out), known = price_for(model, overrides)
    cost = (input_tokens * per_in + output_tokens * per_out) / 1_000_000
    return round(cost, 6), known
