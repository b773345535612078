"""The adapter against a local Messages API: answers, retries, timeouts, the breaker."""

from __future__ import annotations

import logging

import pytest
from conftest import requires_sdk

from ar_collections_core.llm import (
    CLOSED,
    HALF_OPEN,
    OPEN,
    CircuitBreaker,
    LlmClient,
    LlmSettings,
    MemoryUsageStore,
    UsageRecord,
)
from ar_collections_core.llm.fake_api import Scripted, error, text_answer, tool_answer

pytestmark = requires_sdk

TOOL = {
    "name": "record_it",
    "description": "test tool",
    "input_schema": {
        "type": "object",
        "additionalProperties": False,
        "required": ["value"],
        "properties": {"value": {"type": "integer"}},
    },
}


def call(client: LlmClient):
    return client.call(
        system="You are a test.",
        content=[{"type": "text", "text": "hello"}],
        tool=TOOL,
        max_tokens=200,
    )


def test_a_normal_answer_gives_the_tool_input_tokens_and_a_costed_record(fake_api, make_llm):
    fake_api.push(tool_answer("record_it", {"value": 7}, usage=(1000, 200)))
    client = make_llm()
    result = call(client)
    assert result.ok and result.tool_input == {"value": 7}
    assert (result.input_tokens, result.output_tokens, result.attempts) == (1000, 200, 1)
    assert result.request_id == "req_fake_0001"
    record = client.record(result, "understanding", "ok")
    assert isinstance(record, UsageRecord)
    # claude-sonnet-4-6: $3 in, $15 out per million tokens
    assert record.cost == pytest.approx(1000 * 3 / 1e6 + 200 * 15 / 1e6)
    assert record.price_known and record.called and record.status == "ok"
    assert client.usage_store.records == (record,)


def test_the_request_forces_the_tool_and_carries_the_settings(fake_api, make_llm):
    fake_api.push(tool_answer("record_it", {"value": 1}))
    call(make_llm(model="claude-haiku-4-5"))
    request = fake_api.requests[0]
    assert request.path.startswith("/v1/messages")
    body = request.body
    assert body["model"] == "claude-haiku-4-5"
    assert body["max_tokens"] == 200
    assert body["system"] == "You are a test."
    assert body["tool_choice"] == {"type": "tool", "name": "record_it"}
    assert [t["name"] for t in body["tools"]] == ["record_it"]
    headers = {k.lower(): v for k, v in request.headers.items()}
    # the key goes as x-api-key or as a bearer token, depending on the SDK version
    assert "sk-test-key" in (headers.get("x-api-key"), headers.get("authorization", "")[7:])


def test_a_500_then_success_is_retried_after_the_backoff(fake_api, make_llm, clock):
    fake_api.push(error(500, "api_error"), tool_answer("record_it", {"value": 2}))
    client = make_llm()
    result = call(client)
    assert result.ok and result.tool_input == {"value": 2}
    assert result.attempts == 2
    assert clock.sleeps == [0.5]  # backoff_base, no jitter in tests
    assert client.breaker.consecutive_failures == 0


def test_backoff_doubles_and_the_retries_are_bounded(fake_api, make_llm, clock):
    fake_api.push(*[error(503, "api_error")] * 5)
    client = make_llm(max_retries=2)
    result = call(client)
    assert not result.ok and result.reason == "server_error"
    assert result.attempts == 3 and len(fake_api.requests) == 3
    assert clock.sleeps == [0.5, 1.0]
    assert "gave up after 3 attempts" in result.detail


def test_a_429_waits_what_retry_after_says(fake_api, make_llm, clock):
    fake_api.push(
        error(429, "rate_limit_error", headers={"retry-after": "3"}),
        tool_answer("record_it", {"value": 3}),
    )
    result = call(make_llm())
    assert result.ok and clock.sleeps == [3.0]


def test_retry_after_ms_is_preferred(fake_api, make_llm, clock):
    fake_api.push(
        error(429, "rate_limit_error", headers={"retry-after-ms": "1500", "retry-after": "9"}),
        tool_answer("record_it", {"value": 3}),
    )
    assert call(make_llm()).ok and clock.sleeps == [1.5]


def test_a_429_asking_too_long_a_wait_falls_back_at_once(fake_api, make_llm, clock):
    fake_api.push(error(429, "rate_limit_error", headers={"retry-after": "120"}))
    client = make_llm(max_retry_wait=20)
    result = call(client)
    assert not result.ok and result.reason == "rate_limited"
    assert clock.sleeps == [] and len(fake_api.requests) == 1
    assert "retry-after 120s is above 20s" in result.detail
    assert client.breaker.consecutive_failures == 1


