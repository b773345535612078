"""The customer's own words: the reply without quoted history and signature.

mail-parser-reply does the splitting. What it misses, found while testing it (each
case has a test in ``tests/core/replies/test_quotes.py``):

- localized "original message" separators ("-----Ursprüngliche Nachricht-----",
  "-----Message d'origine-----", "-----Mensaje original-----", ...) and forwarded
  message markers: it knows only the English one;
- "De:/Envoyé:" header blocks without the space French typography puts before the
  colon, and header blocks that start a line after a blank line in another language
  than the ones asked for;
- "El ... escribió:" lines (its Spanish pattern needs two spaces before "escribió"),
  "Op ... schreef Name <mail>:" lines (it wants "schreef:"), and any "On ... wrote:"
  line that the sender's client wrapped onto two lines;
- its signature pattern cuts at any line starting with "Thanks," or "- ", so that
  "Thanks, we will pay on Friday" or a list of invoices would be lost: a signature is
  accepted here only when its first line is a short closing on its own;
- "Envoyé de mon iPhone", "Von meinem iPhone gesendet", "Verstuurd vanaf mijn iPhone".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mailparser_reply import EmailReplyParser

_PARSER_LANGUAGES = ["en", "fr", "de", "es", "nl"]

_SEPARATOR_LINES = [
    r"-{2,}\s*(original message|message d'origine|ursprüngliche nachricht|mensaje original|"
    r"oorspronkelijk bericht|oorspronkelijk e-mailbericht|forwarded message|message transféré|"
    r"weitergeleitete nachricht|mensaje reenviado|doorgestuurd bericht)\s*-{2,}",
    r"(begin forwarded message|début du message réexpédié|anfang der weitergeleiteten nachricht|"
    r"inicio del mensaje reenviado|begin doorgestuurd bericht)\s*:",
    r"_{20,}",
]
_WROTE_LINES = [
    r"on\b.{3,200}?\bwrote\s*:",
    r"le\b.{3,200}?\ba\s+écrit\s*:",
    r"am\b.{3,200}?\bschrieb\b.{0,200}?:",
    r"el\b.{3,200}?\bescribió\s*:",
    r"op\b.{3,200}?\bschreef\b.{0,200}?:",
    r".{3,120}<[^>\s]+@[^>\s]+>\s*(wrote|a écrit|schrieb|escribió|schreef)\s*:",
]
_HEADER_NAMES = (
    r"from|sent|to|subject|date|cc|de|envoyé|à|a|objet|von|gesendet|an|betreff|datum|"
    r"enviado|para|asunto|fecha|van|verzonden|aan|onderwerp"
)
_HEADER_LINE = re.compile(rf"^\s*\*?({_HEADER_NAMES})\s?\*?\s?:\s*\S", re.I)
_FROM_LINE = re.compile(r"^\s*\*?(from|de|von|van)\s?\*?\s?:\s*\S", re.I)
_SEPARATOR = re.compile(
    "|".join(f"(?:^\\s*{pattern}\\s*$)" for pattern in _SEPARATOR_LINES + _WROTE_LINES),
    re.I | re.M,
)
_CLOSINGS = re.compile(
    r"^\s*(--\s*|-- |best regards|kind regards|warm regards|regards|best wishes|best|cheers|"
    r"thanks( again| a lot)?|thank you|many thanks|sincerely|yours sincerely|br|"
    r"cordialement|bien cordialement|salutations|bien à vous|bonne journée|merci|"
    r"mit freundlichen grüßen|mit freundlichen gruessen|mfg|viele grüße|beste grüße|"
    r"freundliche grüße|gruß|grüße|lg|vg|"
    r"saludos|un saludo|atentamente|cordialmente|gracias|muchas gracias|"
    r"met vriendelijke groet(en)?|mvg|groeten|hartelijke groet(en)?|vriendelijke groet(en)?|"
    r"bedankt|dank u|dank je)\s*[,.!]?\s*$",
    re.I,
)
_SENT_FROM = re.compile(
    r"^\s*(sent from my|get outlook for|envoyé de mon|envoyé depuis|von meinem \w+ gesendet|"
    r"gesendet von|enviado desde mi|verstuurd vanaf mijn|verzonden vanaf mijn)\b",
    re.I,
)
_QUOTED_LINE = re.compile(r"^\s*>")


@dataclass(frozen=True, slots=True)
class ReplyText:
    text: str  # the customer's own words
    quoted: str  # what was cut away as history (kept for evidence, never classified)
    signature: str


def strip_reply(body: str) -> ReplyText:
    """Split a reply body into the customer's words, the quoted history and signature."""
    text = body.replace("\r\n", "\n").replace("\r", "\n")
    text = _join_wrapped_wrote_lines(text)
    cut = _history_start(text)
    own, quoted = text[:cut], text[cut:]
    own = "\n".join(line for line in own.split("\n") if not _QUOTED_LINE.match(line))
    own, signature = _strip_signature(own)
    own = re.sub(r"\n{3,}", "\n\n", own).strip()
    return ReplyText(text=own, quoted=quoted.strip(), signature=signature.strip())


