"""Words as concepts shared by the five languages (``data/replies/lexicon.txt``).

"überweisen", "virer", "transferir", "overmaken" and "transfer" are one concept,
TRANSFER; "wird", "sera", "will" are FUTURE; "nicht", "pas", "not" are NEG. The intent
model sees the concepts of a reply and the pairs of concepts that follow each other
in a sentence ("FUTURE PAY", "NEG PAY", "PAST TRANSFER"), so that what it learns from
replies in one language carries over to the other four, and to wordings the corpus
does not have.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ar_collections_core.replies.types import LANGUAGES

LEXICON_PATH = Path(__file__).resolve().parents[1] / "data" / "replies" / "lexicon.txt"
_SENTENCES = re.compile(r"[.!?;\n]+")
_MIN_AFFIX = 3  # letters a word has beyond a suffix entry ("~rons")


@dataclass(slots=True)
class Lexicon:
    # a word may stand for several concepts ("check": CHEQUE and CHECK)
    exact: dict[str, list[str]] = field(default_factory=dict)
    prefixes: dict[str, list[str]] = field(default_factory=dict)
    suffixes: dict[str, str] = field(default_factory=dict)
    infixes: list[tuple[str, str]] = field(default_factory=list)
    # first word -> [(following words, last is a prefix, concept)]
    phrases: dict[str, list[tuple[tuple[str, ...], bool, str]]] = field(default_factory=dict)
    longest_prefix: int = 0


def _tokens(text: str) -> list[str]:
    from ar_collections_core.replies.features import _WORD, normalize  # noqa: PLC0415

    return _WORD.findall(normalize(text))


@lru_cache(maxsize=1)
def lexicons(path: str = str(LEXICON_PATH)) -> dict[str, Lexicon]:
    """The lexicon of each language, read once."""
    tables = {lang: Lexicon() for lang in LANGUAGES}
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        head, _, entries = line.partition(":")
        lang, _, concept = head.partition(" ")
        if lang not in tables or not concept:
            raise ValueError(f"lexicon line {number}: {line[:40]!r}")
        table = tables[lang]
        for entry in entries.split():
            _add(table, entry, concept.strip())
    return tables


def _add(table: Lexicon, entry: str, concept: str) -> None:
    if entry.startswith("*"):
        table.infixes.append((entry[1:], concept))
        return
    if entry.startswith("~"):
        table.suffixes[entry[1:]] = concept
        return
    exact = entry.endswith("=")
    words = _tokens(entry.rstrip("=").replace("_", " "))
    if not words:
        return
    if len(words) > 1:
        table.phrases.setdefault(words[0], []).append((tuple(words[1:]), not exact, concept))
    else:
        target = table.exact if exact else table.prefixes
        concepts = target.setdefault(words[0], [])
        if concept not in concepts:
            concepts.append(concept)
        if not exact:
            table.longest_prefix = max(table.longest_prefix, len(words[0]))


def _word_concepts(table: Lexicon, word: str) -> list[str]:
    found = list(table.exact.get(word, ()))
    for size in range(min(len(word), table.longest_prefix), 1, -1):
        if word[:size] in table.prefixes:
            found.extend(c for c in table.prefixes[word[:size]] if c not in found)
            break
    for suffix, concept in table.suffixes.items():
        if word.endswith(suffix) and len(word) >= len(suffix) + _MIN_AFFIX and concept not in found:
            found.append(concept)
    if len(word) >= 7:
        found.extend(c for infix, c in table.infixes if infix in word[1:] and c not in found)
    if not found and "'" in word[:-1]:  # French elision: "n'avons", "l'avoir"
        head, _, tail = word.partition("'")
        found = _word_concepts(table, head + "'") + (_word_concepts(table, tail) if tail else [])
    return found


def concepts_of(text: str, lang: str) -> list[list[str]]:
    """The concepts of each sentence of ``text``, in order."""
    table = lexicons().get(lang)
    if table is None:
        return []
    sentences = []
    for sentence in _SENTENCES.split(text):
        words = _tokens(sentence)
        found: list[str] = []
        index = 0
        while index < len(words):
            word = words[index]
            matched = False
            for rest, last_is_prefix, concept in table.phrases.get(word, ()):
                following = words[index + 1 : index + 1 + len(rest)]
                if len(following) == len(rest) and all(
                    got == want or (last_is_prefix and i == len(rest) - 1 and got.startswith(want))
                    for i, (got, want) in enumerate(zip(following, rest, strict=True))
                ):
                    found.append(concept)
                    found.extend(c for c in _word_concepts(table, word) if c != concept)
                    index += 1 + len(rest)
                    matched = True
                    break
            if not matched:
                found.extend(_word_concepts(table, word))
                index += 1
        if found:
            sentences.append(found)
    return sentences


def concept_features(text: str, lang: str) -> list[str]:
    """Concept unigrams and the pairs that follow each other within a sentence."""
    names = []
    for sentence in concepts_of(text, lang):
        names.extend("k:" + concept for concept in sentence)
        # pairs one or two concepts apart: "FUTURE PAY" in "will pay" and "will then pay"
        for index, first in enumerate(sentence):
            names.extend(f"kk:{first}_{second}" for second in sentence[index + 1 : index + 3])
    return names
