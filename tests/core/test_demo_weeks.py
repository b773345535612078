"""The Odoo-free parts of the demo weeks (scripts/odoo_demo_*.py): the local SMTP
catcher, the customers' reply emails, the simulated customers set up from open items."""

import email
import email.policy
import smtplib
import sys
import threading
from datetime import date, datetime, timezone
from email.message import EmailMessage
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))

import odoo_demo_replies as replies
import odoo_demo_smtp as smtp
import odoo_demo_world as demo_world

from ar_collections_core.simulator.reactions import Outreach, deliver
from ar_collections_core.synthetic import generate_ledger

REMINDER = (
    b"From: Demo <ar@demo.example>\r\nTo: ap@customer.example\r\n"
    b"Subject: Payment reminder INV/2026/00042\r\nDate: Mon, 16 Nov 2026 09:00:00 +0000\r\n"
    b"Message-ID: <42.reminder@demo.example>\r\nReferences: <1.thread@demo.example>\r\n"
    b"\r\nDear customer,\r\ninvoice INV/2026/00042 is overdue.\r\n"
)


def test_catcher_keeps_each_message_whole(tmp_path):
    server = smtp.Catcher(0, tmp_path)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        message = EmailMessage()
        message["From"], message["To"], message["Subject"] = "a@x.example", "b@y.example", "Rë"
        message.set_content(".a line starting with a dot\n.\nlast")
        with smtplib.SMTP("127.0.0.1", server.server_address[1]) as client:
            client.send_message(message)
            client.send_message(message, to_addrs=["c@z.example"])
    finally:
        server.shutdown()
        server.server_close()
    files = sorted(tmp_path.glob("*.eml"))
    assert len(files) == 2
    stored = email.message_from_bytes(files[0].read_bytes(), policy=email.policy.default)
    assert stored["X-Catcher-To"] == "<b@y.example>"
    assert stored["Subject"] == "Rë"
    assert stored.get_content().replace("\r\n", "\n") == ".a line starting with a dot\n.\nlast\n"
    assert not list(tmp_path.glob(".*.tmp"))


@pytest.mark.parametrize("lang", ["en", "fr", "de", "es", "nl"])
def test_reply_answers_the_reminder_in_the_customers_language(lang):
    facts = {
        "invoices": {"": ["INV/2026/00042"]},
        "amount": 1234.5,
        "currency": "EUR",
        "signature": "Client SA",
        "promised": date(2026, 11, 27),
    }
    draws = iter(range(100))
    text = replies.reply_text(["promise_to_pay"], lang, facts, lambda n: next(draws) % n)
    assert "INV/2026/00042" in text
    assert replies.spoken_date(date(2026, 11, 27), lang, 1).startswith("27")
    sent_at = datetime(2026, 11, 16, 14, 5, tzinfo=timezone.utc)
    raw = replies.build_reply(
        REMINDER, text=text, lang=lang, sender="ap@customer.example", sent_at=sent_at
    )
    reply = email.message_from_string(raw, policy=email.policy.default)
    assert reply["In-Reply-To"] == "<42.reminder@demo.example>"
    assert reply["References"].split() == ["<1.thread@demo.example>", "<42.reminder@demo.example>"]
    assert reply["Subject"].endswith("Payment reminder INV/2026/00042")
    assert email.utils.parsedate_to_datetime(reply["Date"]) == sent_at
    body = reply.get_content()
    assert body.startswith(text.split("\n")[0])
    assert "> invoice INV/2026/00042 is overdue." in body
    assert "Auto-Submitted" not in reply


def test_out_of_office_is_marked_automatic():
    facts = {"invoices": {"": ["X"]}, "amount": 1, "currency": "EUR", "signature": "S"}
    text = replies.reply_text(
        ["out_of_office"], "de", {**facts, "back": date(2026, 12, 1)}, lambda n: 0
    )
    raw = replies.build_reply(
        REMINDER,
        text=text,
        lang="de",
        sender="ap@customer.example",
        sent_at=datetime(2026, 11, 16, 9, 1, tzinfo=timezone.utc),
        auto=True,
    )
    reply = email.message_from_string(raw, policy=email.policy.default)
    assert reply["Auto-Submitted"] == "auto-replied"
    assert "Dezember" in reply.get_content()


def test_reply_without_message_id_is_refused():
    with pytest.raises(ValueError, match="Message-ID"):
        replies.build_reply(
            b"From: a@b.example\r\n\r\nhi\r\n",
            text="x",
            lang="en",
            sender="c@d.example",
            sent_at=datetime(2026, 1, 1, tzinfo=timezone.utc),
        )


def _world(start=date(2026, 10, 1)):
    ledger = generate_ledger(20, seed=3, today=start)
    items, number = [], 0
    for customer in ledger.customers:
        for rec in ledger.receivables[customer.key]:
            if rec.is_open and not rec.is_credit_note and rec.residual > 0:
                number += 1
                dispute = ("price", rec.residual / 2, start) if number == 1 else None
                items.append(
                    demo_world.OpenItem(
                        number,
                        rec.number,
                        customer.key,
                        rec.invoice_date,
                        rec.due_date,
                        rec.residual,
                        dispute,
                    )
                )
    end = date(2026, 11, 12)
    return ledger, items, demo_world.build_world(ledger.customers, items, {}, 3, start, end)


def test_world_starts_from_the_open_items():
    start = date(2026, 10, 1)
    ledger, items, world = _world(start)
    assert set(world.customers) == {c.key for c in ledger.customers}
    invoices = [inv for c in world.customers.values() for inv in c.invoices]
    assert sorted(inv.id for inv in invoices) == [item.id for item in items]
    for inv in invoices:
        assert round(sum(p.amount for p in inv.parts), 2) == round(inv.amount, 2)
        for part in inv.parts:
            assert part.disputed or part.natural > start  # nothing paid in the past
    disputed = next(inv for inv in invoices if inv.id == 1)
    assert disputed.dispute.state == "open" and any(p.disputed for p in disputed.parts)
    assert disputed in world.resolutions[disputed.dispute_ends]
    # Same seed, same customers: the draws do not depend on anything else.
    again = _world(start)[2]
    assert {k: c.traits for k, c in again.customers.items()} == {
        k: c.traits for k, c in world.customers.items()
    }


def test_world_days_pay_and_react():
    start = date(2026, 10, 1)
    _ledger, _items, world = _world(start)
    landed = 0
    for offset in range(1, 43):
        day = date.fromordinal(start.toordinal() + offset)
        world.morning(day)
        world.sending(day)
        world.evening(day)
        landed = sum(
            p.landed for c in world.customers.values() for i in c.invoices for p in i.parts
        )
    assert landed > 0
    customer = next(c for c in world.customers.values() if world.open_invoices(c))
    invoice = world.open_invoices(customer)[0]
    moment = datetime(2026, 11, 12, 9, tzinfo=timezone.utc)
    delivery = deliver(
        world,
        Outreach(customer.key, moment.date(), moment, "email", "neutral", (invoice.id,)),
    )
    assert delivery.outreach.invoice_ids == (invoice.id,)
    assert customer.received[-1] == (moment.date(), "email")
