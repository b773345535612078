"""From the model's probabilities and the rules' evidence to the intents of a reading.

The model (which sees the rules' cues among its features) picks the primary intent.
A few guards stay hard rules, because a wrong answer there costs more than a miss:

- a promise pauses dunning: it is read only when a rule saw an unhedged promise, or
  when the model is very sure and no rule saw the claim negated, hedged or
  conditional; otherwise the next intent is taken;
- auto-reply headers make the reply an out-of-office (unless it is a legal notice);
- a stand-in address in an out-of-office is no redirect; "stop sending reminders,
  we paid" is a payment claim, not an opt-out.

Secondary intents are the other intents the rules saw in their own clauses, and the
model's runners-up when it is sure enough, never above the primary in priority.
The thresholds are chosen by cross-validation and ship with the weights.
"""

from __future__ import annotations

from dataclasses import dataclass

from ar_collections_core.replies.modifiers import (
    DOCUMENT_MISSING,
    GOODS,
    INVOICE_NOT_RECEIVED,
    OPEN_QUESTION,
    PLAN_PROPOSAL,
    PLAN_SHAPE,
    RECEIVE_WORDS,
    SOFT_OPT_OUT,
    WEAK_INTENTS,
)
from ar_collections_core.replies.types import INTENT_PRIORITY, Evidence, order_intents

DEFAULTS = {
    "promise_model_min": 0.8,  # model-only promise: probability needed
    "promise_model_needs_date": True,  # ... and a date from today on in the reply, unhedged
    "rule_over_unsure_model": 0.4,  # below this, an intent a rule saw (in the top 3) leads
    "dispute_leads_min": 0.05,  # a dispute the rules saw leads a payment claim from here on
    "secondary_model_min": 0.35,  # a runner-up intent kept as secondary
    "secondary_rule_min": 0.0,  # a rule's intent kept as secondary: the model's least
    "secondary_promise_min": 0.0,  # ... and for a promise
    "question_yields_min": 0.1,  # a question yields to an intent a rule saw from here on
}
_RANK = {intent: rank for rank, intent in enumerate(INTENT_PRIORITY)}


@dataclass(frozen=True, slots=True)
class Decision:
    intents: tuple[str, ...]
    confidence: float
    evidence: tuple[Evidence, ...]


def rule_findings(clauses) -> tuple[dict[str, str], dict[str, str]]:
    """Intents the rules saw (with the words), and those they saw only negated/hedged."""
    found: dict[str, str] = {}
    blocked: dict[str, str] = {}
    for clause in clauses:
        for intent, words in clause.intents.items():
            found.setdefault(intent, words)
        for intent, why in clause.blocked.items():
            blocked.setdefault(intent, why)
    return found, {k: v for k, v in blocked.items() if k not in found}


