"""Training the intent model on the corpus' train split (``replies train``).

The model sees exactly what the engine gives it at run time: the customer's own words
with invoice numbers and contact details masked. Deterministic: the same corpus gives
byte-for-byte the same weights file.
"""

from __future__ import annotations

from pathlib import Path

from ar_collections_core.replies.classifier import WEIGHTS_PATH, save_weights, train
from ar_collections_core.replies.corpus import read_corpus
from ar_collections_core.replies.offline import prepare
from ar_collections_core.replies.types import OpenInvoice


def training_documents(corpus: list[dict]) -> list[tuple[str, list[str]]]:
    documents = []
    for example in corpus:
        if example["split"] != "train":
            continue
        invoices = [OpenInvoice.from_mapping(row) for row in example["open_invoices"]]
        prepared = prepare(
            example["message"], partner_lang=example["partner_lang"], open_invoices=invoices
        )
        documents.append((prepared.masked, example["labels"]["intents"]))
    return documents


def train_weights(corpus: list[dict] | None = None) -> dict:
    return train(training_documents(corpus if corpus is not None else read_corpus()))


def train_and_save(path: Path = WEIGHTS_PATH) -> tuple[Path, dict]:
    corpus = read_corpus()
    weights = train_weights(corpus)
    save_weights(weights, path)
    documents = sum(1 for example in corpus if example["split"] == "train")
    summary = {"documents": documents, "features": len(weights["vocabulary"])}
    return path, summary
