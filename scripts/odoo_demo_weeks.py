"""The agent at work over simulated weeks, in the demo database (after odoo_demo.py).

Run through ``odoo shell`` (which provides ``env``). The ledger was loaded as of
DEMO_START; each of the DEMO_WEEKS weeks of days after it (until yesterday), with the
clock of the whole process set to that day (freezegun):

1. night before a working day: Odoo's refresh of the payment profiles;
2. morning: the simulated customers (``odoo_demo_world``: the core simulator's
   behaviour model) pay what they planned, raise disputes, see theirs settled (mirrored
   in Odoo: credit note or closed dispute); bank lines of the day that come in before
   the agent works are registered and reconciled at that date;
3. business days: the agent's own cycle (``ar.collection.agent._run_cycle``) at two
   moments inside the sending window (Europe's morning, the Americas' morning); its
   emails go through Odoo's mail queue to the local SMTP catcher (DEMO_SMTP_PORT,
   DEMO_MAILDIR); each caught reminder reaches its customer (``reactions.deliver``),
   who may answer: the answer is a raw email in the customer's language, threaded on the
   reminder, fed to the real mail gateway (``mail.thread.message_process``);
4. evening: the rest of the day's bank lines; the addon's nightly promise and dispute
   checks (kept, partially kept or broken promises; disputes past their deadline).

Then the cockpit's figures as of the last day, and a summary. Everything is committed day by day.
"""

import email
import email.policy
import os
import sys
import time
from collections import Counter
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from freezegun import freeze_time

import ar_collections_core
from ar_collections_core.simulator.behaviour import unit
from ar_collections_core.simulator.reactions import Outreach, deliver, read_on_return
from ar_collections_core.synthetic import generate_ledger

SCRIPTS = Path(ar_collections_core.__file__).resolve().parents[1] / "scripts"
sys.path.insert(0, str(SCRIPTS))
import odoo_demo_replies as replies  # noqa: E402
import odoo_demo_weeks_report as report  # noqa: E402
import odoo_demo_world as simworld  # noqa: E402
from odoo_demo_company import CompanySide  # noqa: E402

SEED = 7
CYCLES_UTC = ((9, 0), (17, 30))  # 10:00 in Europe; 8:30 to 12:30 in the Americas
DELIVERED_CHANNELS = ("email", "sms")  # calls and letters wait for a person


def utc(day, hour=12, minute=0):
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=timezone.utc)


