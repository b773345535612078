"""What the policy sees of one customer account: plain, immutable inputs.

The addon (or the simulator, or the CLI) builds one :class:`AccountSnapshot` per
commercial customer; amounts are in the company currency (``currency``), see
``ledger.py``. JSON form: :func:`snapshot_from_dict` / :func:`snapshot_to_dict`
(documented in docs/POLICY.md, "Snapshot format").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ar_collections_core.ledger import Dispute, Promise, Receivable
from ar_collections_core.profile import PaymentProfile
from ar_collections_core.risk import RiskAssessment

from .codec import from_jsonable, to_jsonable
from .settings import SEGMENTS, TONES

CHANNELS = ("email", "phone", "letter", "sms")
# reminder and statement chase the customer; a confirmation answers them (a promise
# acknowledged, a document sent) and only counts for "one contact per local day".
CONTACT_KINDS = ("reminder", "statement", "confirmation")
CHASING_KINDS = ("reminder", "statement")


@cache
def zone(name: str) -> ZoneInfo:
    """The IANA timezone ``name``; a clear ValueError for an unknown one."""
    try:
        return ZoneInfo(name or "UTC")
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"unknown timezone {name!r}") from exc


def require_aware(moment: datetime, what: str) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{what} must be timezone-aware (UTC), got {moment!r}")


@dataclass(frozen=True, slots=True)
class Contact:
    """One message or call made to the customer, as the history records it."""

    at: datetime  # aware, UTC
    channel: str = "email"
    kind: str = "reminder"
    tone: str | None = None
    answered: bool = False  # the customer replied (or picked up the phone)
    invoice_ids: tuple[int | str, ...] = ()

    def __post_init__(self):
        require_aware(self.at, "Contact.at")
        if self.channel not in CHANNELS:
            raise ValueError(f"Contact.channel must be one of {CHANNELS}, not {self.channel!r}")
        if self.kind not in CONTACT_KINDS:
            raise ValueError(f"Contact.kind must be one of {CONTACT_KINDS}, not {self.kind!r}")
        if self.tone is not None and self.tone not in TONES:
            raise ValueError(f"Contact.tone must be one of {TONES}, not {self.tone!r}")

    @property
    def chasing(self) -> bool:
        return self.kind in CHASING_KINDS


@dataclass(frozen=True, slots=True)
class AccountSnapshot:
    """One commercial customer as the policy sees it at decision time."""

    customer_key: int | str
    segment: str = "standard"  # standard | strategic | new
    lang: str = "en"  # en, fr, de, es, nl (others fall back to en in messages)
    timezone: str = "UTC"  # IANA name, the customer's (for the sending window)
    currency: str = "EUR"  # the company currency all amounts are in
    opted_out: bool = False  # asked not to receive automated reminders
    blacklisted: bool = False  # the invoice contact's address is blacklisted / bounced
    legal_hold: bool = False  # legal or insolvency flag: only a person acts
    prefers_phone: bool = False
    has_email: bool = True  # the invoice contact has a usable email address
    has_phone: bool = True  # someone can call them
    has_mobile: bool = False
    sms_available: bool = False  # Odoo's sms module is installed
    has_salesperson: bool = True  # the invoices have a salesperson to escalate to
    snoozed_until: date | None = None  # out of office / acknowledged: no contact before
    profile: PaymentProfile | None = None
    risk: RiskAssessment | None = None
    receivables: tuple[Receivable, ...] = ()  # open items (closed ones are ignored)
    promises: tuple[Promise, ...] = ()
    disputes: tuple[Dispute, ...] = ()
    contacts: tuple[Contact, ...] = ()
    escalation_pending: bool = False  # an escalation is open with a person
    final_notice_unanswered: bool = False  # a final notice went out and got no answer
    last_escalated_on: date | None = None  # the last escalation to a person (closed or not)
    last_escalation_cause: str | None = None  # its cause code (Escalation.cause)

    def __post_init__(self):
        if self.segment not in SEGMENTS:
            raise ValueError(f"segment must be one of {SEGMENTS}, not {self.segment!r}")
        zone(self.timezone)
        ids = [r.id for r in self.receivables]
        if len(ids) != len(set(ids)):
            raise ValueError("receivables: the same id appears twice")

    def local_now(self, now: datetime) -> datetime:
        return now.astimezone(zone(self.timezone))

    def local_date(self, moment: datetime) -> date:
        return moment.astimezone(zone(self.timezone)).date()

    def receivable(self, receivable_id) -> Receivable | None:
        for item in self.receivables:
            if item.id == receivable_id:
                return item
        return None

    def contacts_since(self, moment: datetime) -> tuple[Contact, ...]:
        return tuple(c for c in self.contacts if c.at > moment)

    def last_contact(self, *, chasing_only: bool = False) -> Contact | None:
        pool = [c for c in self.contacts if c.chasing or not chasing_only]
        return max(pool, key=lambda c: c.at, default=None)

    def contacted_on(self, local_day: date) -> bool:
        return any(self.local_date(c.at) == local_day for c in self.contacts)

    def contacts_in_window(self, now: datetime, days: int) -> list[Contact]:
        start = now - timedelta(days=days)
        return sorted((c for c in self.contacts if c.chasing and start < c.at <= now), key=_at)


def _at(contact: Contact) -> datetime:
    return contact.at


def snapshot_from_dict(data: dict) -> AccountSnapshot:
    """An :class:`AccountSnapshot` from its JSON form (raises CodecError, a ValueError)."""
    return from_jsonable(AccountSnapshot, data)


def snapshot_to_dict(snapshot: AccountSnapshot) -> dict:
    return to_jsonable(snapshot)
