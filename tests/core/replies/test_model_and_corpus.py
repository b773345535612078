"""The shipped corpus and weights are what the sources and training produce."""

import json
from collections import Counter

from ar_collections_core.replies.classifier import WEIGHTS_PATH, IntentModel, load_model
from ar_collections_core.replies.corpus import build_corpus, read_corpus
from ar_collections_core.replies.evaluation import evaluate_split
from ar_collections_core.replies.training import train_weights
from ar_collections_core.replies.types import INTENTS, LANGUAGES


def test_shipped_corpus_is_built_from_the_sources():
    assert build_corpus() == read_corpus()


def test_corpus_size_coverage_and_split():
    corpus = read_corpus()
    assert len(corpus) >= 400
    per_intent = Counter(example["labels"]["intent"] for example in corpus)
    assert all(per_intent[intent] >= 25 for intent in INTENTS), per_intent
    assert {example["lang"] for example in corpus} == set(LANGUAGES)
    split_of_base = {}
    for example in corpus:
        assert split_of_base.setdefault(example["base"], example["split"]) == example["split"]
    assert {example["split"] for example in corpus} == {"train", "heldout"}


def test_shipped_weights_are_what_training_produces():
    shipped = json.loads(WEIGHTS_PATH.read_text(encoding="utf-8"))
    assert train_weights() == shipped


def test_weights_load_and_score():
    model = load_model()
    assert isinstance(model, IntentModel)
    scores = model.scores("We will transfer the amount next Friday.")
    assert abs(sum(scores.values()) - 1) < 1e-9
    assert set(scores) == set(INTENTS)


def test_held_out_figures_hold():
    report, _errors = evaluate_split("heldout")
    metrics = report["metrics"]
    assert metrics["intent"]["rate"] >= 0.95
    assert metrics["promised_date"]["rate"] >= 0.95
    assert metrics["amount"]["rate"] >= 0.95
    assert metrics["invoices"]["rate"] >= 0.95
    assert metrics["invented_promise"]["rate"] <= 0.01
