"""The rules' evidence as named cues for the intent model.

The hand-written rules are precise but brittle: on their own they decided the
intent, and every phrasing they missed fell to "other". Here they become features
like any word: "a promise cue was seen", "a payment claim was seen but negated",
"a future date", "auto-reply headers". The model learns from the corpus how much
each cue is worth next to the words, and cross-validation tells whether it helps.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

_LENGTHS = ((3, "1-3"), (10, "4-10"), (30, "11-30"), (80, "31-80"))


def cues_of(
    *,
    clauses: Sequence,
    dates: Sequence,
    today: date,
    amounts: Sequence,
    references: Sequence,
    own_text: str,
    rule_text: str,
    auto_reply: bool,
    attachments: Sequence[str],
) -> tuple[str, ...]:
    cues: set[str] = set()
    for clause in clauses:
        for intent in clause.intents:
            cues.add("cue:" + intent)
        for intent, why in clause.blocked.items():
            cues.add(f"blocked:{intent}:{why}")
    for intent in {i for c in clauses for i in c.blocked} - {i for c in clauses for i in c.intents}:
        cues.add("only_blocked:" + intent)
    if auto_reply:
        cues.add("auto_reply")
    for found in dates:
        cues.add("date:future" if found.value > today else "date:past" if found.value < today
                 else "date:today")  # fmt: skip
    if amounts:
        cues.add("amount")
    if references:
        cues.add("invoice_ref")
    if "e@e" in rule_text:
        cues.add("email")
    if "http" in own_text or "www." in own_text:
        cues.add("url")
    if attachments:
        cues.add("attachment")
    words = len(own_text.split())
    cues.add("len:" + next((name for limit, name in _LENGTHS if words <= limit), "81+"))
    return tuple(sorted(cues))
