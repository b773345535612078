"""LLM adapter tests: a fake Messages API server, a controllable clock, a client on both."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from ar_collections_core.llm import LlmClient, LlmSettings, MemoryUsageStore
from ar_collections_core.llm.client import load_sdk
from ar_collections_core.llm.fake_api import FakeMessagesAPI

requires_sdk = pytest.mark.skipif(
    load_sdk() is None,
    reason="the anthropic SDK is not installed (pip install -e '.[llm]')",
)


class Clock:
    """Monotonic seconds and wall time that only move when told to; sleeps are recorded."""

    def __init__(self):
        self.now = 1000.0
        self.wall = datetime(2025, 3, 12, 10, 0, tzinfo=timezone.utc)
        self.sleeps: list[float] = []

    def monotonic(self) -> float:
        return self.now

    def utcnow(self) -> datetime:
        return self.wall

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def fake_api():
    api = FakeMessagesAPI().start()
    yield api
    api.stop()


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def make_llm(fake_api, clock):
    """A client on the fake server with a controlled clock: make_llm(**settings)."""

    def build(store=None, **overrides) -> LlmClient:
        values = {
            "api_key": "sk-test-key",
            "base_url": fake_api.url,
            "mode": "understanding_and_drafting",
            "timeout": 2.0,
            "backoff_base": 0.5,
            "breaker_threshold": 3,
            "breaker_cooldown": 60.0,
        }
        values.update(overrides)
        return LlmClient(
            LlmSettings(**values),
            usage_store=store if store is not None else MemoryUsageStore(),
            now=clock.utcnow,
            monotonic=clock.monotonic,
            sleep=clock.sleep,
            jitter=lambda: 0.0,
        )

    return build
