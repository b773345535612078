"""The reminder and statement messages the daily cycle sends, composed from the ledger.

``compose_reminder`` reads the customer's ledger with the same set-based readers the
profiles use, lets the core build the message facts (``build_facts``), renders the
tone's mail template in the customer's language with those facts, and checks the
rendered text with the core's fact guard and sensitive-wording detector.
"""

import re
from datetime import UTC, date, datetime

from lxml import html as lxml_html
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, format_amount, format_date

from ar_collections_core.messages import build_facts
from ar_collections_core.policy import TONES
from ar_collections_core.policy.decision import REMIND, STATEMENT, Decision
from ar_collections_core.policy.situation import (
    CHASEABLE,
    invoice_view,
    promises_to_follow_up,
)
from ar_collections_core.policy.snapshot import AccountSnapshot, Contact, zone

from ..tools.ledger_sql import read_disputes, read_promises, read_receivables

KINDS = ("reminder", "statement")
CHASED_MOVE_TYPES = ("out_invoice", "out_receipt")
TEMPLATE_XMLIDS = {tone: f"ar_collections_agent.mail_template_collection_{tone}" for tone in TONES}
STATEMENT_TEMPLATE_XMLID = "ar_collections_agent.mail_template_collection_statement"
STATEMENT_REPORT_XMLID = "ar_collections_agent.action_report_collection_statement"
SUBJECT_NUMBERS = 3  # invoice numbers named in a subject; the body names them all
_BLOCK_END = re.compile(r"(?i)(<br\s*/?>|</(?:p|div|li|tr|h[1-6]|table|ul|ol)>)")
_CELL_END = re.compile(r"(?i)(</t[dh]>)")
_SPACES = re.compile(r"[ \t\r\n\f\v]+")  # not the no-break spaces of formatted amounts
_LINE, _CELL = "\ue000", "\ue001"  # private-use characters: markers no text contains


