import email
import email.policy
import logging
from dataclasses import replace
from datetime import timezone
from email.message import EmailMessage

from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import email_normalize, html2plaintext

from ar_collections_core.replies import INTENTS, REASONS, OpenInvoice, Understanding, understand
from ar_collections_core.replies.actions import ReplyPlan, ReplySettings, plan_reply

from ..tools import reply_actions, reply_display
from .ar_collection_case_mixin import CUSTOMER_INVOICE_TYPES, SETTLED_PAYMENT_STATES
from .mail_thread import RAW_EMAIL_KEY

_logger = logging.getLogger(__name__)

THRESHOLD_PARAM = "ar_collections_agent.reply_review_threshold"
DEFAULT_THRESHOLD = ReplySettings().review_threshold
COLLECTOR = "ar_collections_agent.group_collections_collector"
REPLY_STATES = [
    ("pending", "Not read yet"),
    ("needs_review", "Needs review"),
    ("done", "Done"),
    ("corrected", "Corrected"),
    ("error", "Could not read"),
]
INTENT_SELECTION = [(i, i.replace("_", " ").capitalize()) for i in INTENTS]
REASON_SELECTION = [(r, r.replace("_", " ").capitalize()) for r in REASONS]


class ArCollectionReply(models.Model):
    """What the agent understood from one customer email, and what it did about it."""

    _name = "ar.collection.reply"
    _description = "Customer Reply (Collections)"
    _order = "message_date desc, id desc"
    _check_company_auto = True

    message_id = fields.Many2one("mail.message", ondelete="set null", readonly=True, index=True)
    message_date = fields.Datetime(readonly=True)
    subject = fields.Char(readonly=True)
    email_from = fields.Char(readonly=True)
    res_model = fields.Char(string="Posted On Model", readonly=True)
    res_id = fields.Many2oneReference(model_field="res_model", readonly=True)
    move_id = fields.Many2one("account.move", string="Invoice Thread", readonly=True)
    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, index=True, readonly=True
    )
    contact_id = fields.Many2one("res.partner", string="From Contact", readonly=True)
    company_id = fields.Many2one("res.company", required=True, index=True, readonly=True)
    raw_message = fields.Text(readonly=True, groups=COLLECTOR)
    customer_text = fields.Text(string="Customer's Words", readonly=True)
    open_invoices = fields.Json(readonly=True, help="The open invoices the reply was read with.")
    # -- the reading (the engine's, or the collector's once corrected) -----------------
    intent = fields.Selection(INTENT_SELECTION, index=True)
    intents = fields.Char(string="All Intents")
    promised_date = fields.Date()
    return_date = fields.Date()
    amount = fields.Float(digits="Account")
    currency_id = fields.Many2one("res.currency")
    invoice_ids = fields.Many2many(
        "account.move",
        "ar_collection_reply_account_move_rel",
        "reply_id",
        "move_id",
        string="Invoices",
    )
    reason = fields.Selection(REASON_SELECTION, string="Dispute Reason")
    new_contact = fields.Char()
    confidence = fields.Float(digits=(3, 2))
    engine = fields.Char(readonly=True)
    language = fields.Char(readonly=True)
    is_auto_reply = fields.Boolean(readonly=True)
    evidence = fields.Text(readonly=True)
    error = fields.Text(readonly=True)
    original_reading = fields.Json(readonly=True, help="The engine's reading, kept on correction.")
    # -- what was done -----------------------------------------------------------------
    state = fields.Selection(REPLY_STATES, required=True, default="pending", index=True)
    plan = fields.Json(readonly=True)
    review_reason = fields.Text(readonly=True)
    action_summary = fields.Text(string="Actions and Reasons", readonly=True)
    proposed_summary = fields.Text(string="Proposed Actions", readonly=True)
    promise_id = fields.Many2one("ar.collection.promise", readonly=True)
    dispute_id = fields.Many2one("ar.collection.dispute", readonly=True)
    reviewed_by_id = fields.Many2one("res.users", readonly=True)
    reviewed_on = fields.Datetime(readonly=True)

    @api.depends("partner_id", "intent", "message_date")
    def _compute_display_name(self):
        intents = dict(INTENT_SELECTION)
        for reply in self:
            reply.display_name = self.env._(
                "%(customer)s: %(intent)s",
                customer=reply.partner_id.display_name or "",
                intent=intents.get(reply.intent, self.env._("not read")),
            )

    # -- intake --------------------------------------------------------------------------

    @api.model
    def _on_inbound_email(self, thread, message):
        """Called after an incoming email is posted on a customer or an invoice: keep
        it and act on it. Never raises: the email is stored whatever happens here."""
        try:
            with self.env.cr.savepoint():
                reply = self._intake(thread, message)
        except Exception as error:  # the email must never be lost or blocked by the reader
            _logger.exception("collections: could not register reply %s", message.id)
            return self._intake_failed(thread, message, error)
        if reply:
            reply._read_and_act()
        return reply

    @api.model
    def _intake_failed(self, thread, message, error):
        """A bare "could not read" item, so that a person still sees the email."""
        try:
            with self.env.cr.savepoint():
                customer = thread.sudo().commercial_partner_id
                return self.sudo().create(
                    {
                        "message_id": message.id,
                        "message_date": message.date,
                        "res_model": thread._name,
                        "res_id": thread.id,
                        "partner_id": customer.id,
                        "company_id": self._company_for(thread.sudo(), customer).id,
                        "state": "error",
                        "error": f"{type(error).__name__}: {error}",
                    }
                )
        except Exception:
            _logger.exception("collections: could not even flag reply %s", message.id)
            return self.browse()

    @api.model
    def _intake(self, thread, message):
        thread = thread.sudo()
        customer = thread.commercial_partner_id
        if not customer or (thread._name == "account.move" and not thread.is_sale_document()):
            return self.browse()
        author = message.author_id.sudo()
        if author.user_ids.filtered(lambda u: not u.share):
            return self.browse()  # a colleague's email, not the customer's
        people = (
            self.env["res.partner"]
            .sudo()
            .with_context(active_test=False)
            .search([("commercial_partner_id", "=", customer.id)])
        )
        sender = email_normalize(message.email_from or "")
        emails = {email_normalize(p.email) for p in people if p.email}
        if author not in people and not (sender and sender in emails):
            return self.browse()
        if self.sudo().search_count([("message_id", "=", message.id)]):
            return self.browse()
        raw = self._raw_email_for(message)
        company = self._company_for(thread, customer)
        return self.sudo().create(
            {
                "message_id": message.id,
                "message_date": message.date,
                "subject": message.subject,
                "email_from": message.email_from,
                "res_model": thread._name,
                "res_id": thread.id,
                "move_id": thread.id if thread._name == "account.move" else False,
                "partner_id": customer.id,
                "contact_id": (author if author in people else people[:0]).id or False,
                "company_id": company.id,
                "raw_message": raw,
            }
        )

    @api.model
    def _raw_email_for(self, message):
        """The gateway's raw text when it is this message's; else one rebuilt from the
        stored message (headers such as Auto-Submitted are then unknown)."""
        raw = self.env.context.get(RAW_EMAIL_KEY)
        if raw:
            parsed = email.message_from_bytes(raw, policy=email.policy.default)
            if (parsed.get("Message-ID") or "").strip() == (message.message_id or "").strip():
                # PostgreSQL text cannot hold NUL characters
                return raw.decode("utf-8", errors="replace").replace("\x00", "\ufffd")
        rebuilt = EmailMessage()
        rebuilt["From"] = message.email_from or ""
        rebuilt["Subject"] = message.subject or ""
        rebuilt["Date"] = email.utils.format_datetime(message.date.replace(tzinfo=timezone.utc))
        rebuilt["Message-ID"] = message.message_id or ""
        rebuilt.set_content(html2plaintext(message.body or ""))
        return rebuilt.as_string().replace("\x00", "\ufffd")

    @api.model
    def _company_for(self, thread, customer):
        if thread._name == "account.move":
            return thread.company_id
        found = (
            self.env["account.move"]
            .sudo()
            .search(
                [
                    ("commercial_partner_id", "=", customer.id),
                    ("move_type", "in", CUSTOMER_INVOICE_TYPES),
                    ("state", "=", "posted"),
                    ("payment_state", "not in", SETTLED_PAYMENT_STATES),
                ],
                order="invoice_date_due, id",
                limit=1,
            )
        )
        return found.company_id or customer.company_id or self.env.company

    # -- reading -------------------------------------------------------------------------

    def _open_invoice_records(self):
        self.ensure_one()
        return (
            self.env["account.move"]
            .sudo()
            .search(
                [
                    ("commercial_partner_id", "=", self.partner_id.id),
                    ("company_id", "=", self.company_id.id),
                    ("move_type", "in", CUSTOMER_INVOICE_TYPES),
                    ("state", "=", "posted"),
                    ("payment_state", "not in", SETTLED_PAYMENT_STATES),
                ],
                order="invoice_date_due, id",
            )
        )

    def _core_open_invoices(self):
        return [
            OpenInvoice(
                number=move.name,
                amount_residual=move.amount_residual,
                currency=move.currency_id.name,
                due_date=move.invoice_date_due,
                ref=move.ref or "",
            )
            for move in self._open_invoice_records()
        ]

    def _today(self):
        self.ensure_one()
        return (self.message_date or fields.Datetime.now()).date()

    def _read_and_act(self):
        """Read each reply and act on it, each in its own savepoint: a failure marks
        that reply "could not read" and leaves the email and the others alone."""
        for reply in self.sudo():
            try:
                with self.env.cr.savepoint():
                    reading = reply._read()
                    reply._act(reply._plan(reading))
            except Exception as error:  # the email stays; a person reads it
                _logger.exception("collections: could not act on reply %s", reply.id)
                reply.write({"state": "error", "error": f"{type(error).__name__}: {error}"})
                reply._post_summary()
        return True

    def _read(self):
        self.ensure_one()
        open_invoices = self._core_open_invoices()
        reading = understand(
            self.raw_message or "",
            today=self._today(),
            partner_lang=(self.contact_id or self.partner_id).lang or None,
            open_invoices=open_invoices,
        )
        reading = self._llm_reading(reading, open_invoices)  # ar_collection_reply_llm.py
        self.write(
            {
                "open_invoices": [
                    {
                        "number": inv.number,
                        "amount_residual": inv.amount_residual,
                        "currency": inv.currency,
                        "due_date": inv.due_date.isoformat() if inv.due_date else None,
                        "ref": inv.ref,
                    }
                    for inv in open_invoices
                ],
                "customer_text": reading.customer_text,
                "engine": reading.engine,
                "language": reading.language,
                "is_auto_reply": reading.is_auto_reply,
                "error": reading.error or False,
                "evidence": "\n".join(f"{e.intent}: {e.text}" for e in reading.evidence),
                "original_reading": reading.to_contract_dict(),
                **self._reading_values(reading.to_contract_dict()),
            }
        )
        return reading

    def _reading_values(self, data):
        """Field values from a contract dict (the engine's or a corrected one)."""
        currency = (
            self.env["res.currency"].sudo().search([("name", "=", data.get("currency"))], limit=1)
            if data.get("currency")
            else self.env["res.currency"]
        )
        names = data.get("invoices") or []
        invoices = self._open_invoice_records().filtered(lambda m: m.name in names)
        return {
            "intent": data.get("intent") or "other",
            "intents": ",".join(data.get("intents") or [data.get("intent") or "other"]),
            "promised_date": data.get("promised_date") or False,
            "return_date": data.get("return_date") or False,
            "amount": data.get("amount") or 0.0,
            "currency_id": currency.id,
            "invoice_ids": [fields.Command.set(invoices.ids)],
            "reason": data.get("reason") or False,
            "new_contact": data.get("new_contact") or False,
            "confidence": data.get("confidence") or 0.0,
        }

    def _reading(self):
        """The stored reading as the core's Understanding (after any correction)."""
        self.ensure_one()
        intents = tuple(i for i in (self.intents or "").split(",") if i) or (self.intent,)
        invoices = tuple(self.invoice_ids.mapped("name"))
        return Understanding(
            intent=self.intent or "other",
            intents=intents,
            promised_date=self.promised_date or None,
            return_date=self.return_date or None,
            amount=self.amount or None,
            currency=self.currency_id.name or None,
            invoices=invoices,
            reason=self.reason or None,
            new_contact=self.new_contact or None,
            confidence=self.confidence,
            engine=self.engine or "offline",
            intent_invoices=dict.fromkeys(intents, invoices) if len(intents) == 1 else {},
            customer_text=self.customer_text or "",
            is_auto_reply=self.is_auto_reply,
            error=self.error or None,
        )

    def _reply_settings(self):
        policy = (
            self.env["ar.collection.policy"]
            .sudo()
            ._get_effective_policy(self.partner_id, self.company_id)
        )
        threshold = float(
            self.env["ir.config_parameter"].sudo().get_param(THRESHOLD_PARAM, DEFAULT_THRESHOLD)
        )
        return policy, ReplySettings(
            review_threshold=min(max(threshold, 0.0), 1.0),
            promise_grace_days=policy.promise_grace_days,
        )

    def _plan(self, reading, confirmed=False):
        self.ensure_one()
        policy, settings = self._reply_settings()
        return plan_reply(
            reading,
            today=self._today(),
            open_invoices=self._core_open_invoices(),
            mode=policy.mode,
            settings=settings,
            confirmed=confirmed,
            customer_blocks=self._customer_blocks(),
        )

    def _customer_blocks(self):
        """The customer's flags that forbid writing to them (the core's names)."""
        partner = self.partner_id
        contact = self.contact_id or partner.collection_contact_id or partner
        return [
            flag
            for flag, on in (
                ("opted_out", partner.collection_no_reminders),
                ("legal_hold", partner.collection_legal_hold),
                ("blacklisted", contact.sudo().is_blacklisted),
            )
            if on
        ]

    def _confirmed_reading(self):
        """The stored reading; when it is the engine's own with several intents, with
        the invoices the engine tied to each intent."""
        reading = self._reading()
        if self.state != "corrected" and len(reading.intents) > 1 and self.raw_message:
            fresh = understand(
                self.raw_message,
                today=self._today(),
                partner_lang=(self.contact_id or self.partner_id).lang or None,
                open_invoices=self._core_open_invoices(),
            )
            reading = replace(reading, intent_invoices=fresh.intent_invoices)
        return reading

    # -- acting --------------------------------------------------------------------------

    def _act(self, plan: ReplyPlan, *, run_proposed=False, state=None):
        self.ensure_one()
        done = reply_actions.carry_out(self, plan.actions)
        if run_proposed:
            done += reply_actions.carry_out(self, plan.proposed)
        elif plan.status == "review":
            done.append(reply_actions.escalate_review(self, plan))
        if state is None:
            state = {"act": "done", "propose": "needs_review", "review": "needs_review"}[
                plan.status
            ]
        pending = () if run_proposed else plan.proposed
        self.write(
            {
                "state": state,
                "plan": plan.to_dict(),
                "review_reason": "\n".join(r.text for r in plan.reasons)
                if plan.status != "act"
                else False,
                "action_summary": "\n".join(
                    [r.text for r in plan.reasons] + [f"- {line}" for line in done]
                ),
                "proposed_summary": "\n".join(
                    f"- {a.kind.replace('_', ' ')}: {a.text or ', '.join(a.invoices)}"
                    for a in pending
                )
                or False,
            }
        )
        self._post_summary()

    def _post_summary(self):
        """An internal note on the thread the reply came to: what was understood."""
        self.ensure_one()
        if not self.res_model or not self.res_id:
            return
        thread = self.env[self.res_model].sudo().browse(self.res_id)
        body = reply_display.summary_html(self)
        thread.message_post(
            body=body,
            message_type="comment",
            subtype_xmlid="ar_collections_agent.mt_collection_note",
            parent_id=self.message_id.id or False,
        )

    # -- review --------------------------------------------------------------------------

    def _check_collector(self):
        if not self.env.user.has_group(COLLECTOR):
            raise AccessError(self.env._("Only collectors can review customer replies."))
        self.check_access("write")

    def action_confirm(self):
        """One click: the reading is right (and, in review mode, the actions approved)."""
        self._check_collector()
        for reply in self.filtered(lambda r: r.state in ("needs_review", "error")):
            reply._review_done("done")
        return True

    def _review_done(self, state):
        self.ensure_one()
        me = self.env.user
        record = self.sudo()
        plan = record._plan(record._confirmed_reading(), confirmed=True)
        record._act(plan, run_proposed=True, state=state)
        record.write({"reviewed_by_id": me.id, "reviewed_on": fields.Datetime.now()})
        # The reading is settled: the case asking a person to read it is done.
        record.env["ar.collection.escalation"].search(
            [("reply_id", "=", record.id), ("state", "=", "open")]
        ).filtered(lambda c: c.cause == "low_confidence_reply")._record_outcome("reply_reviewed")

    def action_correct(self):
        self.ensure_one()
        self._check_collector()
        return self.env["ar.collection.reply.wizard"]._action_open(self)

    def action_reread(self):
        """Read again (e.g. after the customer's invoices changed); acts only on replies
        not yet done."""
        self._check_collector()
        self.filtered(lambda r: r.state in ("pending", "error", "needs_review"))._read_and_act()
        return True

    def action_export_corpus(self):
        """Reviewed replies as labeled examples in the core's corpus JSON lines."""
        self._check_collector()
        return reply_display.export_corpus(self.sudo().filtered(lambda r: r.reviewed_on))

    @api.model
    def _cron_read_pending_replies(self, limit=200):
        """Replies stored but not read (e.g. after a failure of the reader's host)."""
        pending = self.sudo().search([("state", "=", "pending")], limit=limit)
        pending._read_and_act()
        return True
