"""The labeled reply corpus: hand-written replies dressed as raw mail.

Sources (``data/replies/sources/*.txt``) hold one block per reply text::

    === en-promise-01
    lang=en today=2025-11-26 wrap=gmail,outlook intent=promise_to_pay promised=2025-12-05
    ---
    Hi, we will pay invoice 00123 next Friday.

Keys may also follow the id on its line (``=== en-ptp-101 intent=promise_to_pay``), and a
file may open with ``%defaults key=value ...`` lines that every block of the file takes
unless it says otherwise. Without ``wrap`` a block gets one mail format chosen by a hash
of its id (``plain`` when it carries auto-reply headers).

Keys: lang, today, partner (a locale, default by language, ``none`` for null),
invoices (an open-invoice set below), wrap (mail formats, see ``corpus_mail``),
intent, intents (comma list, default the intent), promised, return, amount, currency
(default the set's currency when an amount is given), refs (invoice numbers),
reason, contact, subject, headers (auto-reply headers: ``auto`` for the usual set, or one
of ``autosubmitted``, ``xautoreply``, ``precedence``, ``suppress``), attach, charset,
split (``train`` or ``heldout``; by default a hash of the id decides).

``build_corpus`` expands each block into one raw RFC 822 example per wrapper; all the
variants of a block share its split, so a text seen in training is never held out.
"""

from __future__ import annotations

import json
import shlex
import zlib
from datetime import date
from pathlib import Path

from ar_collections_core.replies.corpus_mail import WRAPPERS, build_mail
from ar_collections_core.replies.types import INTENTS, REASONS, primary_of

DATA_DIR = Path(__file__).resolve().parents[1] / "data" / "replies"
SOURCES_DIR = DATA_DIR / "sources"
CORPUS_PATH = DATA_DIR / "corpus.jsonl"
UNSEEN_PATH = DATA_DIR / "unseen.txt"
HELD_OUT_EVERY = 4  # one base text in four (stratified by intent) is held out

INVOICE_SETS = {
    "A": ("GBP", [("INV/2025/00123", 1250.00, "PO-4471"), ("INV/2025/00140", 380.50, ""),
                  ("INV/2025/00219", 2100.00, "4500012345")]),
    "U": ("USD", [("INV-10452", 4800.00, "PO 88123"), ("INV-10467", 1150.00, ""),
                  ("INV-10501", 725.40, "")]),
    "F": ("EUR", [("FAC-2025-0417", 2340.00, "BC-5521"), ("FAC-2025-0433", 890.00, ""),
                  ("FAC-2025-0460", 1575.60, "")]),
    "D": ("EUR", [("RE-2025-10087", 3480.00, "4711-22"), ("RE-2025-10112", 1190.00, ""),
                  ("RE-2025-10145", 645.50, "")]),
    "S": ("EUR", [("F2025/0342", 1815.00, "PED-7781"), ("F2025/0365", 420.00, ""),
                  ("F2025/0398", 2960.40, "")]),
    "N": ("EUR", [("2025-00981", 1452.00, "PO-30917"), ("2025-00995", 310.75, ""),
                  ("2025-01012", 5600.00, "")]),
    "C": ("CHF", [("RG-2025-0077", 1234.50, ""), ("RG-2025-0081", 560.00, "")]),
    # Other numbering schemes and amounts (sources written for issue #4's second corpus).
    "B": ("GBP", [("SI-004512", 864.00, "PO 7781-B"), ("SI-004530", 12480.00, ""),
                  ("SI-004587", 96.50, "")]),
    "P": ("USD", [("100234", 3310.25, "PO-55012"), ("100251", 18750.00, ""),
                  ("100290", 412.80, "")]),
    "E": ("EUR", [("FA2026-00231", 4208.40, "CMD-2026-118"), ("FA2026-00247", 156.00, ""),
                  ("FA2026-00262", 9870.00, "")]),
    "G": ("EUR", [("80012345", 2975.00, "BE-26-0412"), ("80012377", 438.90, ""),
                  ("80012402", 15600.00, "")]),
    "H": ("EUR", [("A-2026-118", 726.00, "PED 2026/77"), ("A-2026-131", 3025.50, ""),
                  ("A-2026-140", 88.00, "")]),
    "M": ("EUR", [("F26-0087", 1089.00, "IO-2026-31"), ("F26-0093", 7260.00, ""),
                  ("F26-0112", 242.00, "")]),
}  # fmt: skip
DEFAULTS = {
    "en": ("en_GB", "A"),
    "fr": ("fr_FR", "F"),
    "de": ("de_DE", "D"),
    "es": ("es_ES", "S"),
    "nl": ("nl_NL", "N"),
}
SENDERS = {
    "en": "Tom Baker <tom.baker@customer.example>",
    "fr": "Claire Martin <c.martin@client.example>",
    "de": "Jörg Weber <j.weber@kunde.example>",
    "es": "Lucía Gómez <lgomez@cliente.example>",
    "nl": "Sanne de Vries <s.devries@klant.example>",
}
AUTO_HEADERS = {
    "auto": {"Auto-Submitted": "auto-replied", "X-Autoreply": "yes", "Precedence": "auto_reply"},
    "autosubmitted": {"Auto-Submitted": "auto-generated"},
    "xautoreply": {"X-Autoreply": "yes", "X-Autorespond": "yes"},
    "precedence": {"Precedence": "bulk"},
    "suppress": {"X-Auto-Response-Suppress": "All", "Auto-Submitted": "auto-replied"},
}


