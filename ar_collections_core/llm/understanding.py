"""Claude reads the replies the offline engine is unsure about.

Only the stripped reply (the customer's own words, no headers, no quoted history)
and the minimal invoice facts are sent, redacted when the settings say so. The
answer must come through the ``record_reply`` tool and pass ``check_answer``; any
failure gives back the offline reading, with the outcome saying why.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from ar_collections_core.replies.engines import understand
from ar_collections_core.replies.types import Evidence, OpenInvoice, Understanding

from . import prompts
from .client import LlmClient, looks_like_refusal
from .redact import Redactor
from .understanding_check import check_answer, understanding_schema
from .usage import UsageRecord

_logger = logging.getLogger(__name__)

KIND = "understanding"
MAX_REPLY_CHARS = 6000  # a longer reply is cut: the first part carries the answer
MAX_INVOICES_SENT = 200


@dataclass(frozen=True, slots=True)
class UnderstandingOutcome:
    understanding: (
        Understanding  # Claude's checked reading when ``outcome == "ok"``, else offline's
    )
    outcome: str  # ok | fallback:<reason> | rejected:<reason> | skipped:<reason>
    problems: tuple[str, ...] = ()  # why rejected, or what was dropped
    usage: UsageRecord | None = None  # None when no call was due (skipped)

    @property
    def used_llm(self) -> bool:
        return self.outcome == "ok"


def skip_reason(offline: Understanding, client: LlmClient | None, force: bool) -> str | None:
    """Why Claude is not asked about this reply (None: ask)."""
    if client is None or not client.settings.understanding_enabled:
        return "mode_off"
    if offline.is_bounce:
        return "bounce"
    if offline.is_auto_reply:
        return "auto_reply"
    if not (offline.customer_text or "").strip():
        return "no_text"
    if not force and offline.confidence >= client.settings.confidence_threshold:
        return "confident"
    return None


def _invoice_facts(open_invoices: Sequence[OpenInvoice]) -> list[dict]:
    ordered = sorted(open_invoices, key=lambda i: (i.due_date or date.max, i.number))
    return [
        {
            "number": inv.number,
            "ref": inv.ref or None,
            "amount_due": round(inv.amount_residual, 2),
            "currency": inv.currency,
            "due_date": inv.due_date.isoformat() if inv.due_date else None,
        }
        for inv in ordered[:MAX_INVOICES_SENT]
    ]


def build_request(
    offline: Understanding,
    *,
    open_invoices: Sequence[OpenInvoice],
    message_date: date,
    partner_lang: str | None,
    redactor: Redactor | None,
) -> tuple[str, list[dict], dict, str]:
    """(system, user content blocks, tool, the reply text as sent)."""
    text = offline.customer_text.strip()[:MAX_REPLY_CHARS]
    if redactor is not None:
        text = redactor.redact(text)
    context = {
        "message_date": message_date.isoformat(),
        "message_weekday": message_date.strftime("%A"),
        "language": offline.language or (partner_lang or "en")[:2],
        "open_invoices": _invoice_facts(open_invoices),
    }
    content = [
        prompts.data_block("Context from our ledger (trusted)", context),
        prompts.untrusted_block("customer_reply", text),
    ]
    numbers = [inv.number for inv in open_invoices][:MAX_INVOICES_SENT]
    tool = {
        "name": prompts.UNDERSTANDING_TOOL,
        "description": "Record what the customer's reply says (a proposal, checked later).",
        "input_schema": understanding_schema(numbers),
        "strict": True,
    }
    return prompts.understanding_system(), content, tool, text


def understand_with_llm(
    offline: Understanding,
    *,
    client: LlmClient | None,
    open_invoices: Sequence[OpenInvoice],
    today: date,
    partner_lang: str | None = None,
    contact_names: Sequence[str] = (),
    force: bool = False,
) -> UnderstandingOutcome:
    """Claude's reading of the reply ``offline`` was made from, when allowed and needed.

    ``today`` is the message date (relative dates are read from it); ``contact_names``
    are redacted when the settings redact; ``force`` asks even a confident offline
    reading (the CLI's ``--engine llm``). Never raises.
    """
    reason = skip_reason(offline, client, force)
    if reason:
        return UnderstandingOutcome(offline, f"skipped:{reason}")
    try:
        return _ask(offline, client, tuple(open_invoices), today, partner_lang, contact_names)
    except Exception as exc:  # never into the mail gateway
        _logger.warning("LLM understanding failed unexpectedly", exc_info=True)
        return UnderstandingOutcome(offline, "fallback:internal_error", (type(exc).__name__,))


def _ask(offline, client: LlmClient, open_invoices, today, partner_lang, contact_names):
    protect = [i.number for i in open_invoices] + [i.ref for i in open_invoices if i.ref]
    redactor = Redactor(contact_names, protect=protect) if client.settings.redact else None
    system, content, tool, sent_text = build_request(
        offline,
        open_invoices=open_invoices,
        message_date=today,
        partner_lang=partner_lang,
        redactor=redactor,
    )
    result = client.call(
        system=system,
        content=content,
        tool=tool,
        max_tokens=client.settings.understanding_max_tokens,
    )
    if not result.ok:
        outcome = f"fallback:{result.reason}"
        return _fallback(offline, outcome, (result.detail,), client.record(result, KIND, outcome))
    if result.tool_input is None:
        if looks_like_refusal(result.text):
            outcome, detail = "fallback:refusal", "the model declined in text"
        elif result.stop_reason == "max_tokens":
            outcome, detail = "rejected:truncated", "the answer was cut at max_tokens"
        else:
            outcome, detail = "rejected:malformed", "no record_reply tool call in the answer"
        return _fallback(offline, outcome, (detail,), client.record(result, KIND, outcome, detail))
    verdict = check_answer(
        result.tool_input,
        offline=offline,
        open_invoices=open_invoices,
        message_date=today,
        sent_text=sent_text,
        redactor=redactor,
    )
    if verdict.understanding is None:
        outcome = f"rejected:{verdict.rejected}"
        usage = client.record(result, KIND, outcome, "; ".join(verdict.problems))
        return _fallback(offline, outcome, verdict.problems, usage)
    usage = client.record(result, KIND, "ok", "; ".join(verdict.problems))
    return UnderstandingOutcome(verdict.understanding, "ok", verdict.problems, usage)


def _fallback(offline: Understanding, outcome: str, problems, usage) -> UnderstandingOutcome:
    note = Evidence("llm_" + outcome.split(":", 1)[0], offline.intent, outcome)
    reading = replace(offline, evidence=(*offline.evidence, note))
    return UnderstandingOutcome(reading, outcome, tuple(problems), usage)


def make_engine(client: LlmClient | None, *, contact_names: Sequence[str] = (), force=False):
    """An engine for ``replies.register_engine("llm", ...)``: the offline reading first,
    then Claude when it is allowed and needed; always an ``Understanding``."""

    def read(message, *, today: date, partner_lang=None, open_invoices=()) -> Understanding:
        offline = understand(
            message, today=today, partner_lang=partner_lang, open_invoices=open_invoices
        )
        return understand_with_llm(
            offline,
            client=client,
            open_invoices=open_invoices,
            today=today,
            partner_lang=partner_lang,
            contact_names=contact_names,
            force=force,
        ).understanding

    return read