def decide(
    clauses,
    probabilities: dict[str, float],
    *,
    auto_reply: bool,
    settings: dict | None = None,
    explain=None,
    word_count: int = 3,
    dated: bool = True,
    hedged: bool = False,
) -> Decision:
    """``word_count``: how many words the customer wrote (an "other" read from one or two
    words is a guess, and says so with a low confidence); ``dated``: the reply names a
    date from today on; ``hedged``: it hopes or depends ("with luck", "ça dépend")."""
    settings = {**DEFAULTS, **(settings or {})}
    found, blocked = rule_findings(clauses)
    evidence = [
        Evidence(f"{why}_claim", intent, "rule saw the claim " + why)
        for intent, why in blocked.items()
    ]
    if not probabilities:
        return _rules_only(found, auto_reply, evidence)
    ranked = sorted(probabilities, key=lambda intent: (-probabilities[intent], intent))

    def allowed(intent: str) -> bool:
        if intent != "promise_to_pay":
            return True
        if "promise_to_pay" in found:
            return True
        if settings["promise_model_needs_date"] and (not dated or hedged):
            return False
        return intent not in blocked and probabilities[intent] >= settings["promise_model_min"]

    candidates = [intent for intent in ranked if allowed(intent)]
    if probabilities[candidates[0]] < settings["rule_over_unsure_model"]:
        # The model hesitates: a phrasing a rule knows ("ill send it tonight") leads.
        seen = [i for i in candidates[:3] if i in found and i not in WEAK_INTENTS]
        if seen and seen[0] != candidates[0]:
            evidence.append(Evidence("rule_over_unsure_model", seen[0], found[seen[0]]))
            candidates.remove(seen[0])
            candidates.insert(0, seen[0])
    primary = candidates[0]
    if primary == "question":
        # "where is the invoice? we only got the reminder": the question is the way of
        # asking; what is asked for (a copy, a plan) is the intent
        asked = [i for i in candidates[1:] if i in found and i not in WEAK_INTENTS]
        if asked and probabilities[asked[0]] >= settings["question_yields_min"]:
            evidence.append(Evidence("question_yields", asked[0], found[asked[0]]))
            primary = asked[0]
    if primary == "payment_plan" and _plan_only_asked_about(clauses):
        # "how much would each instalment be?": information asked, no arrangement proposed
        evidence.append(Evidence("plan_asked_about", "question", found.get("payment_plan", "")))
        primary = "question"
    if primary != ranked[0] and ranked[0] == "promise_to_pay":
        evidence.append(Evidence("model_promise_not_taken", ranked[0],
                                 f"model p={probabilities[ranked[0]]:.2f} without a clear "
                                 "promise in the words"))  # fmt: skip
    confidence = probabilities[primary]
    if auto_reply and primary not in ("out_of_office", "legal_insolvency"):
        primary = "out_of_office"
        confidence = max(confidence, 0.9)
    intents = {primary}
    for intent in found:
        least = settings["secondary_promise_min" if intent == "promise_to_pay"
                         else "secondary_rule_min"]  # fmt: skip
        # a dated promise the rules saw in its own clause stays, whatever leads
        # ("00140 was paid on 10.11.; 00123 we transfer next Tuesday")
        outranks = intent == "promise_to_pay" and dated and not hedged
        if (
            intent not in WEAK_INTENTS
            and (_RANK[intent] > _RANK[primary] or outranks)
            and probabilities.get(intent, 0.0) >= least
        ):
            intents.add(intent)
    for intent in candidates[1:3]:
        if (
            probabilities[intent] >= settings["secondary_model_min"]
            and _RANK[intent] > _RANK[primary]
            and intent not in WEAK_INTENTS
            and intent != "other"
        ):
            intents.add(intent)
    if primary == "out_of_office" and "redirect" in intents:
        intents.discard("redirect")
        evidence.append(Evidence("stand_in_contact", "redirect", found.get("redirect", "")))
    if "opt_out" in intents and ("paid_already" in intents or "dispute" in intents):
        if SOFT_OPT_OUT.search(found.get("opt_out", "")):
            intents.discard("opt_out")
            evidence.append(Evidence("opt_out_in_context", "opt_out", found["opt_out"]))
    if (
        "legal_insolvency" in found
        and primary != "legal_insolvency"
        and ("legal_insolvency" in ranked[:3] or primary == "dispute")
    ):
        # insolvency or a lawsuit stops all dunning: a rule that saw it is never outvoted
        evidence.append(Evidence("legal_leads", "legal_insolvency", found["legal_insolvency"]))
        primary = "legal_insolvency"
        intents.add(primary)
    elif "opt_out" in intents and primary in ("dispute", "other", "acknowledgement", "question"):
        # "stop sending these", "remove us from your list": the request outranks the grumble
        evidence.append(Evidence("opt_out_leads", "opt_out", found.get("opt_out", "")))
        primary = "opt_out"
    elif (
        primary == "dispute"
        and ("request_document" in found or "dispute" in found)
        and _document_missing(found, clauses)
    ):
        # "we never received / can't find the invoice, please resend": a copy, no dispute
        evidence.append(Evidence("document_missing", "request_document", found["request_document"]))
        primary = "request_document"
        intents.discard("dispute")
        intents.add(primary)
    elif primary == "promise_to_pay" and "payment_plan" in found and _plan_shaped(clauses):
        # "400 now and the rest by the end of May": a proposal to agree, not a promise
        evidence.append(Evidence("plan_leads", "payment_plan", found["payment_plan"]))
        primary = "payment_plan"
        intents.discard("promise_to_pay")
        intents.add(primary)
    elif (
        primary in ("promise_to_pay", "paid_already")
        and "dispute" in found
        and probabilities.get("dispute", 0.0) >= settings["dispute_leads_min"]
    ):
        # "we'll pay 00123 on Friday but 00140 is wrong": the dispute leads, the promise stays
        evidence.append(Evidence("dispute_leads", "dispute", found["dispute"]))
        primary = "dispute"
        intents.add(primary)
    if primary == "payment_plan" and "promise_to_pay" in intents and _plan_shaped(clauses):
        # the dated part of a proposal is no promise of its own
        intents.discard("promise_to_pay")
        evidence.append(Evidence("promise_in_plan", "promise_to_pay", "part of the proposal"))
    if primary not in intents:  # the opt-out or redirect guard removed the primary
        primary = order_intents(intents)[0] if intents else "other"
        intents.add(primary)
    for intent in order_intents(intents):
        if intent in found:
            evidence.append(Evidence("rule", intent, found[intent]))
        if intent in probabilities:
            words = explain(intent) if explain else []
            detail = f"model p={probabilities[intent]:.2f}"
            evidence.append(Evidence("model", intent, detail + (": " + ", ".join(words)
                                                                if words else "")))  # fmt: skip
    if auto_reply:
        evidence.append(Evidence("auto_reply_header", "out_of_office", "auto-reply headers"))
    if primary == "other" and not found and word_count <= 2:
        confidence = min(confidence, 0.4)
    ordered = order_intents(intents)
    if ordered[0] != primary:  # a secondary outranks the primary: keep the model's primary
        ordered = (primary, *(i for i in ordered if i != primary))
    return Decision(ordered, round(min(confidence, 0.99), 3), tuple(evidence))


