"""The shipped corpus and weights are what the sources and training produce."""

import json
from collections import Counter

import pytest

from ar_collections_core.replies.classifier import WEIGHTS_PATH, IntentModel, load_model, unpack
from ar_collections_core.replies.concepts import concepts_of
from ar_collections_core.replies.corpus import build_corpus, parse_blocks, read_corpus
from ar_collections_core.replies.evaluation import evaluate_split, scenario
from ar_collections_core.replies.features import extract
from ar_collections_core.replies.training import train_weights
from ar_collections_core.replies.types import INTENTS, LANGUAGES


def test_shipped_corpus_is_built_from_the_sources():
    assert build_corpus() == read_corpus()


def test_corpus_size_coverage_and_split():
    corpus = read_corpus()
    bases = {example["base"]: example for example in corpus}
    assert len(bases) >= 1500
    per_intent = Counter(example["labels"]["intent"] for example in bases.values())
    assert all(per_intent[intent] >= 60 for intent in INTENTS), per_intent
    per_cell = Counter((e["lang"], e["labels"]["intent"]) for e in bases.values())
    assert all(per_cell[lang, intent] >= 10 for lang in LANGUAGES for intent in INTENTS)
    split_of_base = {}
    for example in corpus:
        assert split_of_base.setdefault(example["base"], example["split"]) == example["split"]
    assert {example["split"] for example in corpus} == {"train", "heldout"}


def test_source_format_file_defaults_and_keys_on_the_id_line():
    text = (
        "# comment\n%defaults lang=fr today=2026-02-18 invoices=E\n"
        "=== x-1 intent=promise_to_pay promised=2026-02-20\n---\nOn paie vendredi.\n"
        "=== x-2 intent=paid_already today=2026-02-19 wrap=gmail\n---\nDéjà payé.\n"
    )
    first, second = parse_blocks(text)
    assert first["lang"] == "fr" and first["invoices"] == "E" and first["wrap"]
    assert first["promised"] == "2026-02-20" and first["text"] == "On paie vendredi.\n"
    assert second["today"] == "2026-02-19" and second["wrap"] == "gmail"


def test_cross_validation_keeps_a_scenario_in_one_fold_across_languages():
    assert scenario("en2-ptp-05") == scenario("fr2-ptp-05") == scenario("nl2-ptp-05")
    assert scenario("b2-de-ptp-01") == scenario("b2-es-ptp-01")
    assert scenario("en2-ptp-05") != scenario("en2-ptp-06")


def test_shipped_weights_are_what_training_produces():
    shipped = json.loads(WEIGHTS_PATH.read_text(encoding="utf-8"))
    assert train_weights() == shipped


def test_weights_are_plain_data_and_load():
    shipped = json.loads(WEIGHTS_PATH.read_text(encoding="utf-8"))
    assert shipped["classes"] == list(INTENTS)
    rows = unpack(shipped["rows"], "I")
    assert len(unpack(shipped["weights"], "h")) == len(rows) * len(INTENTS)
    assert list(rows) == sorted(set(rows))
    model = load_model()
    assert isinstance(model, IntentModel)
    scores = model.scores(extract("We will transfer the amount next Friday.", ("cue:x",)))
    assert abs(sum(scores.values()) - 1) < 1e-9
    assert set(scores) == set(INTENTS)
    assert max(scores, key=scores.get) == "promise_to_pay"


@pytest.mark.parametrize(
    ("lang", "text", "wanted"),
    [
        ("de", "Die Rechnung wird mit dem nächsten Zahlungslauf überwiesen.", {"FUTURE", "RUN"}),
        ("fr", "Nous n'avons pas reçu la facture.", {"NEG", "RECEIVE", "INVOICE"}),
        ("es", "Pagaremos el viernes.", {"PAY", "FUTURE", "WEEKDAY"}),
        ("nl", "Wordt meegenomen in de betaalrun.", {"FUTURE", "RUN"}),
        ("en", "We won't pay until the credit note arrives.", {"NEG", "PAY", "CREDIT_NOTE"}),
    ],
)
def test_words_become_concepts_shared_by_the_languages(lang, text, wanted):
    found = {concept for sentence in concepts_of(text, lang) for concept in sentence}
    assert wanted <= found


def test_held_out_figures_hold():
    report, _errors = evaluate_split("heldout")
    metrics = report["metrics"]
    # Issue #4 asks 0.95; the third batch of sources (mixed3) brought the held-out split
    # to 0.942, replies-3 to 0.949 (525/553), replies-5 to 0.951 (526/553).
    assert metrics["intent"]["rate"] >= 0.95
    assert metrics["promised_date"]["rate"] >= 0.95
    assert metrics["amount"]["rate"] >= 0.95
    assert metrics["invoices"]["rate"] >= 0.95
    assert metrics["invented_promise"]["rate"] <= 0.01
