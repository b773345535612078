"""The one adapter around the ``anthropic`` SDK.

The SDK is imported lazily (it is the optional ``llm`` extra). The SDK's own retries
are switched off (``max_retries=0``) and done here, so that the behaviour is explicit:
timeouts, connection errors, 408, 409, 429 and 5xx (529 overloaded included) are
retried at most ``max_retries`` times, after ``retry-after-ms`` / ``retry-after``
when the server sends one, else after an exponential backoff with jitter; a
retry-after longer than ``max_retry_wait`` or a retry that could not finish within
``total_timeout`` is not attempted. A call that still fails counts against the
circuit breaker. Nothing here raises: every failure comes back as data.
"""

from __future__ import annotations

import email.utils
import importlib
import logging
import random
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone

from .breaker import CircuitBreaker
from .prices import estimate_cost
from .settings import LlmSettings
from .usage import MemoryUsageStore, UsageCap, UsageRecord, UsageStore, month_of

_logger = logging.getLogger(__name__)

_STATUS_REASONS = {
    400: "bad_request",
    401: "auth_error",
    402: "billing_error",
    403: "auth_error",
    404: "bad_request",
    408: "timeout",
    409: "conflict",
    413: "bad_request",
    422: "bad_request",
    429: "rate_limited",
    529: "overloaded",
}


_REFUSAL = re.compile(
    r"\b(?:I\s+(?:can(?:not|'t|’t)|won(?:'|’)t|will not|am unable|'m unable|must decline)"
    r"|I(?:'|’)m not able|unable to (?:help|assist|comply))",
    re.I,
)


def looks_like_refusal(text: str | None) -> bool:
    """A text answer that declines instead of calling the tool."""
    return bool(text and _REFUSAL.search(text))


def load_sdk():
    """The ``anthropic`` module, or None when the optional extra is not installed."""
    try:
        return importlib.import_module("anthropic")
    except ImportError:
        return None


def sdk_available() -> bool:
    return load_sdk() is not None


@dataclass(frozen=True, slots=True)
class CallResult:
    """What one call gave: an answer (``ok``) or why there is none (``reason``)."""

    ok: bool
    reason: str | None  # None when ok: timeout, rate_limited, overloaded, refusal, ...
    detail: str
    called: bool  # False: skipped before any request
    started_at: datetime
    model: str
    tool_input: dict | None = None  # the arguments the model gave the forced tool
    text: str = ""  # any text blocks, joined
    stop_reason: str | None = None
    input_tokens: int = 0
    output_tokens: int = 0
    latency_ms: int = 0
    attempts: int = 0
    request_id: str | None = None


@dataclass(frozen=True, slots=True)
class _Failure:
    reason: str
    retryable: bool
    retry_after: float | None
    detail: str


def parse_retry_after(headers) -> float | None:
    """Seconds to wait from ``retry-after-ms`` or ``retry-after`` (seconds or HTTP date)."""
    if headers is None:
        return None
    value = headers.get("retry-after-ms")
    if value:
        try:
            return max(0.0, float(value) / 1000)
        except ValueError:
            pass
    value = headers.get("retry-after")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    parsed = email.utils.parsedate_tz(value)
    if parsed is None:
        return None
    return max(0.0, email.utils.mktime_tz(parsed) - time.time())


def _classify(exc: Exception, sdk) -> _Failure:
    if isinstance(exc, sdk.APITimeoutError):
        return _Failure("timeout", True, None, "the request timed out")
    if isinstance(exc, sdk.APIConnectionError):
        return _Failure("connection_error", True, None, "could not reach the API")
    if isinstance(exc, sdk.APIStatusError):
        status = exc.status_code
        headers = exc.response.headers
        retryable = status in (408, 409, 429) or status >= 500
        should = (headers.get("x-should-retry") or "").lower()
        if should in ("true", "false"):
            retryable = should == "true"
        reason = _STATUS_REASONS.get(status, "server_error" if status >= 500 else "api_error")
        message = getattr(exc, "api_message", None) or ""
        detail = f"HTTP {status}" + (f": {message[:200]}" if message else "")
        return _Failure(reason, retryable, parse_retry_after(headers), detail)
    return _Failure("bad_response", False, None, f"unreadable answer ({type(exc).__name__})")


