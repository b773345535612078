"""``understand()``: one entry point, several engines behind it.

An engine is any callable with the signature of ``understand`` (without ``engine``)
returning an ``Understanding``; ``register_engine`` plugs one in (the LLM engine will).
Whatever the engine does, ``understand`` never raises on a malformed message: it
returns intent "other" with low confidence and an error note.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import date
from typing import Protocol

from ar_collections_core.replies import offline
from ar_collections_core.replies.types import OpenInvoice, Understanding

_logger = logging.getLogger(__name__)


class Engine(Protocol):
    def __call__(
        self,
        message: str | bytes,
        *,
        today: date,
        partner_lang: str | None,
        open_invoices: Sequence[OpenInvoice],
    ) -> Understanding: ...


_ENGINES: dict[str, Engine] = {offline.ENGINE_NAME: offline.read_reply}


def register_engine(name: str, engine: Engine | Callable[..., Understanding]) -> None:
    """Make ``engine`` available as ``understand(..., engine=name)``."""
    _ENGINES[name] = engine


def available_engines() -> tuple[str, ...]:
    return tuple(sorted(_ENGINES))


def understand(
    message: str | bytes,
    *,
    today: date,
    partner_lang: str | None = None,
    open_invoices: Sequence[OpenInvoice] = (),
    engine: str = offline.ENGINE_NAME,
) -> Understanding:
    """What a customer's reply says: intents, dates, amount, invoices, reason, contact.

    Only a proposal: nothing here changes the ledger. Never raises on bad mail.
    """
    reader = _ENGINES.get(engine)
    if reader is None:
        raise ValueError(f"unknown engine {engine!r} (available: {', '.join(available_engines())})")
    try:
        return reader(
            message, today=today, partner_lang=partner_lang, open_invoices=tuple(open_invoices)
        )
    except Exception as exc:
        _logger.warning("could not read a reply with engine %s: %s", engine, exc)
        return Understanding(
            intent="other",
            intents=("other",),
            confidence=0.0,
            engine=engine,
            error=f"{type(exc).__name__}: {exc}",
        )