def _document_missing(found: dict[str, str], clauses) -> bool:
    """The invoice itself is missing, and the dispute the rules saw (if any) is only that
    it was not received (no goods named)."""
    text = " ".join(clause.text for clause in clauses)
    if not DOCUMENT_MISSING.search(text):
        return False
    if "dispute" not in found:
        return "request_document" in found
    if "request_document" not in found and not INVOICE_NOT_RECEIVED.search(text):
        return False
    return bool(RECEIVE_WORDS.search(found["dispute"])) and not GOODS.search(text)


def _plan_only_asked_about(clauses) -> bool:
    """Every clause that speaks of a plan is an open question (what, how, when ...) and
    none proposes one (we could, können wir, would you accept ...)."""
    about_plan = [clause for clause in clauses if "payment_plan" in clause.intents]
    return bool(about_plan) and all(
        "?" in clause.text
        and OPEN_QUESTION.search(clause.text)
        and not PLAN_PROPOSAL.search(clause.text)
        for clause in about_plan
    )


def _plan_shaped(clauses) -> bool:
    return any(PLAN_SHAPE.search(clause.text) for clause in clauses)


def _rules_only(found: dict[str, str], auto_reply: bool, evidence: list) -> Decision:
    """Without a model (or words): the rules' intents, the weak ones only alone."""
    present = {i: w for i, w in found.items() if i not in WEAK_INTENTS}
    if auto_reply:
        present.setdefault("out_of_office", "auto-reply headers")
    if not present:
        present = {i: w for i, w in found.items() if i in WEAK_INTENTS} or {"other": "no cue"}
    for intent, words in present.items():
        evidence.append(Evidence("rule", intent, words))
    intents = order_intents(present)
    confidence = 0.9 if auto_reply else 0.5 if intents[0] != "other" else 0.3
    return Decision(intents, confidence, tuple(evidence))
