"""Personal data replaced by placeholders before anything is sent, and put back after.

Email addresses, IBANs, phone numbers and the person names given (e.g. the
customer's contact names) become ``[EMAIL_1]``, ``[IBAN_1]``, ``[PHONE_1]``,
``[NAME_1]``; the same value always gets the same placeholder. The mapping stays in
this object: it is never sent. Invoice numbers and references given as ``protect``
are never touched (their digits are not a phone number).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,3})?\b")
_IBAN_LABEL = re.compile(r"iban\W{0,3}$", re.I)
_PHONE_PATTERNS = (
    # international: +33 6 12 34 56 78, 0049 (0)30 1234567
    re.compile(
        r"(?<![\w+/.-])(?:\+|00)\d{1,3}[\s./-]?(?:\(0\)[\s./-]?)?\d(?:[\s./-]?\d){5,13}(?!\w)"
    ),
    # national with a trunk 0: 06 12 34 56 78, (030) 123 45 67, 020-123 4567
    re.compile(r"(?<![\w.,/-])\(?0\d{1,4}\)?(?:[\s./-]?\d{2,4}){2,5}(?![\w/-]|[.,]\d)"),
    # North American: (555) 123-4567, 555-123-4567
    re.compile(r"(?<![\w/-])\(?\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}(?![\w/-])"),
)
_PHONE_LABEL = re.compile(
    r"(?:tel|tél|phone|mobile|mob|cell|fax|gsm|portable|telefon|handy|teléfono|telefono|"
    r"móvil|movil|telefoon)\.?\s*(?:no\.?|nr\.?|n°|:)?\s*$",
    re.I,
)
_LABELLED_NUMBER = re.compile(r"\+?[\d(][\d\s()./-]{5,}\d")
_TITLES = {"mr", "mrs", "ms", "dr", "mme", "mlle", "herr", "frau", "sr", "sra", "dhr", "mevr"}
PLACEHOLDER = re.compile(r"\[(?:EMAIL|IBAN|PHONE|NAME)_\d+\]")


def _iban_valid(candidate: str) -> bool:
    text = candidate.replace(" ", "")
    if not 15 <= len(text) <= 34:
        return False
    moved = text[4:] + text[:4]
    digits = "".join(str(int(c, 36)) for c in moved)
    return int(digits) % 97 == 1


def _digits(text: str) -> int:
    return sum(c.isdigit() for c in text)


class Redactor:
    """Redacts texts one by one, keeping one mapping for the whole request."""

    def __init__(self, names: Iterable[str] = (), *, protect: Iterable[str] = ()):
        self._names = self._name_patterns(names)
        self._protect = [p.strip() for p in protect if p and len(p.strip()) >= 3]
        self._by_value: dict[tuple[str, str], str] = {}
        self.mapping: dict[str, str] = {}  # placeholder -> original; never sent

    @staticmethod
    def _name_patterns(names: Iterable[str]) -> list[re.Pattern]:
        full, parts = set(), set()
        for name in names:
            name = " ".join((name or "").split())
            if len(name) < 2:
                continue
            full.add(name)
            for part in re.split(r"[\s,]+", name):
                part = part.strip(".")
                if len(part) >= 3 and part.casefold() not in _TITLES:
                    parts.add(part)
        patterns = [
            re.compile(r"(?<!\w)" + re.escape(n).replace(r"\ ", r"\s+") + r"(?!\w)", re.I)
            for n in sorted(full, key=len, reverse=True)
        ]
        # a single first or last name: only when capitalised as a name ("Will" not "will")
        patterns += [
            re.compile(r"(?<!\w)" + re.escape(p) + r"(?!\w)")
            for p in sorted(parts - full, key=len, reverse=True)
        ]
        return patterns

    def _placeholder(self, kind: str, value: str) -> str:
        key = (kind, value.casefold())
        if key not in self._by_value:
            count = sum(1 for k, _ in self._by_value if k == kind) + 1
            placeholder = f"[{kind}_{count}]"
            self._by_value[key] = placeholder
            self.mapping[placeholder] = value
        return self._by_value[key]

    def redact(self, text: str) -> str:
        if not text:
            return text
        spans: list[tuple[int, int, str]] = []  # (start, end, kind)
        taken = [False] * len(text)

        def claim(start: int, end: int, kind: str | None) -> None:
            if any(taken[start:end]):
                return
            for i in range(start, end):
                taken[i] = True
            if kind:
                spans.append((start, end, kind))

        folded = text.casefold()
        for value in self._protect:
            for m in re.finditer(re.escape(value.casefold()), folded):
                claim(m.start(), m.end(), None)
        for m in EMAIL.finditer(text):
            claim(m.start(), m.end(), "EMAIL")
        for m in IBAN.finditer(text):
            if _iban_valid(m.group()) or _IBAN_LABEL.search(
                text[max(0, m.start() - 8) : m.start()]
            ):
                claim(m.start(), m.end(), "IBAN")
        for pattern in _PHONE_PATTERNS:
            for m in pattern.finditer(text):
                if 9 <= _digits(m.group()) <= 15:
                    claim(m.start(), m.end(), "PHONE")
        for m in _LABELLED_NUMBER.finditer(text):
            label = text[max(0, m.start() - 16) : m.start()]
            if _PHONE_LABEL.search(label) and _digits(m.group()) >= 6:
                claim(m.start(), m.end(), "PHONE")
        for pattern in self._names:
            for m in pattern.finditer(text):
                claim(m.start(), m.end(), "NAME")
        out, last = [], 0
        for start, end, kind in sorted(spans):
            out.append(text[last:start])
            out.append(self._placeholder(kind, text[start:end].strip()))
            last = end
        out.append(text[last:])
        return "".join(out)

    def restore(self, text: str) -> str:
        """``text`` with every known placeholder replaced by its original value."""
        if not text or not self.mapping:
            return text
        return PLACEHOLDER.sub(lambda m: self.mapping.get(m.group(), m.group()), text)

    @property
    def counts(self) -> dict[str, int]:
        found: dict[str, int] = {}
        for kind, _ in self._by_value:
            found[kind.lower()] = found.get(kind.lower(), 0) + 1
        return found
