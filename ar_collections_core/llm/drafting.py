"""Claude drafts a reminder from the message facts, and the draft must pass the fact guard.

Claude receives only what the message may say (``facts_for_draft``: no customer id,
no record ids, no email address, the payment link as a placeholder, names as
placeholders when redacting) and a tone no firmer than the decision's. The draft then
goes through ``messages.check_draft`` (every amount, invoice, reference and date, and
the offers the policy allows); interest, legal or agency wording rejects it, and
final-notice wording does unless the tone is final. Any problem: the draft is
rejected with its reasons and the caller sends the template.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

from ar_collections_core.messages import MessageFacts, Problem, check_draft
from ar_collections_core.policy.settings import TONES, tone_rank

from . import prompts
from .client import LlmClient, looks_like_refusal
from .schema import schema_errors
from .usage import UsageRecord

_logger = logging.getLogger(__name__)

KIND = "drafting"
PAY_LINK = "[PAY_LINK]"
CONTACT_NAME = "[CONTACT_NAME]"
SENDER_NAME = "[SENDER_NAME]"
MAX_SUBJECT = 200
MAX_BODY = 6000
NEVER_IN_DRAFTS = ("interest", "legal", "agency")  # a person writes those, with approval
_LEFTOVER = re.compile(r"\[[A-Z][A-Z_]*\d*\]")
DRAFT_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "required": ["subject", "body"],
    "properties": {"subject": {"type": "string"}, "body": {"type": "string"}},
}


@dataclass(frozen=True, slots=True)
class DraftOutcome:
    ok: bool  # True: the draft may be used (still subject to the mode's approval)
    outcome: str  # ok | fallback:<reason> | rejected:<reason> | skipped:<reason>
    tone: str  # the tone asked for
    subject: str = ""
    body: str = ""
    problems: tuple[Problem, ...] = ()  # why rejected (the fact guard's, or ours)
    needs_approval: bool = False  # sensitive wording: a person approves, whatever the mode
    sensitive: tuple[str, ...] = ()
    facts_sent: dict = field(default_factory=dict)  # what Claude saw, for the review screen
    rejected_text: str = ""  # a rejected draft, for the log and the reviewer; never sent
    usage: UsageRecord | None = None

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(p.code for p in self.problems)

    def message_or(self, template_subject: str, template_body: str) -> tuple[str, str, str]:
        """(subject, body, source) to send: the draft when it passed, else the template."""
        if self.ok:
            return self.subject, self.body, "llm"
        return template_subject, template_body, "template"


def draft_tone(decision_tone: str | None, max_tone: str | None = None) -> str:
    """The decision's tone, never above ``max_tone`` (the policy's)."""
    tone = decision_tone if decision_tone in TONES else "neutral"
    if max_tone in TONES and tone_rank(max_tone) < tone_rank(tone):
        tone = max_tone
    return tone


def _iso(day) -> str | None:
    return day.isoformat() if day else None


def facts_for_draft(facts: MessageFacts, tone: str, *, greeting: str | None, sender: str | None):
    """The facts Claude may use, and nothing else."""

    def invoice(inv, with_status=False) -> dict:
        row = {
            "number": inv.number,
            "ref": inv.ref or None,
            "invoice_date": _iso(inv.invoice_date),
            "due_date": _iso(inv.due_date),
            "amount_total": inv.amount_total,
            "amount_due": inv.amount_due,
            "currency": inv.currency,
            "days_overdue": inv.days_overdue,
        }
        if with_status:
            row["status"] = inv.status
        return row

    data = {
        "language": facts.lang,
        "tone": tone,
        "kind": facts.kind,
        "today": _iso(facts.today),
        "invoices": [invoice(inv) for inv in facts.invoices],
        "totals": [
            {
                "currency": t.currency,
                "amount_due": t.amount_due,
                "credit_available": t.credit_available,
                "net": t.net,
            }
            for t in facts.totals
        ],
        "payments_since_last_message": [
            {
                "date": _iso(p.date),
                "amount": p.amount,
                "currency": p.currency,
                "invoice": p.invoice_number,
            }
            for p in facts.payments_since_last
        ],
        "promises_in_force": [
            {
                "amount": p.amount,
                "currency": p.currency,
                "promised_date": _iso(p.promised_date),
                "invoices": list(p.invoice_numbers),
            }
            for p in facts.promises
        ],
        "credit_notes": [
            {
                "number": c.number,
                "date": _iso(c.date),
                "amount_available": c.amount_available,
                "currency": c.currency,
            }
            for c in facts.credit_notes
        ],
        "last_message_date": _iso(facts.last_message_date),
        "pay_link": bool(facts.pay_link),
        "allowed_offers": list(facts.allowed_offers),
        "greeting_name": greeting,
        "sender_name": sender,
    }
    if facts.other_items:
        data["other_open_invoices"] = [invoice(inv, True) for inv in facts.other_items]
    return data


def draft_reminder(
    facts: MessageFacts,
    *,
    client: LlmClient | None,
    max_tone: str | None = None,
    contact_name: str | None = None,
    sender_name: str | None = None,
) -> DraftOutcome:
    """A checked draft of the message ``facts`` describe, or why not. Never raises."""
    tone = draft_tone(facts.tone, max_tone)
    if client is None or not client.settings.drafting_enabled:
        return DraftOutcome(False, "skipped:mode_off", tone)
    if not facts.invoices and not facts.other_items:
        return DraftOutcome(False, "skipped:no_invoices", tone)
    try:
        return _draft(facts, client, tone, contact_name, sender_name)
    except Exception as exc:
        _logger.warning("LLM drafting failed unexpectedly", exc_info=True)
        problem = Problem("internal_error", type(exc).__name__)
        return DraftOutcome(False, "fallback:internal_error", tone, problems=(problem,))


def _draft(facts, client: LlmClient, tone, contact_name, sender_name) -> DraftOutcome:
    redact = client.settings.redact
    names = {}
    if contact_name:
        names[CONTACT_NAME] = contact_name
    if sender_name:
        names[SENDER_NAME] = sender_name
    greeting = (CONTACT_NAME if redact else contact_name) if contact_name else None
    sender = (SENDER_NAME if redact else sender_name) if sender_name else None
    sent = facts_for_draft(facts, tone, greeting=greeting, sender=sender)
    tool = {
        "name": prompts.DRAFTING_TOOL,
        "description": "The reminder email: subject and plain-text body.",
        "input_schema": DRAFT_SCHEMA,
        "strict": True,
    }
    result = client.call(
        system=prompts.drafting_system(facts.lang, tone, tuple(facts.allowed_offers)),
        content=[prompts.data_block("Facts for this message (from our ledger)", sent)],
        tool=tool,
        max_tokens=client.settings.drafting_max_tokens,
    )

    def done(outcome: str, problems=(), text="", **extra) -> DraftOutcome:
        detail = "; ".join(f"{p.code}: {p.text}" for p in problems) or result.detail
        usage = client.record(result, KIND, outcome, detail)
        return DraftOutcome(
            outcome == "ok",
            outcome,
            tone,
            problems=tuple(problems),
            facts_sent=sent,
            rejected_text=text,
            usage=usage,
            **extra,
        )

    if not result.ok:
        return done(f"fallback:{result.reason}", (Problem(result.reason, result.detail),))
    answer = result.tool_input
    if answer is None:
        if looks_like_refusal(result.text):
            return done("fallback:refusal", (Problem("refusal", "the model declined in text"),))
        code = "truncated" if result.stop_reason == "max_tokens" else "malformed"
        return done(f"rejected:{code}", (Problem(code, "no write_reminder tool call"),))
    errors = schema_errors(answer, DRAFT_SCHEMA)
    subject = " ".join(str(answer.get("subject", "")).split()) if not errors else ""
    body = str(answer.get("body", "")).strip() if not errors else ""
    if not errors and not (0 < len(subject) <= MAX_SUBJECT and 0 < len(body) <= MAX_BODY):
        errors = [f"subject of 1-{MAX_SUBJECT} and body of 1-{MAX_BODY} characters expected"]
    if errors:
        return done("rejected:schema", (Problem("schema", "; ".join(errors[:5])),))
    # Names are not figures: the guard reads the draft with them blanked out (a name
    # such as "Studio 54" or "company_1" is not an invoice reference).
    blanked = dict.fromkeys(names, " ")
    checked = _restore(f"{subject}\n\n{body}", blanked, facts.pay_link)
    for name in sorted(set(names.values()), key=len, reverse=True):  # sent unredacted
        checked = checked.replace(name, " ")
    subject, body = (_restore(t, names, facts.pay_link) for t in (subject, body))
    text = f"{subject}\n\n{body}"
    leftover = sorted(set(_LEFTOVER.findall(checked)))
    if leftover:
        problem = Problem("placeholder", f"unknown placeholders: {', '.join(leftover)}")
        return done("rejected:placeholder", (problem,), text)
    guard = check_draft(checked, facts, lang=facts.lang)
    if not guard.ok:
        return done("rejected:fact_guard", guard.problems, text)
    wording = _wording_problems(guard.sensitive, tone)
    if wording:
        return done(f"rejected:{wording[0].code}", wording, text)
    return done(
        "ok",
        subject=subject,
        body=body,
        needs_approval=guard.needs_approval,
        sensitive=guard.sensitive,
    )


def _restore(text: str, names: dict[str, str], pay_link: str | None) -> str:
    for placeholder, value in names.items():
        text = text.replace(placeholder, value)
    if pay_link:
        text = text.replace(PAY_LINK, pay_link)
    return text


def _wording_problems(sensitive: tuple[str, ...], tone: str) -> tuple[Problem, ...]:
    problems = [
        Problem("sensitive_wording", f"A draft may not mention {category.replace('_', ' ')}.")
        for category in sensitive
        if category in NEVER_IN_DRAFTS
    ]
    if "final_notice" in sensitive and tone != "final":
        problems.append(
            Problem("tone_above_decision", f"Final-notice wording in a {tone} message.")
        )
    return tuple(problems)