def test_a_529_overload_is_retried_then_falls_back(fake_api, make_llm, clock):
    fake_api.push(*[error(529, "overloaded_error", "Overloaded")] * 3)
    result = call(make_llm(max_retries=2))
    assert not result.ok and result.reason == "overloaded"
    assert result.attempts == 3 and "HTTP 529: Overloaded" in result.detail


def test_a_529_then_success(fake_api, make_llm):
    fake_api.push(error(529, "overloaded_error"), tool_answer("record_it", {"value": 4}))
    result = call(make_llm())
    assert result.ok and result.attempts == 2


def test_the_server_may_forbid_a_retry(fake_api, make_llm, clock):
    fake_api.push(error(500, "api_error", headers={"x-should-retry": "false"}))
    result = call(make_llm())
    assert result.reason == "server_error" and result.attempts == 1 and clock.sleeps == []


@pytest.mark.parametrize(
    ("status", "kind", "reason"),
    [
        (401, "authentication_error", "auth_error"),
        (403, "permission_error", "auth_error"),
        (400, "invalid_request_error", "bad_request"),
    ],
)
def test_client_errors_are_not_retried(fake_api, make_llm, clock, status, kind, reason):
    fake_api.push(error(status, kind))
    result = call(make_llm())
    assert (result.ok, result.reason, result.attempts, clock.sleeps) == (False, reason, 1, [])


def test_a_timeout_falls_back_after_its_retries(fake_api, make_llm):
    fake_api.push(Scripted(delay=1.0), Scripted(delay=1.0))
    fake_api.default = Scripted(delay=1.0)
    result = call(make_llm(timeout=0.2, max_retries=1))
    assert not result.ok and result.reason == "timeout"
    assert result.attempts == 2


def test_no_retry_starts_that_would_end_after_the_total_timeout(fake_api, make_llm, clock):
    fake_api.push(error(500, "api_error"), tool_answer("record_it", {"value": 1}))
    result = call(make_llm(timeout=10, total_timeout=10.2, backoff_base=0.5))
    assert result.reason == "server_error" and clock.sleeps == []
    assert "no time left" in result.detail


def test_an_unreachable_server_is_a_connection_error(make_llm):
    result = call(make_llm(base_url="http://127.0.0.1:9", max_retries=0))
    assert (result.ok, result.reason) == (False, "connection_error")


def test_a_refusal_is_no_answer_but_the_service_is_healthy(fake_api, make_llm):
    fake_api.push(text_answer("I can't help with that.", stop_reason="refusal"))
    client = make_llm()
    result = call(client)
    assert (result.ok, result.reason) == (False, "refusal")
    assert result.input_tokens == 120  # it was billed
    assert client.breaker.consecutive_failures == 0


def test_an_unreadable_body_is_a_bad_response(fake_api, make_llm):
    fake_api.push(Scripted(200, "this is not json", {"content-type": "text/plain"}))
    result = call(make_llm())
    assert not result.ok and result.reason == "bad_response"


def test_the_breaker_opens_after_repeated_failures_and_closes_after_a_probe(
    fake_api, make_llm, clock
):
    client = make_llm(max_retries=0, breaker_threshold=3, breaker_cooldown=60)
    fake_api.push(*[error(500, "api_error")] * 3)
    for _ in range(3):
        assert call(client).reason == "server_error"
    assert client.breaker.state == OPEN
    sent = len(fake_api.requests)
    skipped = call(client)
    assert (skipped.reason, skipped.called) == ("breaker_open", False)
    assert len(fake_api.requests) == sent  # nothing reached the server
    clock.advance(61)
    assert client.breaker.state == HALF_OPEN
    fake_api.push(tool_answer("record_it", {"value": 5}))
    assert call(client).ok
    assert client.breaker.state == CLOSED


def test_a_failed_probe_opens_the_breaker_again(fake_api, make_llm, clock):
    client = make_llm(max_retries=0, breaker_threshold=2, breaker_cooldown=30)
    fake_api.push(*[error(503, "api_error")] * 3)
    call(client), call(client)
    clock.advance(31)
    assert call(client).reason == "server_error"  # the probe
    assert client.breaker.state == OPEN
    assert call(client).reason == "breaker_open"


