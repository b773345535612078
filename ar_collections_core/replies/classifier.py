"""A small multinomial naive Bayes over word and character n-grams.

Trained on the labeled corpus the project ships (``replies train``); the weights are
plain JSON (feature counts per intent), loaded lazily, never pickled. Naive Bayes
trains in one counting pass, so training is exact and deterministic, and scoring a
reply costs a few hundred dictionary look-ups.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

from ar_collections_core.replies.types import INTENTS

WEIGHTS_PATH = Path(__file__).resolve().parents[1] / "data" / "replies" / "intent_model.json"
FORMAT_VERSION = 1
_WORD = re.compile(r"[a-z0#]+(?:'[a-z]+)?")
_ALPHA = 0.1  # additive smoothing
TEMPERATURE = 3.0  # naive Bayes is overconfident; chosen by `replies eval --split cv`


def normalize(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(char for char in text if not unicodedata.combining(char))
    text = re.sub(r"#+", " # ", text)
    return re.sub(r"\d", "0", text)


def features(text: str) -> Counter:
    """Word unigrams and bigrams, and character 4-grams inside words."""
    words = _WORD.findall(normalize(text))
    found: Counter = Counter()
    for index, word in enumerate(words):
        found["w:" + word] += 1
        if index:
            found["b:" + words[index - 1] + "_" + word] += 1
        padded = f" {word} "
        if len(padded) > 4:
            for start in range(len(padded) - 3):
                found["c:" + padded[start : start + 4]] += 1
    return found


def train(documents: Sequence[tuple[str, Iterable[str]]], min_df: int = 2) -> dict:
    """Weights (as a JSON-ready dict) from (text, intents) pairs; deterministic."""
    document_frequency: Counter = Counter()
    featurized = []
    for text, labels in documents:
        counts = features(text)
        document_frequency.update(counts.keys())
        featurized.append((counts, [label for label in labels if label in INTENTS]))
    vocabulary = sorted(f for f, df in document_frequency.items() if df >= min_df)
    index = {feature: position for position, feature in enumerate(vocabulary)}
    class_docs = Counter()
    class_counts: dict[str, Counter] = {intent: Counter() for intent in INTENTS}
    for counts, labels in featurized:
        for label in labels:
            class_docs[label] += 1
            for feature, count in counts.items():
                if feature in index:
                    class_counts[label][index[feature]] += 1 + math.log(count)
    return {
        "format": FORMAT_VERSION,
        "classes": list(INTENTS),
        "vocabulary": vocabulary,
        "class_docs": [class_docs[intent] for intent in INTENTS],
        "counts": [
            {str(k): round(v, 4) for k, v in sorted(class_counts[intent].items())}
            for intent in INTENTS
        ],
    }


class IntentModel:
    def __init__(self, weights: dict):
        if weights.get("format") != FORMAT_VERSION:
            raise ValueError("unsupported intent model format")
        self.classes = list(weights["classes"])
        vocabulary = weights["vocabulary"]
        total_docs = sum(weights["class_docs"]) or 1
        self.log_prior = [
            math.log((docs + 1) / (total_docs + len(self.classes)))
            for docs in weights["class_docs"]
        ]
        totals = [sum(counts.values()) for counts in weights["counts"]]
        size = len(vocabulary)
        self.log_unseen = [math.log(_ALPHA / (total + _ALPHA * size)) for total in totals]
        # Sparse: per feature, only the classes that saw it, as the gain over "unseen".
        gains: dict[int, list[tuple[int, float]]] = {}
        for class_index, counts in enumerate(weights["counts"]):
            for key, value in counts.items():
                log_p = math.log((value + _ALPHA) / (totals[class_index] + _ALPHA * size))
                gains.setdefault(int(key), []).append(
                    (class_index, log_p - self.log_unseen[class_index])
                )
        self.gains: dict[str, tuple[tuple[int, float], ...]] = {
            feature: tuple(gains.get(position, ())) for position, feature in enumerate(vocabulary)
        }

    def scores(self, text: str) -> dict[str, float]:
        """Probability of each intent for ``text`` (sums to 1)."""
        totals = list(self.log_prior)
        seen = 0.0
        for feature, count in features(text).items():
            row = self.gains.get(feature)
            if row is None:
                continue
            weight = 1 + math.log(count)
            seen += weight
            for class_index, gain in row:
                totals[class_index] += weight * gain
        for class_index, log_unseen in enumerate(self.log_unseen):
            totals[class_index] += seen * log_unseen
        # Naive Bayes adds up evidence as if features were independent: its margins grow
        # with the length of the text. Scaling by sqrt(length) keeps long replies sane.
        temperature = TEMPERATURE * max(1.0, math.sqrt(seen))
        top = max(totals)
        exps = [math.exp((total - top) / temperature) for total in totals]
        norm = sum(exps)
        return {intent: value / norm for intent, value in zip(self.classes, exps, strict=True)}


def save_weights(weights: dict, path: Path = WEIGHTS_PATH) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(weights, ensure_ascii=False, separators=(",", ":")) + "\n")


@lru_cache(maxsize=1)
def _load_shipped(path: str) -> IntentModel | None:
    try:
        return IntentModel(json.loads(Path(path).read_text(encoding="utf-8")))
    except FileNotFoundError:
        return None


_override: list[IntentModel] = []


def load_model(path: str = str(WEIGHTS_PATH)) -> IntentModel | None:
    """The model in use: the shipped one (loaded once), unless ``using`` set another."""
    return _override[-1] if _override else _load_shipped(path)


class using:
    """Score with ``model`` instead of the shipped weights (cross-validation, tests)."""

    def __init__(self, model: IntentModel):
        self.model = model

    def __enter__(self):
        _override.append(self.model)
        return self.model

    def __exit__(self, *exc):
        _override.pop()
