"""Messages: the facts a message may state, and the checks on what it says.

build_facts(snapshot, decision, *, company_currency, pay_link, today) -> MessageFacts
check_draft(text, facts, *, lang) -> GuardResult
find_sensitive(text) / needs_approval(text) / apply_text_check(decision, text)
build_statement(receivables, today, company_currency) -> Statement (open items, aging)
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
from .statement import Statement, StatementLine, aging_bucket, build_statement

__all__ = [
    "CreditNoteFact",
    "GuardResult",
    "InvoiceFact",
    "MessageFacts",
    "PaymentFact",
    "Problem",
    "PromiseFact",
    "Statement",
    "StatementLine",
    "TotalFact",
    "WordingMatch",
    "aging_bucket",
    "apply_text_check",
    "build_facts",
    "build_statement",
    "check_draft",
    "find_offers",
    "find_sensitive",
    "needs_approval",
    "sensitive_categories",
]
