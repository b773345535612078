"""What an admin sets for Claude: key, model, mode, thresholds, caps, and the
adapter's timeouts, retries and circuit breaker (docs/LLM.md)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields

# off: everything offline; understanding: Claude reads replies the offline engine is
# unsure about; understanding_and_drafting: Claude also drafts reminders.
MODES = ("off", "understanding", "understanding_and_drafting")
# A current, mid-priced model (docs/LLM.md, "Changing the model").
DEFAULT_MODEL = "claude-sonnet-4-6"


@dataclass(frozen=True, slots=True)
class LlmSettings:
    api_key: str = field(default="", repr=False)  # never shown in a repr or a log
    model: str = DEFAULT_MODEL
    mode: str = "off"
    base_url: str | None = None  # None: Anthropic's API (tests give a local server)
    confidence_threshold: float = 0.6  # offline confidence below which Claude reads a reply
    redact: bool = True  # names, emails, phone numbers and IBANs replaced before sending
    monthly_token_cap: int | None = None  # input + output tokens per calendar month (UTC)
    monthly_cost_cap: float | None = None  # estimated USD per calendar month (UTC)
    timeout: float = 30.0  # seconds one attempt may take
    connect_timeout: float = 5.0
    total_timeout: float = 90.0  # no retry starts that could end after this many seconds
    max_retries: int = 2  # attempts after the first, on timeouts, 408/409/429/5xx/529
    backoff_base: float = 0.5  # seconds before the first retry, doubled each time
    backoff_max: float = 8.0
    max_retry_wait: float = 20.0  # a longer retry-after is not waited for: fall back
    breaker_threshold: int = 5  # consecutive failed calls that open the circuit
    breaker_cooldown: float = 300.0  # seconds the circuit stays open before one probe
    understanding_max_tokens: int = 1024
    drafting_max_tokens: int = 2048
    # USD per million tokens (input, output) by model prefix, over the built-in table.
    prices: Mapping[str, tuple[float, float]] = field(default_factory=dict)

    def __post_init__(self):
        errors = []
        if self.mode not in MODES:
            errors.append(f"mode must be one of {MODES}, not {self.mode!r}")
        if not isinstance(self.model, str) or not self.model.strip():
            errors.append("model must be a model name such as " + DEFAULT_MODEL)
        if not 0.0 <= self.confidence_threshold <= 1.0:
            errors.append("confidence_threshold is between 0 and 1")
        for name in ("timeout", "connect_timeout", "total_timeout", "breaker_cooldown"):
            if getattr(self, name) <= 0:
                errors.append(f"{name} must be positive (seconds)")
        for name in ("max_retries", "backoff_base", "backoff_max", "max_retry_wait"):
            if getattr(self, name) < 0:
                errors.append(f"{name} cannot be negative")
        if self.max_retries > 5:
            errors.append("max_retries is at most 5 (a reply must not wait for minutes)")
        if self.breaker_threshold < 1:
            errors.append("breaker_threshold must be at least 1")
        for name in ("understanding_max_tokens", "drafting_max_tokens"):
            if not 64 <= getattr(self, name) <= 16000:
                errors.append(f"{name} must be between 64 and 16000")
        for name in ("monthly_token_cap", "monthly_cost_cap"):
            value = getattr(self, name)
            if value is not None and value < 0:
                errors.append(f"{name} cannot be negative")
        for model, price in dict(self.prices).items():
            if len(tuple(price)) != 2 or any(p < 0 for p in price):
                errors.append(f"prices[{model!r}] must be (input, output) USD per million")
        if errors:
            raise ValueError("; ".join(errors))

    @property
    def understanding_enabled(self) -> bool:
        return self.mode in ("understanding", "understanding_and_drafting")

    @property
    def drafting_enabled(self) -> bool:
        return self.mode == "understanding_and_drafting"

    @classmethod
    def from_dict(cls, data: Mapping) -> LlmSettings:
        """From stored settings (e.g. Odoo system parameters); unknown keys are an error,
        ``None`` and empty strings leave the default."""
        known = {f.name for f in fields(cls)}
        unknown = set(data) - known
        if unknown:
            raise ValueError(f"unknown LLM settings: {sorted(unknown)}")
        values = {k: v for k, v in data.items() if v is not None and v != ""}
        if "prices" in values:
            values["prices"] = {k: tuple(v) for k, v in dict(values["prices"]).items()}
        return cls(**values)
