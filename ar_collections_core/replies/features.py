"""What the intent model sees of a reply: hashed n-grams of the words, and the rules' evidence.

Three groups of features, each a set of hashed buckets:

- words: word unigrams and bigrams of the customer's own words (numbers, invoice
  references and contact details masked), accents folded, digits as ``0``;
- chars: character 3- and 4-grams inside words, which carry the meaning of a word
  across typos, inflections and compounds (``zahlungslauf``, ``betaalrun``);
- concepts: the words as concepts shared by the five languages, and pairs of them
  (``concepts.py``), so that what is learnt in one language serves the others;
- cues: what the hand-written rules saw (an intent's cue, a claim negated or hedged,
  a future date, an amount, an e-mail address, auto-reply headers), so that the model
  learns how far to trust each rule instead of the rules overruling the model.

Each group but the cues is scaled to unit length, so that a long reply does not
outweigh a short one; cues count one each. Hashing is ``zlib.crc32`` (stable across
runs and platforms), so the weights need no vocabulary.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from dataclasses import dataclass
from itertools import pairwise

from ar_collections_core.replies.concepts import concept_features

BUCKETS = 1 << 18
_WORD = re.compile(r"[a-z0]+(?:'[a-z]+)?|[?€$£@]")
_FOLD = str.maketrans({"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "’": "'"})
CHAR_SIZES = (3, 4)


@dataclass(frozen=True, slots=True)
class FeatureSet:
    """The buckets of one reply, by group (``words`` and ``chars`` scaled to unit length)."""

    words: tuple[int, ...]
    chars: tuple[int, ...]
    cues: tuple[int, ...]
    concepts: tuple[int, ...] = ()
    word_names: tuple[str, ...] = ()  # the words' features, for explanations


def normalize(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.lower().translate(_FOLD))
    text = "".join(char for char in text if not unicodedata.combining(char))
    return re.sub(r"\d+", "0", text)


def bucket(name: str) -> int:
    return zlib.crc32(name.encode("utf-8")) & (BUCKETS - 1)


def word_features(words: list[str]) -> list[str]:
    names = ["w:" + word for word in words]
    names.extend(f"b:{first}_{second}" for first, second in pairwise(words))
    return names


def char_features(words: list[str]) -> set[str]:
    grams: set[str] = set()
    for word in words:
        if len(word) < 2 or not word[0].isalpha():
            continue
        padded = f"<{word}>"
        for size in CHAR_SIZES:
            for start in range(len(padded) - size + 1):
                grams.add(padded[start : start + size])
    return grams


def extract(text: str, cues: tuple[str, ...] = (), lang: str = "en") -> FeatureSet:
    """The feature set of ``text`` (the customer's words, masked) with the rules' ``cues``."""
    words = _WORD.findall(normalize(text))
    names = tuple(dict.fromkeys(word_features(words)))
    return FeatureSet(
        words=tuple({bucket(name) for name in names}),
        chars=tuple({bucket("c:" + gram) for gram in char_features(words)}),
        cues=tuple({bucket("r:" + cue) for cue in cues}),
        concepts=tuple({bucket(name) for name in concept_features(text, lang)}),
        word_names=names,
    )
