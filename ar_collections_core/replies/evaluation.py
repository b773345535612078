"""Figures for ``replies eval``: how well the engine reads a labeled split.

- intent: the primary intent is right (overall, per labeled intent, per language);
- promised / return date: exact, over the replies whose label has one;
- amount: value (to the cent) and currency, over the replies whose label has one;
- invoices: the exact set, over all replies;
- invented promise: a promise (intent or date) read where the label has none.
"""

from __future__ import annotations

import re
import zlib
from collections import defaultdict
from datetime import date

from ar_collections_core.replies.classifier import IntentModel, using
from ar_collections_core.replies.corpus import DATA_DIR, UNSEEN_PATH, read_corpus, unseen_examples
from ar_collections_core.replies.engines import understand
from ar_collections_core.replies.training import train_weights
from ar_collections_core.replies.types import OpenInvoice

UNSEEN_SETS = {"unseen": UNSEEN_PATH, "unseen-v4": DATA_DIR / "unseen_v4.txt",
               "unseen-v5": DATA_DIR / "unseen_v5.txt"}  # fmt: skip
SPLITS = ("heldout", "train", "all", "cv", *UNSEEN_SETS)


def load_split(split: str) -> list[dict]:
    if split in UNSEEN_SETS:
        return unseen_examples(UNSEEN_SETS[split])
    corpus = read_corpus()
    return corpus if split == "all" else [e for e in corpus if e["split"] == split]


def read_example(example: dict, engine: str = "offline"):
    return understand(
        example["message"],
        today=date.fromisoformat(example["today"]),
        partner_lang=example["partner_lang"],
        open_invoices=[OpenInvoice.from_mapping(row) for row in example["open_invoices"]],
        engine=engine,
    )


class _Rate:
    __slots__ = ("hits", "total")

    def __init__(self):
        self.hits = 0
        self.total = 0

    def add(self, hit: bool) -> None:
        self.hits += int(hit)
        self.total += 1

    def value(self) -> float | None:
        return round(self.hits / self.total, 4) if self.total else None

    def as_dict(self) -> dict:
        return {"rate": self.value(), "hits": self.hits, "total": self.total}


def evaluate(examples: list[dict], engine: str = "offline") -> tuple[dict, list[dict]]:
    rates = defaultdict(_Rate)
    per_intent = defaultdict(_Rate)
    per_language = defaultdict(_Rate)
    errors = []
    for example in examples:
        labels = example["labels"]
        reading = read_example(example, engine)
        got = reading.to_contract_dict()
        problems = []
        intent_ok = got["intent"] == labels["intent"]
        rates["intent"].add(intent_ok)
        per_intent[labels["intent"]].add(intent_ok)
        per_language[example["lang"]].add(intent_ok)
        if not intent_ok:
            problems.append(f"intent {got['intent']} != {labels['intent']}")
        for field in ("promised_date", "return_date"):
            if labels[field]:
                ok = got[field] == labels[field]
                rates[field].add(ok)
                if not ok:
                    problems.append(f"{field} {got[field]} != {labels[field]}")
            elif got[field]:
                problems.append(f"{field} {got[field]} not in label")
        if labels["amount"] is not None:
            ok = (
                got["amount"] is not None
                and abs(got["amount"] - labels["amount"]) < 0.005
                and got["currency"] == labels["currency"]
            )
            rates["amount"].add(ok)
            if not ok:
                problems.append(f"amount {got['amount']} {got['currency']} != "
                                f"{labels['amount']} {labels['currency']}")  # fmt: skip
        ok = sorted(got["invoices"]) == sorted(labels["invoices"])
        rates["invoices"].add(ok)
        if labels["invoices"]:
            rates["invoices_when_named"].add(ok)
        if not ok:
            problems.append(f"invoices {got['invoices']} != {labels['invoices']}")
        if "promise_to_pay" not in labels["intents"]:
            invented = "promise_to_pay" in got["intents"] or bool(got["promised_date"])
            rates["invented_promise"].add(invented)
            if invented:
                problems.append("invented promise")
        if "dispute" in labels["intents"] and "dispute" in got["intents"]:
            rates["dispute_reason"].add(got["reason"] == labels["reason"])
        if labels["new_contact"]:
            ok = (got["new_contact"] or "").lower() == labels["new_contact"].lower()
            rates["new_contact"].add(ok)
            if not ok:
                problems.append(f"new_contact {got['new_contact']} != {labels['new_contact']}")
        rates["intents_exact_set"].add(set(got["intents"]) == set(labels["intents"]))
        if problems:
            errors.append({"id": example["id"], "problems": problems, "got": got})
    report = {
        "examples": len(examples),
        "engine": engine,
        "metrics": {name: rate.as_dict() for name, rate in sorted(rates.items())},
        "per_intent": {name: rate.as_dict() for name, rate in sorted(per_intent.items())},
        "per_language": {name: rate.as_dict() for name, rate in sorted(per_language.items())},
    }
    return report, errors


