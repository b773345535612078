"""Training the intent model on the corpus' train split (``replies train``).

The model sees exactly what the engine computes at run time (``offline.analyse``):
the customer's own words with invoice numbers and contact details masked, and the
rules' cues. It is a multinomial logistic regression with an L2 penalty, fitted by
full-batch L-BFGS in numpy (numpy is needed to train, not to read replies). The same
corpus gives the same weights; the weights are quantized to 16 bits for shipping.

``SETTINGS`` were chosen by grouped cross-validation on the train split
(``replies eval --split cv``), never on the held-out or unseen sets.
"""

from __future__ import annotations

import math
import re
import unicodedata
import zlib
from array import array
from collections.abc import Sequence
from datetime import date

from ar_collections_core.replies.classifier import (
    FORMAT_VERSION,
    GROUPS,
    WEIGHTS_PATH,
    pack,
    save_weights,
    unpack,
)
from ar_collections_core.replies.corpus import read_corpus
from ar_collections_core.replies.decision import DEFAULTS as DECISION_DEFAULTS
from ar_collections_core.replies.features import BUCKETS, FeatureSet, extract
from ar_collections_core.replies.offline import analyse
from ar_collections_core.replies.types import INTENTS, OpenInvoice

SETTINGS = {
    "l2": 3e-5,  # penalty on the weights (per document-averaged loss)
    "min_df": 2,  # a bucket seen in fewer training replies carries no weight
    "iterations": 300,
    "balance": 0.5,  # rarer intents weigh more (1 would make every intent count alike)
    "temperature": 0.8,  # calibration: the lowest cross-validated log loss
    "cue_scale": 0.3,  # the value of a rule's cue next to the unit-length word groups
    "concept_scale": 1.0,  # the length of the concepts' group
    **DECISION_DEFAULTS,
}


def example_features(example: dict) -> tuple[FeatureSet, FeatureSet]:
    """The reply's features, and those of a rougher copy for training (see ``rough``)."""
    analysis = analyse(
        example["message"],
        today=date.fromisoformat(example["today"]),
        partner_lang=example["partner_lang"],
        open_invoices=[OpenInvoice.from_mapping(row) for row in example["open_invoices"]],
    )
    lang = analysis.prepared.lang
    plain_cues = tuple(cue for cue in analysis.cues if not cue.startswith(_RULE_CUES))
    copy = extract(rough(analysis.prepared.masked, example["id"]), plain_cues, lang)
    return analysis.features, copy


# A rough copy of each training reply: lower case, no accents or punctuation, a typo in
# about one long word in seven, and none of the rules' cues (as when no rule knows the
# phrasing). Cross-validation: as good on clean replies, better on rough ones.
_RULE_CUES = ("cue:", "blocked:", "only_blocked:")


def rough(text: str, seed: str) -> str:
    text = "".join(
        char for char in unicodedata.normalize("NFKD", text.lower())
        if not unicodedata.combining(char)
    )  # fmt: skip
    words = re.sub(r"[,.;:!]", " ", text).split(" ")
    for index, word in enumerate(words):
        draw = zlib.crc32(f"{seed}:{index}".encode())
        if len(word) <= 4 or draw % 100 >= 15:
            continue
        at = 1 + (draw >> 8) % (len(word) - 2)
        kind = (draw >> 16) % 5
        if kind < 2:
            words[index] = word[:at] + word[at + 1 :]  # a letter dropped
        elif kind < 4:
            words[index] = word[:at] + word[at + 1] + word[at] + word[at + 2 :]  # swapped
        else:
            words[index] = word[:at] + word[at] + word[at:]  # doubled
    return " ".join(words)


def training_set(corpus: Sequence[dict]) -> tuple[list[FeatureSet], list[str]]:
    features, labels = [], []
    for example in corpus:
        if example["split"] != "train":
            continue
        clean, copy = example_features(example)
        features += [clean, copy]
        labels += [example["labels"]["intent"]] * 2
    return features, labels


def _design(features: Sequence[FeatureSet], columns: dict[int, int], settings: dict):
    """CSR arrays (indptr, indices, values) of the feature sets over ``columns``."""
    import numpy as np  # noqa: PLC0415 - training only

    indptr, indices, values = [0], [], []
    for feature_set in features:
        row: dict[int, float] = {}
        for group in GROUPS:
            buckets = getattr(feature_set, group)
            if not buckets:
                continue
            value = settings.get(f"{group[:-1]}_scale", 1.0)
            if group != "cues":
                value /= math.sqrt(len(buckets))
            for found in buckets:
                if found in columns:
                    row[columns[found]] = row.get(columns[found], 0.0) + value
        for column in sorted(row):
            indices.append(column)
            values.append(row[column])
        indptr.append(len(indices))
    return (np.array(indptr, dtype=np.int64), np.array(indices, dtype=np.int64),
            np.array(values, dtype=np.float64))  # fmt: skip


def fit(
    features: Sequence[FeatureSet], labels: Sequence[str], settings: dict | None = None
) -> dict:
    """Weights (a JSON-ready dict) from feature sets and primary intents; deterministic."""
    import numpy as np  # noqa: PLC0415 - training only

    settings = {**SETTINGS, **(settings or {})}
    seen: dict[int, int] = {}
    for feature_set in features:
        for found in {b for group in GROUPS for b in getattr(feature_set, group)}:
            seen[found] = seen.get(found, 0) + 1
    kept = sorted(found for found, count in seen.items() if count >= settings["min_df"])
    columns = {found: position for position, found in enumerate(kept)}
    indptr, indices, values = _design(features, columns, settings)
    classes = list(INTENTS)
    target = np.array([classes.index(label) for label in labels], dtype=np.int64)
    weights, bias = _lbfgs_softmax(
        indptr, indices, values, target, len(kept), len(classes), settings
    )
    return _encode(weights, bias, kept, classes, settings, len(labels))