class CorpusError(ValueError):
    pass


def parse_blocks(text: str, origin: str = "") -> list[dict]:
    """The reply blocks of one source file (labels still as written)."""
    blocks = []
    defaults: dict[str, str] = {}
    chunks = text.split("\n=== ")
    if not chunks[0].startswith("=== "):
        defaults = _file_defaults(chunks.pop(0))
    for chunk in chunks:
        chunk = chunk.removeprefix("=== ").strip("\n")
        if not chunk.strip() or chunk.lstrip().startswith("#"):
            continue
        head, separator, body = chunk.partition("\n---\n")
        if not separator:
            raise CorpusError(f"{origin}: block without '---': {chunk[:40]!r}")
        lines = head.split("\n")
        block_id, _, rest = lines[0].strip().partition(" ")
        fields = {"id": block_id}
        for line in [rest, *lines[1:]]:
            for token in shlex.split(line):
                key, _, value = token.partition("=")
                fields[key] = value
        if "intent" in fields and "intents" not in fields:
            defaults_here = {k: v for k, v in defaults.items() if k != "intents"}
        else:
            defaults_here = defaults
        fields = {**defaults_here, **fields}
        if "wrap" not in fields:
            fields["wrap"] = _default_wrapper(fields)
        fields["text"] = body.rstrip() + "\n"
        blocks.append(fields)
    return blocks


def _file_defaults(preamble: str) -> dict[str, str]:
    """``%defaults key=value ...`` lines before a file's first block."""
    defaults: dict[str, str] = {}
    for line in preamble.split("\n"):
        if line.startswith("%defaults"):
            for token in shlex.split(line.removeprefix("%defaults")):
                key, _, value = token.partition("=")
                defaults[key] = value
    return defaults


def _default_wrapper(fields: dict) -> str:
    if fields.get("headers"):
        return "plain"
    return WRAPPERS[zlib.crc32(fields["id"].encode()) % len(WRAPPERS)]


def labels_of(block: dict) -> dict:
    lang = block["lang"]
    currency_default = INVOICE_SETS[block.get("invoices", DEFAULTS[lang][1])][0]
    intent = block["intent"]
    intents = block.get("intents", intent).split(",")
    for name in intents:
        if name not in INTENTS:
            raise CorpusError(f"{block['id']}: unknown intent {name}")
    if primary_of(intents) != intent:
        raise CorpusError(
            f"{block['id']}: primary {intent} but priority says {primary_of(intents)}"
        )
    reason = block.get("reason")
    if reason and reason not in REASONS:
        raise CorpusError(f"{block['id']}: unknown reason {reason}")
    amount = float(block["amount"]) if block.get("amount") else None
    return {
        "intent": intent,
        "intents": intents,
        "promised_date": block.get("promised"),
        "return_date": block.get("return"),
        "amount": amount,
        "currency": (block.get("currency") or currency_default) if amount is not None else None,
        "invoices": sorted(block["refs"].split(",")) if block.get("refs") else [],
        "reason": reason or ("other" if "dispute" in intents else None),
        "new_contact": block.get("contact"),
    }


