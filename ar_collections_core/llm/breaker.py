"""A circuit breaker: after ``threshold`` consecutive failed calls the circuit opens and
calls fall back at once for ``cooldown`` seconds; then one probe call is let through
(half-open): its success closes the circuit, its failure opens it again.

The clock is injectable (tests); the state is per process and thread-safe. The Odoo
side may persist ``snapshot()`` and give it back with ``restore()``.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

CLOSED = "closed"
OPEN = "open"
HALF_OPEN = "half_open"


class CircuitBreaker:
    def __init__(
        self,
        threshold: int = 5,
        cooldown: float = 300.0,
        clock: Callable[[], float] = time.monotonic,
    ):
        if threshold < 1 or cooldown <= 0:
            raise ValueError("threshold must be at least 1 and cooldown positive")
        self.threshold = threshold
        self.cooldown = cooldown
        self._clock = clock
        self._lock = threading.Lock()
        self._failures = 0
        self._opened_at: float | None = None
        self._probing = False

    @property
    def state(self) -> str:
        with self._lock:
            return self._state()

    def _state(self) -> str:
        if self._opened_at is None:
            return CLOSED
        if self._probing or self._clock() - self._opened_at >= self.cooldown:
            return HALF_OPEN
        return OPEN

    @property
    def consecutive_failures(self) -> int:
        return self._failures

    def allow(self) -> bool:
        """May a call be made now? In half-open state only one probe at a time."""
        with self._lock:
            state = self._state()
            if state == CLOSED:
                return True
            if state == OPEN or self._probing:
                return False
            self._probing = True
            return True

    def record_success(self) -> None:
        with self._lock:
            self._failures = 0
            self._opened_at = None
            self._probing = False

    def record_failure(self) -> None:
        with self._lock:
            self._failures += 1
            if self._probing or self._failures >= self.threshold:
                self._opened_at = self._clock()
            self._probing = False

    def retry_in(self) -> float:
        """Seconds until a probe is allowed (0 when closed or half-open)."""
        with self._lock:
            if self._opened_at is None:
                return 0.0
            return max(0.0, self.cooldown - (self._clock() - self._opened_at))

    def snapshot(self) -> dict:
        with self._lock:
            return {"failures": self._failures, "open_for": self._open_for()}

    def _open_for(self) -> float:
        if self._opened_at is None:
            return 0.0
        return max(0.0, self.cooldown - (self._clock() - self._opened_at))

    def restore(self, data: dict) -> None:
        """State from ``snapshot()``: failures so far and how long it stays open."""
        with self._lock:
            self._failures = int(data.get("failures", 0))
            open_for = float(data.get("open_for", 0.0))
            self._probing = False
            self._opened_at = None
            if open_for > 0:
                self._opened_at = self._clock() - (self.cooldown - min(open_for, self.cooldown))