def _lbfgs_softmax(indptr, indices, values, target, n_columns, n_classes, settings):
    import numpy as np  # noqa: PLC0415 - training only

    n_rows = len(indptr) - 1
    row_of = np.repeat(np.arange(n_rows), np.diff(indptr))
    by_column = np.argsort(indices, kind="stable")
    column_rows, column_values = row_of[by_column], values[by_column]
    column_starts = np.concatenate(([0], np.cumsum(np.bincount(indices, minlength=n_columns))))
    onehot = np.zeros((n_rows, n_classes))
    onehot[np.arange(n_rows), target] = 1.0
    row_weight = np.ones((n_rows, 1))
    if settings.get("balance"):  # weigh each intent's replies to count alike
        counts = np.bincount(target, minlength=n_classes).astype(float)
        weight = (n_rows / (n_classes * np.maximum(counts, 1.0))) ** settings["balance"]
        row_weight = weight[target][:, None]
    l2 = settings["l2"]
    size = n_columns * n_classes

    def loss_and_gradient(theta):
        weights = theta[:size].reshape(n_columns, n_classes)
        bias = theta[size:]
        logits = np.add.reduceat(values[:, None] * weights[indices], indptr[:-1]) + bias
        logits -= logits.max(axis=1, keepdims=True)
        exps = np.exp(logits)
        sums = exps.sum(axis=1, keepdims=True)
        log_probabilities = logits - np.log(sums)
        loss = -(row_weight * onehot * log_probabilities).sum() / n_rows
        loss += 0.5 * l2 * (weights**2).sum()
        delta = row_weight * (exps / sums - onehot) / n_rows
        gradient_w = np.add.reduceat(
            column_values[:, None] * delta[column_rows], column_starts[:-1]
        )
        gradient_w += l2 * weights
        return loss, np.concatenate((gradient_w.ravel(), delta.sum(axis=0)))

    theta = _lbfgs(loss_and_gradient, np.zeros(size + n_classes), settings["iterations"])
    return theta[:size].reshape(n_columns, n_classes), theta[size:]


def _lbfgs(function, theta, iterations: int, memory: int = 10, tolerance: float = 1e-6):
    """Minimize a smooth convex function: L-BFGS with a backtracking (Armijo) search."""
    import numpy as np  # noqa: PLC0415 - training only

    loss, gradient = function(theta)
    steps: list = []
    for _ in range(iterations):
        direction = -gradient
        alphas = []
        for s, y, rho in reversed(steps):
            alpha = rho * float(np.sum(s * direction))
            alphas.append(alpha)
            direction -= alpha * y
        if steps:
            s, y, _rho = steps[-1]
            direction *= float(np.sum(s * y) / np.sum(y * y))
        for (s, y, rho), alpha in zip(steps, reversed(alphas), strict=True):
            beta = rho * float(np.sum(y * direction))
            direction += (alpha - beta) * s
        slope = float(np.sum(gradient * direction))
        if slope >= 0:  # not a descent direction: restart from the gradient
            steps, direction = [], -gradient
            slope = float(np.sum(gradient * direction))
        step = 1.0 if steps else 1.0 / max(1.0, float(np.sqrt(np.sum(gradient**2))))
        while True:
            candidate = theta + step * direction
            new_loss, new_gradient = function(candidate)
            if new_loss <= loss + 1e-4 * step * slope or step < 1e-10:
                break
            step *= 0.5
        s, y = candidate - theta, new_gradient - gradient
        curvature = float(np.sum(s * y))
        if curvature > 1e-12:
            steps.append((s, y, 1.0 / curvature))
            steps = steps[-memory:]
        improvement = loss - new_loss
        theta, loss, gradient = candidate, new_loss, new_gradient
        if improvement < tolerance * max(1.0, abs(loss)):
            break
    return theta


def _encode(weights, bias, kept, classes, settings, documents) -> dict:
    import numpy as np  # noqa: PLC0415 - training only

    largest = float(np.abs(weights).max()) or 1.0
    step = largest / 32767
    quantized = np.rint(weights / step).astype(np.int64)
    nonzero = np.flatnonzero(np.abs(quantized).max(axis=1) > 0)
    decision = {key: settings[key] for key in DECISION_DEFAULTS}
    return {
        "format": FORMAT_VERSION,
        "kind": "multinomial logistic regression over hashed features",
        "buckets": BUCKETS,
        "classes": classes,
        "bias": [round(float(value), 6) for value in bias],
        "step": float(f"{step:.9g}"),
        "temperature": settings["temperature"],
        "cue_scale": settings["cue_scale"],
        "concept_scale": settings["concept_scale"],
        "rows": pack(array("I", [kept[index] for index in nonzero])),
        "weights": pack(array("h", quantized[nonzero].ravel().tolist())),
        "settings": decision,
        "trained_on": {
            "documents": documents,
            "l2": settings["l2"],
            "min_df": settings["min_df"],
        },
    }


def train_weights(corpus: list[dict] | None = None, settings: dict | None = None) -> dict:
    features, labels = training_set(corpus if corpus is not None else read_corpus())
    return fit(features, labels, settings)


def train_and_save(path=WEIGHTS_PATH) -> tuple:
    weights = train_weights()
    save_weights(weights, path)
    summary = {"documents": weights["trained_on"]["documents"] // 2,
               "features": len(unpack(weights["rows"], "I"))}  # fmt: skip
    return path, summary