def test_half_open_lets_one_probe_through_at_a_time(clock):
    breaker = CircuitBreaker(threshold=1, cooldown=10, clock=clock.monotonic)
    breaker.record_failure()
    assert not breaker.allow()
    clock.advance(10)
    assert breaker.allow() and not breaker.allow()
    breaker.record_success()
    assert breaker.allow() and breaker.state == CLOSED


def test_breaker_state_survives_a_snapshot(clock):
    breaker = CircuitBreaker(threshold=2, cooldown=100, clock=clock.monotonic)
    breaker.record_failure(), breaker.record_failure()
    clock.advance(40)
    copy = CircuitBreaker(threshold=2, cooldown=100, clock=clock.monotonic)
    copy.restore(breaker.snapshot())
    assert copy.state == OPEN and copy.retry_in() == pytest.approx(60)


def test_the_monthly_cap_skips_calls(fake_api, make_llm, clock):
    store = MemoryUsageStore()
    client = make_llm(store=store, monthly_token_cap=1000)
    fake_api.push(tool_answer("record_it", {"value": 1}, usage=(900, 150)))
    client.record(call(client), "understanding", "ok")
    result = call(client)
    assert (result.ok, result.reason, result.called) == (False, "cap_reached", False)
    assert "1050 tokens used in 2025-03, cap 1000" in result.detail
    assert client.cap_reached() == result.detail
    assert len(fake_api.requests) == 1


def test_the_cost_cap_counts_only_this_month(fake_api, make_llm, clock):
    store = MemoryUsageStore()
    client = make_llm(store=store, monthly_cost_cap=0.01)
    fake_api.push(tool_answer("record_it", {"value": 1}, usage=(5000, 1000)))  # $0.03
    client.record(call(client), "drafting", "ok")
    assert call(client).reason == "cap_reached"
    clock.wall = clock.wall.replace(month=4)
    fake_api.push(tool_answer("record_it", {"value": 2}))
    assert call(client).ok


def test_no_key_no_call(fake_api, make_llm):
    result = call(make_llm(api_key=""))
    assert (result.reason, result.called) == ("no_api_key", False)
    assert fake_api.requests == []


def test_the_api_key_never_shows(make_llm, caplog, fake_api):
    fake_api.push(error(401, "authentication_error"))
    client = make_llm(api_key="sk-secret-123")
    with caplog.at_level(logging.DEBUG, logger="ar_collections_core"):
        client.record(call(client), "understanding", "fallback:auth_error")
    assert "sk-secret-123" not in repr(client.settings)
    assert "sk-secret-123" not in repr(client)
    assert "sk-secret-123" not in caplog.text
    assert "fallback:auth_error" in caplog.text


def test_an_error_in_the_usage_store_never_reaches_the_caller(fake_api, make_llm):
    class Broken:
        def add(self, record):
            raise RuntimeError("database gone")

        def month_usage(self, month):
            raise RuntimeError("database gone")

    result = call(make_llm(store=Broken()))
    assert (result.ok, result.reason) == (False, "internal_error")


def test_settings_are_checked():
    with pytest.raises(ValueError, match="mode must be one of"):
        LlmSettings(mode="always")
    with pytest.raises(ValueError, match="max_retries is at most 5"):
        LlmSettings(max_retries=9)
    settings = LlmSettings.from_dict({"api_key": "k", "mode": "understanding", "model": ""})
    assert settings.model == "claude-sonnet-4-6" and settings.understanding_enabled
    assert not settings.drafting_enabled
    with pytest.raises(ValueError, match="unknown LLM settings"):
        LlmSettings.from_dict({"temperature": 1})


def test_a_json_body_that_is_no_message_is_a_bad_response(fake_api, make_llm):
    fake_api.push(Scripted(200, {"hello": "world"}))
    client = make_llm()
    result = call(client)
    assert (result.ok, result.reason) == (False, "bad_response")
    assert client.breaker.consecutive_failures == 1


def test_an_unexpected_error_during_a_probe_does_not_wedge_the_breaker(make_llm, clock):
    client = make_llm(breaker_threshold=1, breaker_cooldown=10)
    client.breaker.record_failure()
    clock.advance(10)

    def explode(*args, **kwargs):
        raise RuntimeError("bug")

    client._attempts = explode  # a bug while the half-open probe is in flight
    assert call(client).reason == "internal_error"
    assert client.breaker.state == OPEN
    clock.advance(10)
    assert client.breaker.allow()  # the next probe may go