def evaluate_split(split: str = "heldout", engine: str = "offline") -> tuple[dict, list[dict]]:
    if split == "cv":
        return cross_validate()
    report, errors = evaluate(load_split(split), engine)
    report["split"] = split
    return report, errors


def scenario(base: str) -> str:
    """The scenario of a base text: its id without the language ("en2-ptp-05" and
    "fr2-ptp-05" tell the same story in two languages and stay in the same fold)."""
    return re.sub(r"(^|-)(en|fr|de|es|nl)(2?)(?=-)", r"\1xx\3", base)


def cross_validate(folds: int = 5, settings: dict | None = None) -> tuple[dict, list[dict]]:
    """Grouped k-fold on the train split: each fold's model never saw its scenarios, in
    any language. For choosing settings without looking at the held-out split."""
    train_examples = [e for e in read_corpus() if e["split"] == "train"]
    groups = sorted({scenario(e["base"]) for e in train_examples},
                    key=lambda g: (zlib.crc32(g.encode()), g))  # fmt: skip
    fold_of = {group: index % folds for index, group in enumerate(groups)}
    all_errors, reports = [], []
    for fold in range(folds):
        fitting = [e for e in train_examples if fold_of[scenario(e["base"])] != fold]
        testing = [e for e in train_examples if fold_of[scenario(e["base"])] == fold]
        with using(IntentModel(train_weights(fitting, settings))):
            report, errors = evaluate(testing)
        reports.append(report)
        all_errors.extend(errors)
    merged = _merge(reports)
    merged["split"] = f"train, {folds}-fold cross-validation grouped by scenario"
    return merged, all_errors


def _merge(reports: list[dict]) -> dict:
    merged = {"examples": sum(r["examples"] for r in reports), "engine": reports[0]["engine"]}
    for table in ("metrics", "per_intent", "per_language"):
        sums: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for report in reports:
            for name, figures in report[table].items():
                sums[name][0] += figures["hits"]
                sums[name][1] += figures["total"]
        merged[table] = {
            name: {"rate": round(h / t, 4) if t else None, "hits": h, "total": t}
            for name, (h, t) in sorted(sums.items())
        }
    return merged


def format_report(report: dict) -> str:
    lines = [f"split {report.get('split', '?')}: {report['examples']} replies, engine "
             f"{report['engine']}"]  # fmt: skip
    for title, table in (
        ("metrics", report["metrics"]),
        ("intent accuracy per intent", report["per_intent"]),
        ("intent accuracy per language", report["per_language"]),
    ):
        lines.append(f"\n{title}:")
        for name, figures in table.items():
            rate = "n/a" if figures["rate"] is None else f"{figures['rate']:.3f}"
            lines.append(f"  {name:<24} {rate:>6}  ({figures['hits']}/{figures['total']})")
    return "\n".join(lines)
