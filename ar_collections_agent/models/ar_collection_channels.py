from markupsafe import Markup, escape
from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import UserError
from odoo.modules import module as odoo_module
from odoo.modules.registry import Registry
from odoo.tools import html2plaintext

from ..tools import agent_sql, mail_batch

MANAGER_GROUP = "ar_collections_agent.group_collections_manager"
REMINDER_SUBTYPE = "ar_collections_agent.mt_collection_reminder"
NOTE_SUBTYPE = "ar_collections_agent.mt_collection_note"


class ArCollectionChannels(models.AbstractModel):
    """How a decided contact reaches the customer (email, SMS, a call or a letter for a
    person to make) and how an escalation reaches a person. Everything lands on the
    customer's chatter, so replies and history stay in one place."""

    _name = "ar.collection.channels"
    _description = "Collections Agent Channels"

    @api.model
    def _deliver(self, decision):
        """Carry out the contact ``decision`` (already re-checked); raises on failure."""
        method = {
            "email": self._send_email,
            "sms": self._send_sms,
            "phone": self._schedule_call,
            "letter": self._schedule_letter,
        }.get(decision.channel or "email")
        if method is None:
            raise UserError(self.env._("Unknown channel %s.", decision.channel))
        method(decision)

    def _customer(self, decision):
        return decision.partner_id.with_company(decision.company_id)

    def _send_email(self, decision):
        self._hand_to_smtp(self._queue_emails(decision))

    @api.model
    def _queue_emails(self, decisions):
        """Queue the reminder emails of these (re-checked) contact decisions at once:
        the chatter message on each customer (collection subtype, from the company),
        its outgoing mail and its delivery notification, one ``create`` per model.
        Returns the mails, for ``_hand_to_smtp``; raises (creating nothing) when one
        of them cannot go."""
        if not decisions:
            return self.env["mail.mail"]
        recipients = {}
        for decision in decisions:
            recipient = decision.contact_id or decision.partner_id
            if not recipient.email_normalized:
                raise UserError(
                    self.env._("%(contact)s has no email address.", contact=recipient.display_name)
                )
            if not decision.body_html:
                raise UserError(self.env._("The reminder has no message."))
            recipients[decision.id] = recipient
        subtype = self.env.ref(REMINDER_SUBTYPE)
        message_vals, ordered = [], []
        for company in decisions.company_id:
            own = decisions.filtered(lambda d, c=company: d.company_id == c)
            email_from = company.email_formatted or None
            author = company.partner_id
            customers = own.partner_id.with_company(company)
            # One read of the reply-to for the batch, as message_post would per message.
            reply_to = customers.sudo()._notify_get_reply_to(
                default=email_from, author_id=author.id
            )
            for decision in own:
                ordered.append(decision)
                message_vals.append(
                    {
                        "model": "res.partner",
                        "res_id": decision.partner_id.id,
                        "record_name": decision.partner_id.display_name,
                        "record_company_id": company.id,
                        "body": decision.body_html,
                        "subject": decision.subject,
                        "subtype_id": subtype.id,
                        "message_type": "comment",
                        "author_id": author.id,
                        "email_from": email_from,
                        "reply_to": reply_to.get(decision.partner_id.id) or email_from,
                        "partner_ids": [fields.Command.link(recipients[decision.id].id)],
                        "attachment_ids": [fields.Command.set(decision.attachment_ids.ids)],
                    }
                )
        messages = self.env["mail.message"].sudo().create(message_vals)
        mails = (
            self.env["mail.mail"]
            .sudo()
            .create(
                [
                    {
                        "mail_message_id": message.id,
                        "body_html": decision.body_html,
                        "recipient_ids": [fields.Command.link(recipients[decision.id].id)],
                        "auto_delete": True,  # the chatter message stays
                        "is_notification": True,
                        "state": "outgoing",
                    }
                    for decision, message in zip(ordered, messages, strict=True)
                ]
            )
        )
        self.env["mail.notification"].sudo().create(
            [
                {
                    "mail_message_id": message.id,
                    "mail_mail_id": mail.id,
                    "res_partner_id": recipients[decision.id].id,
                    "author_id": message.author_id.id,
                    "notification_type": "email",
                    "notification_status": "ready",
                    "is_read": True,
                }
                for decision, message, mail in zip(ordered, messages, mails, strict=True)
            ]
        )
        for decision, message in zip(ordered, messages, strict=True):
            decision.with_context(agent_write=True, tracking_disable=True).message_id = message
        return mails

    @api.model
    def _hand_to_smtp(self, mails):
        """Send ``mails`` (one batch, one SMTP session: ``tools/mail_batch.py``) once
        this transaction is committed, in a fresh cursor; then the decisions whose mail
        failed are marked failed (retried by the next run). Should the process die
        before, the mails stay in Odoo's mail queue and its scheduler sends them. In
        tests (nothing is committed) they go at once."""
        if not mails:
            return
        if odoo_module.current_test:
            mail_batch.send_mails(mails, auto_commit=False)
            self._record_failed_sends(mails.mail_message_id.ids)
            return
        mail_ids, message_ids = mails.ids, mails.mail_message_id.ids
        dbname, context = self.env.cr.dbname, dict(self.env.context)

        @self.env.cr.postcommit.add
        def send_batch():
            with Registry(dbname).cursor() as cr:
                env = api.Environment(cr, SUPERUSER_ID, context)
                # Each mail the server took is recorded as sent at once (committed),
                # so a crash mid-batch never sends it twice.
                mail_batch.send_mails(env["mail.mail"].browse(mail_ids), auto_commit=True)
                env["ar.collection.channels"]._record_failed_sends(message_ids)

    @api.model
    def _record_failed_sends(self, message_ids=None, company=None, since=None):
        """Contacts whose email the mail server refused (its delivery notification
        failed) are marked failed, to be retried by the next run; the failed mail is
        cancelled so that nothing sends it later. ``message_ids``: those of a batch
        just sent; else ``company``'s contacts sent after ``since`` (naive UTC)."""
        failed = agent_sql.failed_sends(self.env, message_ids, company, since)
        if not failed:
            return
        decisions = self.env["ar.collection.decision"].browse(failed)
        messages = decisions.message_id
        self.env["mail.mail"].sudo().search(
            [("mail_message_id", "in", messages.ids), ("state", "=", "exception")]
        ).cancel()
        notifications = (
            self.env["mail.notification"]
            .sudo()
            .search(
                [("mail_message_id", "in", messages.ids), ("notification_status", "=", "exception")]
            )
        )
        notifications.write({"notification_status": "canceled"})
        for decision in decisions:
            decision._fail(failed[decision.id] or self.env._("The mail server refused the email."))

    def _send_sms(self, decision):
        customer = self._customer(decision)
        recipient = decision.contact_id or decision.partner_id
        if not hasattr(customer, "_message_sms") or not recipient.phone:
            raise UserError(self.env._("SMS is not available for this customer."))
        text = html2plaintext(decision.body_html or "")
        message = customer._message_sms(
            text, partner_ids=recipient.ids, subtype_id=self.env.ref(REMINDER_SUBTYPE).id
        )
        decision.with_context(agent_write=True, tracking_disable=True).message_id = message

    def _schedule_call(self, decision):
        self._activity(
            decision,
            "mail.mail_activity_data_call",
            self.env._("Collections: call %(customer)s", customer=decision.partner_id.name),
            self._contact_note(decision),
        )

    def _schedule_letter(self, decision):
        """A statement to post: the composed document goes on the chatter as a note with
        its attachments, and a person gets an activity to post it."""
        message = self._customer(decision).message_post(
            body=decision.body_html or self._contact_note(decision),
            subject=decision.subject,
            subtype_xmlid=NOTE_SUBTYPE,
            message_type="comment",
            attachment_ids=decision.attachment_ids.ids,
        )
        decision.with_context(agent_write=True, tracking_disable=True).message_id = message
        self._activity(
            decision,
            "mail.mail_activity_data_todo",
            self.env._(
                "Collections: post the statement to %(customer)s", customer=decision.partner_id.name
            ),
            self._contact_note(decision),
        )

    @api.model
    def _escalate(self, decisions, snapshots=None, cores=None):
        """For each escalation decision: a case for the salesperson or the collections
        manager (``ar.collection.escalation._escalate_many``: an activity with the
        core's summary, in the worklist) and a short note on the customer's chatter.
        The batch is done in one create per model (an escalation is most of a day's
        decisions). ``snapshots``, ``cores``: by customer, the account and the core
        decision as just decided (else decoded from each decision)."""
        if not decisions:
            return
        snapshots, cores = snapshots or {}, cores or {}
        cores = {d.id: cores.get(d.partner_id.id) or d._core() for d in decisions}
        assignees = self._assignees(
            decisions,
            {
                i: (core.escalation.to if core.escalation else "collections_manager")
                == "salesperson"
                for i, core in cores.items()
            },
        )
        requests = []
        for decision in decisions:
            core = cores[decision.id]
            requests.append(
                {
                    "partner": decision.partner_id,
                    "company": decision.company_id,
                    "cause": (core.escalation.cause if core.escalation else None)
                    or decision.escalation_cause
                    or "amount_threshold",
                    "reasons": [r.text for r in core.reasons[:1]],
                    "invoices": decision.invoice_ids,
                    "user": assignees[decision.id],
                    "summary_text": decision.escalation_text or decision.reason_text or "",
                    "decision": decision,
                    "snapshot": snapshots.get(decision.partner_id.id),
                    "log_note": True,
                }
            )
        cases = self.env["ar.collection.escalation"]._escalate_many(requests)
        for decision, case in zip(decisions, cases, strict=True):
            decision.with_context(agent_write=True, tracking_disable=True).write(
                {"activity_id": case.activity_id.id, "activity_user_id": case.user_id.id}
            )
        decisions.with_context(agent_write=True, tracking_disable=True).write(
            {"state": "sent", "sent_at": fields.Datetime.now(), "error": False}
        )

    @api.model
    def _log_escalation_notes(self, notes):
        """A note per (customer, user, next step) on the customer's chatter, logged
        without notifying (the activity is what reaches the person), in one create."""
        customers = self.env["res.partner"].browse({p.id for p, _u, _t in notes})
        author_id, email_from = customers._message_compute_author(None, None)
        # Reply-to read for the whole batch (mail.message would read it per message).
        reply_to = customers.sudo()._notify_get_reply_to(default=email_from, author_id=author_id)
        note_subtype = self.env.ref(NOTE_SUBTYPE)
        self.env["mail.message"].sudo().create(
            [
                {
                    "model": "res.partner",
                    "res_id": partner.id,
                    "body": Markup("%s<br/>%s")
                    % (self.env._("Escalated to %(user)s.", user=user.name), next_step or ""),
                    "subtype_id": note_subtype.id,
                    "message_type": "comment",
                    "author_id": author_id,
                    "email_from": email_from,
                    "reply_to": reply_to[partner.id],
                }
                for partner, user, next_step in notes
            ]
        )

    # -- helpers -------------------------------------------------------------------------

    def _contact_note(self, decision):
        lines = [self.env._("Invoices: %s", ", ".join(decision.invoice_ids.mapped("name")))]
        lines.append(decision.reason_text or "")
        return _as_html("\n".join(lines))

    def _activity(self, decision, type_xmlid, summary, note, prefer_salesperson=True):
        user = self._assignee(decision, prefer_salesperson)
        # No assignment email per activity: a person sees them in their activities.
        activity = (
            self._customer(decision)
            .with_context(mail_activity_quick_update=True)
            .activity_schedule(
                type_xmlid,
                date_deadline=fields.Date.context_today(self),
                summary=summary,
                note=note,
                user_id=user.id,
            )
        )
        decision.with_context(agent_write=True, tracking_disable=True).write(
            {"activity_id": activity.id, "activity_user_id": user.id}
        )
        return activity

    def _assignee(self, decision, prefer_salesperson):
        return self._assignees(decision, {decision.id: prefer_salesperson})[decision.id]

    def _assignees(self, decisions, prefer_salesperson):
        """{decision id: user}: the salesperson of the chased invoices (or the
        customer's) where ``prefer_salesperson[id]``, else the company's collections
        manager, else the current user. One query for the whole batch."""
        result, missing = {}, self.env["ar.collection.decision"]
        for decision in decisions:
            if prefer_salesperson.get(decision.id):
                salesperson = decision.invoice_ids.invoice_user_id.filtered("active")[:1]
                result[decision.id] = salesperson
                if not salesperson:
                    missing |= decision
        for company in missing.company_id:
            own = missing.filtered(lambda d, c=company: d.company_id == c)
            users = agent_sql.salespeople(self.env, company, own.partner_id.ids)
            for decision in own:
                result[decision.id] = self.env["res.users"].browse(users[decision.partner_id.id])
        managers = {}
        for decision in decisions:
            salesperson = result.get(decision.id)
            if salesperson and not salesperson.share:
                continue
            company = decision.company_id
            if company not in managers:
                managers[company] = self._collections_manager(company)
            result[decision.id] = managers[company]
        return result

    @api.model
    def _collections_manager(self, company):
        """Who gets what no salesperson owns (escalations, disputes, replies needing a
        person): the company policy's collections manager, else the company's first
        collections manager, else the current user (the administrator for a cron)."""
        policy = (
            self.env["ar.collection.policy"]
            .sudo()
            .search([("company_id", "=", company.id), ("scope", "=", "company")], limit=1)
        )
        chosen = policy.collections_manager_id
        if chosen and chosen.active and not chosen.share:
            return chosen
        group = self.env.ref(MANAGER_GROUP)
        manager = (
            self.env["res.users"]
            .sudo()
            .search(
                [
                    ("group_ids", "in", group.ids),
                    ("company_ids", "in", company.ids),
                    ("share", "=", False),
                    ("id", "!=", self.env.ref("base.user_root").id),
                ],
                order="id",
                limit=1,
            )
        )
        if manager:
            return manager
        return (
            self.env.user if not self.env.user._is_superuser() else self.env.ref("base.user_admin")
        )


def _as_html(text):
    return Markup("<br/>").join(escape(line) for line in (text or "").splitlines())