def _join_wrapped_wrote_lines(text: str) -> str:
    # Gmail wraps "On Mon, 3 Mar 2025 at 10:00, Long Name <x@y.z>\nwrote:" at ~78 chars.
    return re.sub(
        r"^((?:on|le|am|el|op)\b[^\n]{10,200})\n\s*(wrote|a écrit|schrieb|escribió|schreef)\b",
        r"\1 \2",
        text,
        flags=re.I | re.M,
    )


def _history_start(text: str) -> int:
    positions = [len(text)]
    match = _SEPARATOR.search(text)
    if match:
        positions.append(match.start())
    header_block = _header_block_start(text)
    if header_block is not None:
        positions.append(header_block)
    # The library only has to look before the history we already found.
    ours = min(positions)
    library_cut = _library_cut(text[:ours])
    if library_cut is not None:
        positions.append(library_cut)
    return min(positions)


def _header_block_start(text: str) -> int | None:
    """Start of the first "From:/Sent:/To:/Subject:" block (any of our languages)."""
    lines = text.split("\n")
    offset = 0
    offsets = []
    for line in lines:
        offsets.append(offset)
        offset += len(line) + 1
    for index, line in enumerate(lines):
        if not _FROM_LINE.match(line):
            continue
        following = [candidate for candidate in lines[index + 1 : index + 5] if candidate.strip()]
        if sum(1 for candidate in following[:3] if _HEADER_LINE.match(candidate)) >= 2:
            return offsets[index]
    return None


def _library_cut(text: str) -> int | None:
    try:
        message = EmailReplyParser(languages=_PARSER_LANGUAGES).read(text)
    except Exception:
        return None
    if len(message.replies) < 2:
        return None
    second = message.replies[1]
    header = second.headers or second.content[:40]
    if not header:
        return None
    # The library normalizes whitespace line by line; find the header back in our text.
    first_line = header.strip().split("\n", 1)[0].strip()
    position = text.find(first_line) if first_line else -1
    if position <= 0:
        return None
    return text.rfind("\n", 0, position) + 1


def _strip_signature(text: str) -> tuple[str, str]:
    lines = text.split("\n")
    for index, line in enumerate(lines):
        if index == 0 and not _SENT_FROM.match(line):
            continue  # a reply that starts with "Thanks," is words, not a signature
        if _SENT_FROM.match(line) or (
            _CLOSINGS.match(line) and _looks_like_signature_block(lines[index + 1 :])
        ):
            own = "\n".join(lines[:index])
            if own.strip():
                return own, "\n".join(lines[index:])
    return text, ""


def _looks_like_signature_block(rest: list[str]) -> bool:
    """A name, a title, a phone: short lines, not the customer's next sentence."""
    following = [line.strip() for line in rest if line.strip()][:2]
    return not any(
        len(line.split()) >= 6 and line.rstrip().endswith((".", "!", "?")) for line in following
    )