class LlmClient:
    """Calls the Messages API with one forced tool; see the module docstring."""

    def __init__(
        self,
        settings: LlmSettings,
        *,
        breaker: CircuitBreaker | None = None,
        usage_store: UsageStore | None = None,
        now: Callable[[], datetime] | None = None,
        monotonic: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        jitter: Callable[[], float] = random.random,
        sdk_loader: Callable[[], object] = load_sdk,
    ):
        self.settings = settings
        self.breaker = breaker or CircuitBreaker(
            settings.breaker_threshold, settings.breaker_cooldown, monotonic
        )
        self.usage_store = usage_store if usage_store is not None else MemoryUsageStore()
        self.cap = UsageCap(settings.monthly_token_cap, settings.monthly_cost_cap)
        self._now = now or (lambda: datetime.now(timezone.utc))
        self._monotonic = monotonic
        self._sleep = sleep
        self._jitter = jitter
        self._sdk_loader = sdk_loader
        self._sdk_client = None
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"LlmClient(model={self.settings.model!r}, base_url={self.settings.base_url!r})"

    def cap_reached(self, moment: datetime | None = None) -> str | None:
        """Why this month's calls are over (English), or None (the settings screen)."""
        return self.cap.reached(self.usage_store.month_usage(month_of(moment or self._now())))

    # -- the call ----------------------------------------------------------------

    def call(self, *, system: str, content: list[dict], tool: dict, max_tokens: int) -> CallResult:
        """One request forcing ``tool``; never raises."""
        started = self._now()
        try:
            return self._call(started, system, content, tool, max_tokens)
        except Exception as exc:  # a bug here must not reach the mail gateway or a cron
            _logger.warning("LLM call failed unexpectedly", exc_info=True)
            return self._skip(started, "internal_error", f"{type(exc).__name__}", called=True)

    def _skip(self, started, reason: str, detail: str, called: bool = False) -> CallResult:
        return CallResult(False, reason, detail, called, started, self.settings.model)

    def _call(self, started, system, content, tool, max_tokens) -> CallResult:
        if not self.settings.api_key:
            return self._skip(started, "no_api_key", "no API key is set")
        sdk = self._sdk_loader()
        if sdk is None:
            return self._skip(started, "sdk_missing", "the anthropic package is not installed")
        capped = self.cap_reached(started)
        if capped:
            return self._skip(started, "cap_reached", capped)
        if not self.breaker.allow():
            wait = self.breaker.retry_in()
            return self._skip(started, "breaker_open", f"circuit open for {wait:.0f} more s")
        params = {
            "model": self.settings.model,
            "max_tokens": max_tokens,
            "system": system,
            "messages": [{"role": "user", "content": content}],
            "tools": [tool],
            "tool_choice": {"type": "tool", "name": tool["name"]},
        }
        try:
            return self._attempts(sdk, started, params, tool["name"])
        except Exception:
            self.breaker.record_failure()  # a half-open probe must never stay in flight
            raise

    def _attempts(self, sdk, started, params, tool_name) -> CallResult:
        settings = self.settings
        begin = self._monotonic()
        attempt = 0
        while True:
            attempt += 1
            try:
                message = self._sdk(sdk).messages.create(**params)
            except Exception as exc:
                failure = _classify(exc, sdk)
                wait = self._retry_wait(failure, attempt, begin)
                if isinstance(wait, float):
                    _logger.info("LLM call: %s, retry %d in %.2fs", failure.reason, attempt, wait)
                    self._sleep(wait)
                    continue
                self.breaker.record_failure()
                return CallResult(
                    False,
                    failure.reason,
                    failure.detail + (f"; {wait}" if wait else ""),
                    True,
                    started,
                    settings.model,
                    latency_ms=self._elapsed_ms(begin),
                    attempts=attempt,
                )
            return self._answer(message, started, tool_name, begin, attempt)

    def _retry_wait(self, failure: _Failure, attempt: int, begin: float) -> float | str | None:
        """Seconds to wait before retrying, or why not (str) or None when not retryable."""
        settings = self.settings
        if not failure.retryable:
            return None
        if attempt > settings.max_retries:
            return f"gave up after {attempt} attempts"
        if failure.retry_after is not None:
            wait = float(failure.retry_after)
            if wait > settings.max_retry_wait:
                return f"retry-after {wait:.0f}s is above {settings.max_retry_wait:.0f}s"
        else:
            step = min(settings.backoff_max, settings.backoff_base * 2 ** (attempt - 1))
            wait = step * (1 - 0.25 * self._jitter())
        elapsed = self._monotonic() - begin
        if elapsed + wait + settings.timeout > settings.total_timeout:
            return f"no time left for a retry within {settings.total_timeout:.0f}s"
        return float(wait)

    def _answer(self, message, started, tool_name, begin, attempts) -> CallResult:
        usage = getattr(message, "usage", None)
        tokens_in = sum(
            int(getattr(usage, name, 0) or 0)
            for name in ("input_tokens", "cache_creation_input_tokens", "cache_read_input_tokens")
        )
        tokens_out = int(getattr(usage, "output_tokens", 0) or 0)
        content = getattr(message, "content", None)
        tool_input, texts = None, []
        for block in content if isinstance(content, list) else ():
            kind = getattr(block, "type", None)
            if kind == "tool_use" and getattr(block, "name", None) == tool_name:
                if tool_input is None:
                    tool_input = getattr(block, "input", None)
            elif kind == "text":
                texts.append(str(getattr(block, "text", "") or ""))
        stop_reason = getattr(message, "stop_reason", None)
        common = {
            "called": True,
            "started_at": started,
            "model": str(getattr(message, "model", None) or self.settings.model),
            "text": "\n".join(texts),
            "stop_reason": stop_reason,
            "input_tokens": tokens_in,
            "output_tokens": tokens_out,
            "latency_ms": self._elapsed_ms(begin),
            "attempts": attempts,
            "request_id": getattr(message, "_request_id", None) or getattr(message, "id", None),
        }
        if not isinstance(content, list) or getattr(message, "role", None) != "assistant":
            self.breaker.record_failure()
            return CallResult(False, "bad_response", "the answer is not a message", **common)
        self.breaker.record_success()  # the service answered, whatever it said
        if stop_reason == "refusal":
            return CallResult(False, "refusal", "the model declined to answer", **common)
        if not isinstance(tool_input, dict):
            tool_input = None
        return CallResult(True, None, "", tool_input=tool_input, **common)

    def _elapsed_ms(self, begin: float) -> int:
        return round((self._monotonic() - begin) * 1000)

    def _sdk(self, sdk):
        with self._lock:
            if self._sdk_client is None:
                settings = self.settings
                options = {
                    "api_key": settings.api_key,
                    "timeout": sdk.Timeout(settings.timeout, connect=settings.connect_timeout),
                    "max_retries": 0,  # retries are ours (module docstring)
                }
                if settings.base_url:
                    options["base_url"] = settings.base_url
                self._sdk_client = sdk.Anthropic(**options)
            return self._sdk_client

    # -- records -----------------------------------------------------------------

    def record(self, result: CallResult, kind: str, outcome: str, detail: str = "") -> UsageRecord:
        """The usage record of ``result`` with its final ``outcome``, stored and logged."""
        cost, known = estimate_cost(
            result.model, result.input_tokens, result.output_tokens, self.settings.prices
        )
        record = UsageRecord(
            at=result.started_at,
            kind=kind,
            model=result.model,
            outcome=outcome,
            called=result.called,
            input_tokens=result.input_tokens,
            output_tokens=result.output_tokens,
            latency_ms=result.latency_ms,
            cost=cost,
            price_known=known,
            attempts=result.attempts,
            request_id=result.request_id,
            detail=(detail or result.detail)[:500],
        )
        try:
            self.usage_store.add(record)
        except Exception:  # the log is not worth losing the answer for
            _logger.warning("could not store an LLM usage record", exc_info=True)
        _logger.info(
            "LLM %s: %s (%d+%d tokens, %d ms, $%.4f) %s",
            kind,
            outcome,
            record.input_tokens,
            record.output_tokens,
            record.latency_ms,
            record.cost,
            record.detail,
        )
        return record


_SHARED: dict[tuple[str, str], CircuitBreaker] = {}
_SHARED_LOCK = threading.Lock()


def shared_breaker(settings: LlmSettings) -> CircuitBreaker:
    """One breaker per endpoint and model in this process, shared by its clients."""
    key = (settings.base_url or "anthropic", settings.model)
    with _SHARED_LOCK:
        breaker = _SHARED.get(key)
        if breaker is None or (breaker.threshold, breaker.cooldown) != (
            settings.breaker_threshold,
            settings.breaker_cooldown,
        ):
            breaker = CircuitBreaker(settings.breaker_threshold, settings.breaker_cooldown)
            _SHARED[key] = breaker
        return breaker


def make_client(
    settings: LlmSettings, *, usage_store: UsageStore | None = None, **options
) -> LlmClient:
    """The client factory: ``settings`` (key, model, base_url, timeouts, retries, breaker),
    a usage store (the Odoo call log; memory by default), and the process-wide breaker
    unless ``breaker=`` is given. ``options`` are LlmClient's (clock, sleep, ...)."""
    options.setdefault("breaker", shared_breaker(settings))
    return LlmClient(settings, usage_store=usage_store, **options)