class ArCollectionComposer(models.AbstractModel):
    _name = "ar.collection.composer"
    _description = "Collections Message Composer"

    @api.model
    def compose_reminder(
        self,
        partner,
        invoices,
        tone,
        since=None,
        kind="reminder",
        attach_statement=True,
        ledger=None,
        policy=None,
        llm_decision_id=None,
    ):
        """The one consolidated message to ``partner`` chasing ``invoices``.

        :param partner: the commercial customer (res.partner)
        :param invoices: the posted customer invoices chased (account.move), all of
            ``partner`` and one company; may be empty for a statement only
        :param tone: a core tone (courtesy, friendly, neutral, firm, final)
        :param since: when the previous message went to this customer (naive UTC or
            aware datetime, or a date), for "payments received since"; None: never
        :param kind: "reminder" or "statement" (the body lists every open item)
        :param attach_statement: for a statement, also render the statement PDF and
            attach it (a letter needs it; an email's body already holds the facts, and
            rendering a PDF costs about a second per customer)
        :param ledger: the customer's ledger already read for a batch
            (``read_collection_ledgers``), or None to read it here
        :param policy: the customer's effective collection policy (core
            CollectionPolicy) already read for a batch, or None to read it here
        :param llm_decision_id: the decision the message is for (Claude's call log)
        :returns: dict with subject, body_html, lang, recipient, attachment_ids, facts
        """
        result = self.compose_reminders(
            [
                {
                    "partner": partner,
                    "invoices": invoices,
                    "tone": tone,
                    "since": since,
                    "kind": kind,
                    "attach_statement": attach_statement,
                    "ledger": ledger,
                    "policy": policy,
                    "llm_decision_id": llm_decision_id,
                }
            ]
        )[0]
        if isinstance(result, Exception):
            raise result
        return result

    @api.model
    def _collection_preview_values(self, partner):
        """The template values for ``partner``'s overdue invoices (template preview and
        rendering checks, when the composer did not give them)."""
        partner = partner.commercial_partner_id
        batch = self.env.context.get("collection_batch") or {}
        if partner.id in batch:  # composed for a batch (compose_reminders)
            return batch[partner.id]
        company = self.env.company
        invoices = self.env["account.move"].search(
            [
                ("commercial_partner_id", "=", partner.id),
                ("company_id", "=", company.id),
                ("move_type", "in", CHASED_MOVE_TYPES),
                ("state", "=", "posted"),
                ("amount_residual", ">", 0),
                ("invoice_date_due", "<", fields.Date.context_today(self)),
            ]
        )
        recipient = partner.collection_contact_id or partner
        kind = "reminder" if invoices else "statement"
        facts = self._collection_facts(
            partner, invoices, "neutral", None, kind, company, recipient, skip_held=True
        )
        return self._collection_render_context(facts, partner, recipient, company, invoices)

    # -- facts ---------------------------------------------------------------------------

    def _collection_company(self, partner, invoices, kind):
        if not invoices:
            if kind == "reminder":
                raise UserError(self.env._("A reminder needs at least one invoice to chase."))
            return self.env.company
        wrong = invoices.filtered(
            lambda m: (
                m.state != "posted"
                or m.move_type not in CHASED_MOVE_TYPES
                or m.commercial_partner_id != partner
            )
        )
        if wrong:
            raise UserError(
                self.env._(
                    "Only posted customer invoices of %(customer)s can be chased: %(invoices)s.",
                    customer=partner.display_name,
                    invoices=", ".join(wrong.mapped("display_name")),
                )
            )
        if len(invoices.company_id) != 1:
            raise UserError(self.env._("One message covers the invoices of one company."))
        return invoices.company_id

    @api.model
    def read_collection_ledgers(self, company, partner_ids):
        """{partner id: ledger} of these customers of ``company``, read at once for a
        batch of messages (``compose_reminder(ledger=...)``)."""
        receivables = read_receivables(self.env, company, partner_ids)
        promises = read_promises(self.env, company, partner_ids)
        disputes = read_disputes(self.env, company, partner_ids)
        return {
            pid: (
                tuple(receivables.get(pid, ())),
                tuple(promises.get(pid, ())),
                tuple(disputes.get(pid, ())),
            )
            for pid in partner_ids
        }

    def _collection_facts(
        self,
        partner,
        invoices,
        tone,
        since,
        kind,
        company,
        recipient,
        skip_held=False,
        ledger=None,
        policy=None,
    ):
        """The core's MessageFacts for this message, read from the ledger (or from
        ``ledger``, read for a batch). An invoice not to be chased now is refused, or
        left out with ``skip_held`` (previews)."""
        timezone = recipient.tz or partner.tz or company.partner_id.tz or "UTC"
        try:
            zone(timezone)
        except ValueError:
            timezone = "UTC"
        now = fields.Datetime.now().replace(tzinfo=UTC)
        contacts = ()
        if since:
            contacts = (Contact(at=_aware(since, timezone), kind="reminder"),)
        if ledger is None:
            ledger = self.read_collection_ledgers(company, partner.ids)[partner.id]
        receivables, promises, disputes = ledger
        snapshot = AccountSnapshot(
            customer_key=partner.id,
            lang=recipient.lang or partner.lang or "en",
            timezone=timezone,
            currency=company.currency_id.name,
            receivables=tuple(receivables),
            promises=tuple(promises),
            disputes=tuple(disputes),
            contacts=contacts,
        )
        today = snapshot.local_date(now)
        chased = invoices.sorted(lambda m: (m.invoice_date_due or m.invoice_date, m.name))
        # A second line of defence behind the policy and the pre-send re-check, with
        # the same core rule: nothing held (excluded, in payment, disputed, promised
        # until its date plus grace) is ever written into a reminder.
        if policy is None:
            policies = self.env["ar.collection.policy"]._get_effective_policies(partner, company)
            policy = policies[partner.id]
        held = chased.filtered(
            lambda m: (
                (item := snapshot.receivable(m.id)) is not None
                and invoice_view(item, snapshot, policy, today).status != CHASEABLE
            )
        )
        if skip_held:
            chased -= held
        elif held:
            raise UserError(
                self.env._(
                    "These invoices are not to be chased now (excluded, in payment, disputed "
                    "or under a promise): %(invoices)s.",
                    invoices=", ".join(held.mapped("name")),
                )
            )
        decision = Decision(
            customer_key=partner.id,
            action=STATEMENT if kind == "statement" else REMIND,
            decided_at=now,
            local_date=today,
            reasons=(),
            tone=tone,
            channel="email",
            invoice_ids=tuple(chased.ids),
        )
        first_link = self._collection_pay_link(chased[:1]) if chased else None
        try:
            return build_facts(
                snapshot,
                decision,
                company_currency=company.currency_id.name,
                pay_link=first_link,
                today=today,
                # a promise not kept since the last message is named in this one
                follow_ups=promises_to_follow_up(snapshot, policy, today),
            )
        except ValueError as exc:
            raise UserError(
                self.env._("Cannot write this message from the ledger: %(error)s", error=exc)
            ) from exc

    @api.model
    def _collection_ensure_tokens(self, invoices):
        """Give these invoices their portal access token at once (one query): the
        portal makes it on first use, writing each invoice through the accounting
        ORM, which costs about 25 ms an invoice."""
        missing = invoices.sudo().filtered(lambda m: not m.access_token)
        if not missing:
            return
        self.env.execute_query(
            SQL(
                "UPDATE account_move SET access_token = gen_random_uuid()::text"
                " WHERE id = ANY(%s) AND access_token IS NULL",
                missing.ids,
            )
        )
        missing.invalidate_recordset(["access_token"])

    def _collection_pay_link(self, invoice):
        """The invoice's portal link with its access token (the one Odoo's own
        invoice email uses), absolute."""
        return invoice.get_base_url() + invoice.get_portal_url()

    # -- rendering -----------------------------------------------------------------------

    def _collection_currencies(self, codes):
        """{code: currency} for these ISO codes; the ids are read once per cursor (a
        batch names the same few currencies for each of its customers)."""
        known = self.env.cr.cache.setdefault("ar_collections_agent.currency_ids", {})
        missing = [code for code in codes if code not in known]
        if missing:
            Currency = self.env["res.currency"].with_context(active_test=False)
            known.update({c.name: c.id for c in Currency.search([("name", "in", missing)])})
        Currency = self.env["res.currency"]
        return {code: Currency.browse(known[code]) for code in codes if code in known}

    def _collection_render_context(self, facts, partner, recipient, company, invoices):
        """Formatted values the templates show: every figure from ``facts``."""
        env = self.env
        lang = env.lang
        codes = {facts.company_currency}
        codes |= {i.currency for i in (*facts.invoices, *facts.other_items)}
        codes |= {c.currency for c in facts.credit_notes}
        codes |= {t.currency for t in facts.totals}
        codes |= {p.currency for p in (*facts.payments_since_last, *facts.promises)}
        currencies = self._collection_currencies(codes)

        def money(amount, code):
            return format_amount(env, amount, currencies[code], lang_code=lang)

        def day(value):
            return format_date(env, value, lang_code=lang)

        by_id = {move.id: move for move in invoices}
        pay_links = {
            i.id: self._collection_pay_link(by_id[i.id]) for i in facts.invoices if i.id in by_id
        }
        chased_numbers = {i.number for i in facts.invoices}
        _ = env._
        rows = [
            {
                "number": i.number,
                "ref": i.ref,
                "invoice_date": day(i.invoice_date),
                "due_date": day(i.due_date),
                "amount_due": money(i.amount_due, i.currency),
                "invoiced": _("(invoiced: %(amount)s)", amount=money(i.amount_total, i.currency))
                if abs(i.amount_total - i.amount_due) > 0.005
                else "",
                "overdue": i.days_overdue > 0,
                "pay_url": pay_links.get(i.id, ""),
            }
            for i in facts.invoices
        ]
        payments = [
            # the invoice is named only when the message names it anyway
            _(
                "%(amount)s received on %(date)s for invoice %(invoice)s",
                amount=money(p.amount, p.currency),
                date=day(p.date),
                invoice=p.invoice_number,
            )
            if p.invoice_number in chased_numbers
            else _(
                "%(amount)s received on %(date)s",
                amount=money(p.amount, p.currency),
                date=day(p.date),
            )
            for p in facts.payments_since_last
        ]
        promises = [
            _(
                "%(amount)s by %(date)s for %(invoices)s",
                amount=money(p.amount, p.currency),
                date=day(p.promised_date),
                invoices=", ".join(p.invoice_numbers),
            )
            if p.invoice_numbers
            else _(
                "%(amount)s by %(date)s",
                amount=money(p.amount, p.currency),
                date=day(p.promised_date),
            )
            for p in facts.promises
        ]
        broken_promises = [
            (
                _(
                    "You promised to pay %(amount)s by %(date)s; we have not received this "
                    "payment.",
                    amount=money(b.amount, b.currency),
                    date=day(b.promised_date),
                )
                if b.state == "broken"
                else _(
                    "You promised to pay %(amount)s by %(date)s; we received only part of it, "
                    "and the rest is still due.",
                    amount=money(b.amount, b.currency),
                    date=day(b.promised_date),
                )
            )
            for b in facts.broken_promises
        ]
        credits = [
            _(
                "Credit note %(number)s of %(date)s: %(amount)s",
                number=c.number,
                date=day(c.date),
                amount=money(c.amount_available, c.currency),
            )
            for c in facts.credit_notes
        ]
        totals = [
            {
                "amount_due": _("Total due: %(amount)s", amount=money(t.amount_due, t.currency)),
                "credit": _(
                    "Open credit notes: %(amount)s", amount=money(t.credit_available, t.currency)
                )
                if t.credit_available > 0.005
                else "",
                "net": _("Balance after credit notes: %(amount)s", amount=money(t.net, t.currency)),
            }
            for t in facts.totals
            if t.amount_due > 0.005
        ]
        since = day(facts.last_message_date) if facts.last_message_date else ""
        numbers = [i.number for i in facts.invoices]
        subject_numbers = ", ".join(numbers[:SUBJECT_NUMBERS])
        if len(numbers) > SUBJECT_NUMBERS:
            subject_numbers += f" (+{len(numbers) - SUBJECT_NUMBERS})"
        return {
            "customer": partner.name or "",
            "contact": recipient.name or partner.name or "",
            "company": company.name or "",
            "today": day(facts.today),
            "since": since,
            "payments_intro": _(
                "Thank you for the payments received since our message of %(date)s:", date=since
            ),
            "numbers": subject_numbers,
            "count": len(rows),
            "invoices": rows,
            "any_overdue": any(r["overdue"] for r in rows),
            "any_ref": any(r["ref"] for r in rows),
            "payments": payments,
            "promises": promises,
            "broken_promises": broken_promises,
            "credit_notes": credits,
            "totals": totals,
            "pay_links": pay_links,
            "pay_link": facts.pay_link or "",
        }

    def _collection_statement_attachment(self, partner, company, lang, today):
        """The statement PDF as of the customer's ``today``, as an attachment."""
        report = self.env.ref(STATEMENT_REPORT_XMLID).sudo()
        # Odoo's test mode renders HTML unless the context forces the PDF.
        content, content_type = (
            report.with_company(company)
            .with_context(lang=lang)
            ._render_qweb_pdf(
                STATEMENT_REPORT_XMLID,
                partner.ids,
                data={"company_id": company.id, "date": today.isoformat()},
            )
        )
        name = self.env._(
            "Statement of account %(customer)s %(date)s",
            customer=partner.name or "",
            date=today.isoformat(),
        )
        return self.env["ir.attachment"].create(
            {
                "name": f"{name}.{content_type}",
                "raw": content,
                "mimetype": "application/pdf" if content_type == "pdf" else "text/html",
                "res_model": "res.partner",
                "res_id": partner.id,
            }
        )


def _aware(moment, timezone):
    """``since`` as an aware UTC datetime: Odoo datetimes are naive UTC; a date means
    the start of that day in the customer's timezone."""
    if isinstance(moment, datetime):
        return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    if isinstance(moment, date):
        return datetime(moment.year, moment.month, moment.day, tzinfo=zone(timezone)).astimezone(
            UTC
        )
    raise ValueError(f"since must be a datetime or a date, not {moment!r}")


def html_text(body):
    """The text a reader sees: one line per block or table row (the fact guard reads
    figures line by line), links by their visible text only."""
    if not body:
        return ""
    flat = _SPACES.sub(" ", str(body))  # source line breaks are spaces to a reader
    marked = _CELL_END.sub(f"{_CELL}\\1", _BLOCK_END.sub(f"{_LINE}\\1", flat))
    root = lxml_html.fragment_fromstring(marked, create_parent="div")
    text = root.text_content().replace(_CELL, " | ")
    lines = (_SPACES.sub(" ", line) for line in text.split(_LINE))
    return "\n".join(line.strip(" |") for line in lines if line.strip(" |"))
