"""Messages: the facts a message may state, and the checks on what it says.

build_facts(snapshot, decision, *, company_currency, pay_link, today) -> MessageFacts
check_draft(text, facts, *, lang) -> GuardResult
find_sensitive(text) / needs_approval(text) / apply_text_check(decision, text)
"""

from .facts import (
    CreditNoteFact,
    InvoiceFact,
    MessageFacts,
    PaymentFact,
    PromiseFact,
    TotalFact,
    build_facts,
)
from .guard import GuardResult, Problem, check_draft
from .sensitive import (
    WordingMatch,
    apply_text_check,
    find_offers,
    find_sensitive,
    needs_approval,
    sensitive_categories,
)

__all__ = [
    "CreditNoteFact",
    "GuardResult",
    "InvoiceFact",
    "MessageFacts",
    "PaymentFact",
    "Problem",
    "PromiseFact",
    "TotalFact",
    "WordingMatch",
    "apply_text_check",
    "build_facts",
    "check_draft",
    "find_offers",
    "find_sensitive",
    "needs_approval",
    "sensitive_categories",
]