class DemoWeeks(CompanySide):
    def __init__(self, env, customers, start, days, port, maildir):
        self.env = env
        self.company = env.company
        self.customers, self.start, self.days = customers, start, days
        self.port, self.maildir = port, Path(maildir)
        self.counts = Counter()
        self.written = Counter()  # intents as the customers wrote them
        self.registered = set()  # id() of the simulated payments already in Odoo
        self.seen_mail = set()
        self.cash = 0.0
        self.errors = []
        self.seconds = Counter()  # where the time goes: agent, mail, gateway, customers

    # -- set-up ----------------------------------------------------------------------------

    def setup(self):
        env = self.env
        env["ir.mail_server"].search([]).write({"active": False})
        env["ir.mail_server"].create(
            {
                "name": "Demo mail catcher (local)",
                "smtp_host": "127.0.0.1",
                "smtp_port": self.port,
                "smtp_encryption": "none",
                "sequence": 1,
            }
        )
        Policy = env["ar.collection.policy"]
        company_policy = Policy.search(
            [("company_id", "=", self.company.id), ("scope", "=", "company")]
        )
        # Autonomous for most; strategic accounts (the policy's default) and new
        # customers wait for a person's approval, so the approval queue has work.
        company_policy.write({"mode": "autonomous", "approval_new": True})
        self.bank = env["account.journal"].search(
            [("company_id", "=", self.company.id), ("type", "=", "bank")], order="id", limit=1
        )
        self.ledger = generate_ledger(self.customers, seed=SEED, today=self.start, currency="EUR")
        keys = [c.key for c in self.ledger.customers]
        partners = env["res.partner"].search([("ref", "in", keys), ("parent_id", "=", False)])
        self.partner = {p.ref: p for p in partners}
        self.key_of = {p.id: p.ref for p in partners}
        self.world = self._world(partners)
        env.cr.commit()

    def _world(self, partners):
        Move = self.env["account.move"]
        moves = Move.search(
            [
                ("move_type", "=", "out_invoice"),
                ("state", "=", "posted"),
                ("payment_state", "in", ("not_paid", "partial")),
                ("commercial_partner_id", "in", partners.ids),
            ]
        )
        disputes = {}
        for dispute in self.env["ar.collection.dispute"].search([("state", "=", "open")]):
            for move in dispute.invoice_ids:
                ratio = abs(move.amount_residual_signed) / (move.amount_residual or 1.0)
                disputes[move.id] = (dispute.reason, dispute.amount * ratio, dispute.date)
        items = [
            simworld.OpenItem(
                id=move.id,
                number=move.name,
                customer=self.key_of[move.commercial_partner_id.id],
                issued=move.invoice_date,
                due=move.invoice_date_due,
                residual=abs(move.amount_residual_signed),
                dispute=disputes.get(move.id),
            )
            for move in moves
        ]
        promises = {}
        for promise in self.env["ar.collection.promise"].search([("state", "=", "open")]):
            key = self.key_of.get(promise.partner_id.id)
            promises.setdefault(key, []).append(
                (promise.invoice_ids.ids, promise.amount, promise.promised_date, promise.date)
            )
        end = self.start + timedelta(days=self.days)
        return simworld.build_world(self.ledger.customers, items, promises, SEED, self.start, end)

    # -- the days --------------------------------------------------------------------------

    def run(self):
        started = time.monotonic()
        for offset in range(1, self.days + 1):
            day = self.start + timedelta(days=offset)
            self.one_day(day)
            if day.weekday() == 6 or offset == self.days:
                print(
                    f"  week to {day}: {self.counts['reminders']} reminders,"
                    f" {self.counts['replies']} replies, {self.counts['payments']} payments"
                    f" ({time.monotonic() - started:.0f} s)",
                    flush=True,
                )
        return time.monotonic() - started

    def one_day(self, day):
        world = self.world
        if day.weekday() < 5:
            # The nightly refresh of the payment profiles (Odoo's cron at 01:30), on the
            # nights before a working day: the agent decides with fresh profiles.
            started = time.monotonic()
            with freeze_time(utc(day, 1, 30), tick=True):
                self.env["res.partner"]._cron_refresh_payment_profiles()
                self.env.cr.commit()
            self.seconds["profile refresh"] += time.monotonic() - started
        started = time.monotonic()
        with freeze_time(utc(day, 6), tick=True):
            world.morning(day)
            for customer in world.customers.values():
                if customer.deferred:
                    read_on_return(world, customer, day)
            self.mirror_resolutions(day)
            world.sending(day)
            self.register_payments(day)
            self.env.cr.commit()
        self.seconds["customers, payments"] += time.monotonic() - started
        with freeze_time(utc(day, 8), tick=True):
            self.spontaneous_disputes(day)
            self.env.cr.commit()
        if day.weekday() < 5:
            for hour, minute in CYCLES_UTC:
                self.cycle(utc(day, hour, minute))
        started = time.monotonic()
        with freeze_time(utc(day, 21), tick=True):
            world.evening(day)
            self.register_payments(day)
            self.close_promises(day)
            self.env.cr.commit()
        self.seconds["customers, payments"] += time.monotonic() - started

    def cycle(self, now):
        with freeze_time(now, tick=True):
            started = time.monotonic()
            decisions = self.env["ar.collection.agent"]._run_cycle(now)
            self.env.cr.commit()
            self.seconds["agent cycles"] += time.monotonic() - started
            started = time.monotonic()
            caught = self.flush_mail()
            self.seconds["mail queue"] += time.monotonic() - started
        sent = decisions.filtered(
            lambda d: d.state == "sent" and d.action in ("remind", "statement")
        )
        self.counts["reminders"] += len(sent)
        by_message = {d.message_id.message_id: d for d in sent if d.message_id}
        answers = []
        for message_id, raw in caught.items():
            decision = by_message.get(message_id)
            if decision is not None:
                answers += self.reach_customer(decision, raw, now)
        for decision in sent.filtered(lambda d: d.channel not in DELIVERED_CHANNELS):
            self.counts[f"left to a person ({decision.channel})"] += 1
        for sent_at, raw, intents in sorted(answers, key=lambda a: a[0]):
            self.feed_gateway(raw, sent_at, intents)

    def flush_mail(self):
        """Odoo's mail queue out to the catcher; the new files by Message-ID."""
        Mail = self.env["mail.mail"].sudo()
        for _round in range(20):
            if not Mail.search_count([("state", "=", "outgoing")]):
                break
            Mail.process_email_queue()
            self.env.cr.commit()
        failed = Mail.search_count([("state", "=", "exception")])
        if failed and failed != self.counts.get("mail exceptions"):
            self.counts["mail exceptions"] = failed
        caught = {}
        for path in sorted(self.maildir.glob("*.eml")):
            if path.name in self.seen_mail:
                continue
            self.seen_mail.add(path.name)
            raw = path.read_bytes()
            parsed = email.message_from_bytes(raw, policy=email.policy.default)
            caught[(parsed.get("Message-ID") or "").strip()] = raw
        self.counts["emails caught"] += len(caught)
        return caught

    # -- the customers' side ---------------------------------------------------------------

    def reach_customer(self, decision, raw, now):
        """The reminder reaches the simulated customer; returns their answers
        [(sent at, raw email, intents written)]."""
        key = self.key_of.get(decision.partner_id.id)
        customer = self.world.customers.get(key)
        if customer is None:
            return []
        known = {inv.id for inv in customer.invoices}
        outreach = Outreach(
            customer_key=key,
            day=now.date(),
            at=now,
            channel=decision.channel,
            tone=decision.tone or "neutral",
            invoice_ids=tuple(i for i in decision.invoice_ids.ids if i in known),
            kind=decision.action if decision.action == "statement" else "reminder",
            decision=decision.id,
        )
        delivery = deliver(self.world, outreach)
        if delivery.acted:
            self.counts["reminders acted on"] += 1
        intents = [i for i in delivery.intents if i != "out_of_office"]
        seed, day = self.world.seed, now.date().toordinal()
        if intents == ["acknowledgement"]:
            # The behaviour model's "answers without acting": some of those answers ask
            # for a copy of the invoice or, from customers short of cash, for a plan.
            ask = unit(seed, key, day, "demo-ask")
            if ask < 0.3:
                intents = ["request_document"]
            elif ask < 0.55 and customer.traits.kind in ("chronic_late", "erratic"):
                intents = ["payment_plan"]
        answers = []
        lang, tz = customer.lang, customer.timezone
        sender = decision.contact_id.email or decision.partner_id.email
        if delivery.auto_reply:
            back = customer.away_on(now.date())[1] + timedelta(days=1)
            text = replies.reply_text(
                ["out_of_office"],
                lang,
                self._facts(customer, outreach, back=back),
                self._pick(key, day, "ooo"),
            )
            answers.append(
                (
                    now + timedelta(minutes=1),
                    replies.build_reply(
                        raw,
                        text=text,
                        lang=lang,
                        sender=sender,
                        sent_at=now + timedelta(minutes=1),
                        auto=True,
                    ),
                    ("out_of_office",),
                )
            )
        if intents and decision.channel == "email":
            hours = 1 + unit(seed, key, day, "demo-delay") * 4
            local_end = replies.local_moment(now.date(), 20.5, tz)
            sent_at = max(min(now + timedelta(hours=hours), local_end), now + timedelta(minutes=7))
            facts = self._facts(customer, outreach, intents=intents, day=now.date())
            text = replies.reply_text(intents, lang, facts, self._pick(key, day, "reply"))
            raw_reply = replies.build_reply(
                raw, text=text, lang=lang, sender=sender, sent_at=sent_at
            )
            answers.append((sent_at, raw_reply, tuple(intents)))
        return answers

    def _pick(self, key, day, what):
        draws = iter(range(1000))
        return lambda n: int(unit(self.world.seed, key, day, what, next(draws)) * n)

    def _facts(self, customer, outreach, intents=(), day=None, back=None):
        chased = [inv for inv in customer.invoices if inv.id in set(outreach.invoice_ids)]
        if not chased:
            chased = self.world.open_invoices(customer)[:1] or customer.invoices[-1:]
        numbers = {"": [inv.number for inv in chased]}
        first = self.env["account.move"].browse(chased[0].id) if chased else None
        currency = first.currency_id if first else self.company.currency_id
        # The simulation counts in the company currency; the customer in the invoice's.
        ratio = first.amount_total / (abs(first.amount_total_signed) or 1.0) if first else 1.0
        facts = {
            "invoices": numbers,
            "amount": round(sum(inv.amount for inv in chased) * ratio, 2),
            "currency": currency.name,
            "signature": f"{customer.name}\nAccounts Payable",
            "back": back,
        }
        if "promise_to_pay" in intents:
            promise = customer.promises[-1]
            numbers["promise_to_pay"] = [
                inv.number for inv in chased if inv.id in promise.invoice_ids
            ]
            facts["promised"] = promise.promised_date
            facts["amount"] = round(promise.amount * ratio, 2)
        if "paid_already" in intents:
            paid = [inv for inv in chased if any(p.sent is not None for p in inv.parts)]
            numbers["paid_already"] = [inv.number for inv in paid]
            facts["paid_on"] = max(
                (p.sent for inv in paid for p in inv.parts if p.sent), default=day
            )
        if "dispute" in intents:
            disputed = [inv for inv in chased if inv.dispute and inv.dispute.opened == day]
            disputed = disputed or [inv for inv in chased if inv.dispute]
            numbers["dispute"] = [inv.number for inv in disputed]
            facts["reason"] = disputed[0].dispute.reason if disputed else None
        return facts

    def feed_gateway(self, raw, sent_at, intents, model=None, thread_id=None):
        """The real mail gateway, as if the email came in at ``sent_at``."""
        self.written.update([intents[0]] if intents else [])
        with freeze_time(sent_at.astimezone(timezone.utc).replace(tzinfo=None), tick=True):
            started = time.monotonic()
            try:
                with self.env.cr.savepoint():
                    self.env["mail.thread"].message_process(model, raw, thread_id=thread_id)
                self.counts["replies"] += 1
            except Exception as error:  # a bounce: counted and shown, the run goes on
                self.errors.append(f"{type(error).__name__}: {error}")
                self.counts["replies refused by the gateway"] += 1
            self.env.cr.commit()
            self.seconds["mail gateway"] += time.monotonic() - started

    def spontaneous_disputes(self, day):
        """A problem the customer finds by themselves: they write to the invoice."""
        for invoice in self.world.raising.get(day, ()):
            if invoice.dispute is None or invoice.dispute.opened != day:
                continue
            customer = self.world.customers[invoice.customer]
            move = self.env["account.move"].browse(invoice.id)
            facts = {
                "invoices": {"": [invoice.number]},
                "amount": invoice.dispute.amount,
                "currency": self.company.currency_id.name,
                "signature": f"{customer.name}\nAccounts Payable",
                "reason": invoice.dispute.reason,
            }
            text = replies.reply_text(
                ["dispute"], customer.lang, facts, self._pick(customer.key, day, "dispute")
            )
            sent_at = replies.local_moment(day, 9.25, customer.timezone)
            raw = replies.new_mail(
                text=text,
                subject=f"{move.name}",
                sender=self.partner[customer.key].email,
                to=self.company.email,
                sent_at=sent_at,
            )
            self.counts["disputes raised unprompted"] += 1
            self.feed_gateway(raw, sent_at, ("dispute",), "account.move", invoice.id)


def main(env):
    start = date.fromisoformat(os.environ["DEMO_START"])
    weeks = int(os.environ.get("DEMO_WEEKS") or 6)
    demo = DemoWeeks(
        env,
        customers=int(os.environ.get("DEMO_CUSTOMERS") or 300),
        start=start,
        days=weeks * 7,
        port=int(os.environ.get("DEMO_SMTP_PORT") or 2525),
        maildir=os.environ["DEMO_MAILDIR"],
    )
    print(f"\nThe agent at work: {weeks} simulated weeks from {start}", flush=True)
    with freeze_time(utc(start, 18), tick=True):
        demo.setup()
    elapsed = demo.run()
    # The cockpit's figures and forecast as of the last simulated day.
    last_day = start + timedelta(days=weeks * 7)
    with freeze_time(utc(last_day, 22), tick=True):
        for company in env["res.company"].search([]):
            env["ar.collection.metric"]._refresh_company(company, today=last_day)
        env.cr.commit()
    report.summary(env, demo, elapsed)


if __name__ == "__main__":
    main(env)  # noqa: F821 (provided by odoo shell)
