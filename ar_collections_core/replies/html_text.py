"""HTML mail to plain text, without the quoted history mail clients put in markup.

Gmail wraps the quoted message in ``div.gmail_quote``; Outlook puts
``div#divRplyFwdMsg`` (web) or a ``div`` with a ``border-top`` style (desktop) right
before the quoted message, which follows as siblings; Thunderbird and Apple Mail use
``blockquote type=cite``. Dropping these in the markup is more reliable than guessing
in the text afterwards.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_BLOCK_TAGS = frozenset(
    "p div br tr li ul ol table h1 h2 h3 h4 h5 h6 blockquote pre hr section article "
    "header footer address dd dt".split()
)
_SKIP_TAGS = frozenset(("style", "script", "head", "title", "xml", "o:p"))
_VOID_TAGS = frozenset("br hr img meta link input col area base wbr".split())
_QUOTE_CLASSES = ("gmail_quote", "yahoo_quoted", "moz-cite-prefix", "protonmail_quote")
_SIGNATURE_CLASSES = ("gmail_signature",)
_STOP_IDS = ("divrplyfwdmsg", "x_divrplyfwdmsg", "appendonsend", "stopspelling")
_BORDER_TOP = re.compile(r"border-top\s*:\s*solid", re.I)


class _TextExtractor(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip_stack: list[str] = []  # tags whose content we drop (with nesting)
        self.stopped = False  # everything after an Outlook reply header is history
        self.quote_found = False

    def handle_starttag(self, tag, attrs):
        if self.stopped:
            return
        attributes = {name: (value or "") for name, value in attrs}
        if self.skip_stack:
            if tag not in _VOID_TAGS:
                self.skip_stack.append(tag)
            return
        classes = attributes.get("class", "").lower()
        element_id = attributes.get("id", "").lower()
        if element_id in _STOP_IDS or (
            tag == "div" and _BORDER_TOP.search(attributes.get("style", ""))
        ):
            self.stopped = self.quote_found = True
            return
        if tag == "blockquote" or any(name in classes for name in _QUOTE_CLASSES):
            self.quote_found = True
            self.skip_stack.append(tag)
            return
        if tag in _SKIP_TAGS or any(name in classes for name in _SIGNATURE_CLASSES):
            if tag not in _VOID_TAGS:
                self.skip_stack.append(tag)
            return
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")
        if tag == "li":
            self.parts.append("- ")
        if tag in ("td", "th"):
            self.parts.append(" ")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in _VOID_TAGS and self.skip_stack and self.skip_stack[-1] == tag:
            self.skip_stack.pop()

    def handle_endtag(self, tag):
        if self.stopped:
            return
        if self.skip_stack:
            # Pop up to the matching tag: mail HTML is often badly nested.
            if tag in self.skip_stack:
                while self.skip_stack and self.skip_stack.pop() != tag:
                    pass
            return
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data):
        if self.stopped or self.skip_stack:
            return
        self.parts.append(data)


def html_to_text(html: str) -> tuple[str, bool]:
    """Plain text of an HTML body and whether quoted history was dropped from it."""
    parser = _TextExtractor()
    try:
        parser.feed(html)
        parser.close()
    except Exception:
        text = re.sub(r"<[^>]+>", " ", html)
        return _tidy(text), False
    return _tidy("".join(parser.parts)), parser.quote_found


def _tidy(text: str) -> str:
    text = text.replace("\xa0", " ").replace("\u200b", "")
    lines = [re.sub(r"[ \t]+", " ", line).strip() for line in text.split("\n")]
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()