def open_invoices_of(set_name: str) -> list[dict]:
    currency, rows = INVOICE_SETS[set_name]
    return [
        {"number": number, "amount_residual": amount, "currency": currency,
         "due_date": "2025-10-31", "ref": ref}
        for number, amount, ref in rows
    ]  # fmt: skip


def examples_of(block: dict) -> list[dict]:
    lang = block["lang"]
    partner = block.get("partner", DEFAULTS[lang][0])
    set_name = block.get("invoices", DEFAULTS[lang][1])
    invoices = open_invoices_of(set_name)
    today = date.fromisoformat(block["today"])
    labels = labels_of(block)
    # The reminder we quote names an invoice the reply does not: reading it would show.
    quoted = next(
        (i for i in reversed(invoices) if i["number"] not in labels["invoices"]), invoices[-1]
    )
    examples = []
    for wrapper in block.get("wrap", "plain").split(","):
        message = build_mail(
            text=block["text"],
            lang=lang,
            today=today,
            wrapper=wrapper,
            sender=block.get("sender", SENDERS[lang]),
            reminder_invoice=(
                quoted["number"],
                f"{quoted['amount_residual']:.2f} {quoted['currency']}",
            ),
            subject=block.get("subject"),
            extra_headers=AUTO_HEADERS.get(block.get("headers", "")),
            attachments=tuple(filter(None, block.get("attach", "").split(","))),
            charset=block.get("charset", "utf-8"),
        )
        examples.append({
            "id": f"{block['id']}/{wrapper}",
            "base": block["id"],
            "lang": lang,
            "today": today.isoformat(),
            "partner_lang": None if partner == "none" else partner,
            "open_invoices": invoices,
            "message": message,
            "labels": labels,
        })  # fmt: skip
    return examples


def held_out_bases(blocks: list[dict]) -> set[str]:
    """Base texts held out: as the block says (``split=``), else one in HELD_OUT_EVERY by
    a hash of its id, so that adding texts never moves an existing one across."""
    return {
        block["id"]
        for block in blocks
        if block.get("split", "heldout" if _hashed_held_out(block["id"]) else "train") == "heldout"
    }


def _hashed_held_out(block_id: str) -> bool:
    return zlib.crc32(block_id.encode()) % HELD_OUT_EVERY == 1


def load_sources(directory: Path = SOURCES_DIR) -> list[dict]:
    blocks = []
    for path in sorted(directory.glob("*.txt")):
        blocks.extend(parse_blocks(path.read_text(encoding="utf-8"), path.name))
    ids = [block["id"] for block in blocks]
    if len(ids) != len(set(ids)):
        raise CorpusError("duplicate block ids")
    return blocks


def build_corpus(directory: Path = SOURCES_DIR) -> list[dict]:
    blocks = load_sources(directory)
    held = held_out_bases(blocks)
    corpus = []
    for block in blocks:
        for example in examples_of(block):
            example["split"] = "heldout" if block["id"] in held else "train"
            corpus.append(example)
    return corpus


def write_corpus(corpus: list[dict], path: Path = CORPUS_PATH) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for example in corpus:
            handle.write(json.dumps(example, ensure_ascii=False, sort_keys=True) + "\n")


def read_corpus(path: Path = CORPUS_PATH) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def unseen_examples(path: Path = UNSEEN_PATH) -> list[dict]:
    """An unseen-style set: written after the rules and model, never trained on."""
    examples = []
    for block in parse_blocks(path.read_text(encoding="utf-8"), path.name):
        for example in examples_of(block):
            example["split"] = "unseen"
            examples.append(example)
    return examples
