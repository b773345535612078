"""Reply understanding: what a customer's answer to a reminder says.

Public API::

    from ar_collections_core.replies import understand, OpenInvoice
    reading = understand(raw_rfc822, today=date(2025, 11, 26), partner_lang="fr_FR",
                         open_invoices=[OpenInvoice("INV/2025/00123", 1200.0, "EUR")])
    reading.intent, reading.promised_date, reading.to_contract_dict()

A reading is only ever a proposal: nothing in a reply changes the ledger.
"""

from ar_collections_core.replies.engines import (
    Engine,
    available_engines,
    register_engine,
    understand,
)
from ar_collections_core.replies.types import (
    INTENTS,
    LANGUAGES,
    REASONS,
    Evidence,
    OpenInvoice,
    Understanding,
)

__all__ = [
    "INTENTS",
    "LANGUAGES",
    "REASONS",
    "Engine",
    "Evidence",
    "OpenInvoice",
    "Understanding",
    "available_engines",
    "register_engine",
    "understand",
]
