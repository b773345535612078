"""The intent model: multinomial logistic regression over hashed features.

Trained on the corpus' train split (``replies train``, see ``training.py``); the
weights ship as plain JSON: the hashed buckets that carry a weight, and the weights
quantized to 16-bit integers, both zlib-compressed and base64-encoded. Loaded once,
never pickled. Scoring needs no numpy: one dictionary look-up per feature bucket and
twelve sums.

The probabilities are calibrated (a temperature chosen by cross-validation on the
train split), so that ``confidence`` means what it says.
"""

from __future__ import annotations

import base64
import json
import math
import sys
import zlib
from array import array
from functools import lru_cache
from pathlib import Path

from ar_collections_core.replies.features import BUCKETS, FeatureSet, bucket

WEIGHTS_PATH = Path(__file__).resolve().parents[1] / "data" / "replies" / "intent_model.json"
FORMAT_VERSION = 2
GROUPS = ("words", "chars", "concepts", "cues")


def pack(values: array) -> str:
    """Little-endian bytes of an array, compressed, as base64 text."""
    if sys.byteorder == "big":
        values = array(values.typecode, values)
        values.byteswap()
    return base64.b64encode(zlib.compress(values.tobytes(), 9)).decode("ascii")


def unpack(text: str, typecode: str) -> array:
    values = array(typecode)
    values.frombytes(zlib.decompress(base64.b64decode(text)))
    if sys.byteorder == "big":
        values.byteswap()
    return values


class IntentModel:
    """Scores a reply's ``FeatureSet``: a probability per intent."""

    def __init__(self, weights: dict):
        if weights.get("format") != FORMAT_VERSION or weights.get("buckets") != BUCKETS:
            raise ValueError("unsupported intent model format")
        self.classes: list[str] = list(weights["classes"])
        size = len(self.classes)
        self.bias: list[float] = [float(value) for value in weights["bias"]]
        self.temperature = float(weights.get("temperature", 1.0))
        self.scales = {"cues": float(weights.get("cue_scale", 1.0)),
                       "concepts": float(weights.get("concept_scale", 1.0))}  # fmt: skip
        step = float(weights["step"])
        rows = unpack(weights["rows"], "I")
        values = unpack(weights["weights"], "h")
        if len(values) != len(rows) * size:
            raise ValueError("intent model weights do not match their rows")
        position, self.rows = 0, {}
        for row in rows:
            self.rows[row] = tuple(value * step for value in values[position : position + size])
            position += size
        self.settings: dict = dict(weights.get("settings", {}))

    def logits(self, features: FeatureSet) -> list[float]:
        totals = list(self.bias)
        get = self.rows.get
        for group in GROUPS:
            found = [row for row in map(get, getattr(features, group)) if row is not None]
            if not found:
                continue
            # groups are scaled to unit length (see features.py), cues count one; then
            # each group but the words and chars has its weight (chosen by cross-validation).
            scale = self.scales.get(group, 1.0)
            if group != "cues":
                scale /= math.sqrt(len(getattr(features, group)))
            for index, column in enumerate(zip(*found, strict=True)):
                totals[index] += scale * sum(column)
        return totals

    def scores(self, features: FeatureSet) -> dict[str, float]:
        """Calibrated probability of each intent (sums to 1)."""
        logits = [value / self.temperature for value in self.logits(features)]
        top = max(logits)
        exps = [math.exp(value - top) for value in logits]
        norm = sum(exps)
        return {intent: value / norm for intent, value in zip(self.classes, exps, strict=True)}

    def explain(self, features: FeatureSet, intent: str, top: int = 3) -> list[str]:
        """The words that pushed most towards ``intent`` (for the accountant)."""
        index = self.classes.index(intent)
        scale = 1.0 / math.sqrt(len(features.words) or 1)
        pushes = []
        for name in features.word_names:
            row = self.rows.get(bucket(name))
            if row is None:
                continue
            others = max(value for position, value in enumerate(row) if position != index)
            margin = (row[index] - others) * scale
            if margin > 0:
                pushes.append((margin, name.split(":", 1)[1].replace("_", " ")))
        pushes.sort(key=lambda push: (-push[0], push[1]))
        return [f"'{words}'" for _margin, words in pushes[:top]]


def save_weights(weights: dict, path: Path = WEIGHTS_PATH) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(weights, ensure_ascii=False, indent=1, sort_keys=True) + "\n")


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
