"""The raw RFC 822 message: its text, its attachments, and what its headers say.

Auto-replies and bounces are read from the headers (and the MIME structure) first:
they are the only reliable signal, and Odoo's ``message_parse`` drops them.

The stdlib parser runs with the ``compat32`` policy and the few headers we read are
decoded with ``email.header`` (RFC 2047 words, RFC 2231 file names): the ``default``
policy builds an object for every header access and costs more than everything else
in understanding a reply (see benchmarks/replies_throughput.py).
"""

from __future__ import annotations

import email
import re
from dataclasses import dataclass
from email import policy
from email.header import decode_header, make_header
from email.message import Message

from ar_collections_core.replies.html_text import html_to_text

_AUTO_PRECEDENCE = frozenset(("auto_reply", "bulk", "junk"))
_BOUNCE_SENDERS = re.compile(r"^(mailer-daemon|postmaster|mail-daemon)@|mailer-daemon", re.I)
_BOUNCE_SUBJECTS = re.compile(
    r"undeliver|delivery status notification|delivery (has )?failed|mail delivery failed|"
    r"returned mail|failure notice|non remis|unzustellbar|nicht zustellbar|"
    r"no se puede entregar|onbestelbaar|niet bezorgd",
    re.I,
)
_AUTO_SUBJECTS = re.compile(
    r"^\s*(automatic reply|auto[- ]?reply|autoreply|out of (the )?office|abwesenheit|"
    r"automatische antwort|r[ée]ponse automatique|absence|respuesta autom[áa]tica|"
    r"fuera de la oficina|automatisch antwoord|afwezig)",
    re.I,
)


@dataclass(frozen=True, slots=True)
class ParsedMail:
    subject: str
    sender: str
    text: str  # the whole body as text (plain part, or the HTML part turned to text)
    from_html: bool
    html_quote_dropped: bool
    attachments: tuple[str, ...]
    auto_reply: bool
    auto_reply_signals: tuple[str, ...]
    bounce: bool
    bounce_signals: tuple[str, ...]
    content_language: str | None


def parse_message(raw: str | bytes) -> ParsedMail:
    """Parse a raw RFC 822 message; raises ``ValueError`` when it holds no mail at all."""
    if isinstance(raw, bytes):
        message = email.message_from_bytes(raw, policy=policy.compat32)
    else:
        message = email.message_from_string(raw, policy=policy.compat32)
    if not isinstance(message, Message):
        raise ValueError("not an email message")
    if not message.keys() and not message.get_payload():
        raise ValueError("empty message")
    subject = _header(message, "Subject")
    sender = _header(message, "From")
    auto_signals = _auto_reply_signals(message, subject)
    bounce_signals = _bounce_signals(message, subject, sender)
    plain, html, attachments = _collect_parts(message)
    html_quote_dropped = False
    from_html = False
    text = plain
    if html and (not plain.strip() or _looks_like_html(plain)):
        text, html_quote_dropped = html_to_text(html)
        from_html = True
    return ParsedMail(
        subject=subject,
        sender=sender,
        text=text,
        from_html=from_html,
        html_quote_dropped=html_quote_dropped,
        attachments=tuple(attachments),
        auto_reply=bool(auto_signals),
        auto_reply_signals=tuple(auto_signals),
        bounce=bool(bounce_signals),
        bounce_signals=tuple(bounce_signals),
        content_language=_header(message, "Content-Language") or None,
    )


def _decode(value) -> str:
    try:
        return str(make_header(decode_header(str(value))))
    except Exception:
        return str(value)


def _header(message, name: str) -> str:
    value = message.get(name)
    if value is None:
        return ""
    return re.sub(r"\s+", " ", _decode(value)).strip()


def _auto_reply_signals(message, subject: str) -> list[str]:
    signals = []
    auto_submitted = _header(message, "Auto-Submitted").lower()
    if auto_submitted and auto_submitted != "no":
        signals.append(f"Auto-Submitted: {auto_submitted}")
    for name in ("X-Autoreply", "X-Autorespond", "X-Autoresponder", "X-Auto-Response"):
        if _header(message, name):
            signals.append(f"{name} present")
    precedence = _header(message, "Precedence").lower()
    if precedence in _AUTO_PRECEDENCE:
        signals.append(f"Precedence: {precedence}")
    suppress = _header(message, "X-Auto-Response-Suppress")
    if suppress and re.search(r"\b(all|oof|autoreply)\b", suppress, re.I):
        signals.append(f"X-Auto-Response-Suppress: {suppress}")
    if _AUTO_SUBJECTS.search(subject):
        signals.append("auto-reply subject")
    return signals


def _bounce_signals(message, subject: str, sender: str) -> list[str]:
    signals = []
    if message.get_content_type() == "multipart/report":
        report_type = str(message.get_param("report-type", "") or "").lower()
        if report_type in ("delivery-status", ""):
            signals.append("multipart/report delivery-status")
    for part in message.walk():
        if part.get_content_type() in ("message/delivery-status", "message/global-delivery-status"):
            signals.append("delivery-status part")
            break
    if _BOUNCE_SENDERS.search(sender):
        signals.append(f"sender {sender}")
    if _BOUNCE_SUBJECTS.search(subject) and (signals or not sender):
        signals.append("bounce subject")
    return signals


def _collect_parts(message) -> tuple[str, str, list[str]]:
    plain_parts, html_parts, attachments = [], [], []
    for part in message.walk():
        if part.is_multipart():
            continue
        content_type = part.get_content_type()
        filename = _filename(part)
        disposition = part.get_content_disposition()
        if filename or disposition == "attachment":
            if filename:
                attachments.append(filename)
            continue
        if content_type not in ("text/plain", "text/html"):
            continue
        content = _text_of(part)
        (plain_parts if content_type == "text/plain" else html_parts).append(content)
    return "\n".join(plain_parts), "\n".join(html_parts), attachments


def _text_of(part) -> str:
    """A text part decoded from its transfer encoding and charset (never raises)."""
    raw_payload = part.get_payload()
    encoding = str(part.get("Content-Transfer-Encoding", "")).strip().lower()
    if isinstance(raw_payload, str) and encoding not in ("base64", "quoted-printable"):
        # A message given as text is already decoded: its 8bit body is the text itself
        # (the stdlib would re-encode "€" or "’" as "\\u20ac", "\\u2019").
        if not any(0xDC80 <= ord(char) <= 0xDCFF for char in raw_payload):
            return raw_payload
    payload = part.get_payload(decode=True)
    if payload is None:
        payload = part.get_payload()
        return payload if isinstance(payload, str) else ""
    charset = part.get_content_charset() or "utf-8"
    for candidate in (charset, "utf-8", "cp1252"):
        try:
            return payload.decode(candidate)
        except (LookupError, UnicodeDecodeError):
            continue
    return payload.decode("utf-8", errors="replace")


def _filename(part) -> str:
    try:
        name = part.get_filename()
    except Exception:
        return "attachment"
    return _decode(name) if name else ""


def _looks_like_html(text: str) -> bool:
    return bool(re.match(r"\s*<(!doctype|html|div|p|body)\b", text, re.I))
