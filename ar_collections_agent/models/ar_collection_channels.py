from markupsafe import Markup, escape
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import html2plaintext

from ..tools import agent_sql

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
        recipient = decision.contact_id or decision.partner_id
        if not recipient.email_normalized:
            raise UserError(
                self.env._("%(contact)s has no email address.", contact=recipient.display_name)
            )
        if not decision.body_html:
            raise UserError(self.env._("The reminder has no message."))
        company = decision.company_id
        message = (
            self._customer(decision)
            .with_context(mail_post_autofollow=False, lang=decision.lang)
            .message_post(
                body=decision.body_html,
                subject=decision.subject,
                partner_ids=recipient.ids,
                subtype_xmlid=REMINDER_SUBTYPE,
                message_type="comment",
                attachment_ids=decision.attachment_ids.ids,
                author_id=company.partner_id.id,
                email_from=company.email_formatted or None,
            )
        )
        decision.with_context(agent_write=True, tracking_disable=True).message_id = message

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
    def _escalate(self, decisions):
        """For each escalation: an activity for the salesperson or the collections
        manager with the core's summary, and a short note on the customer's chatter.
        The batch is done in one create per model (an escalation is most of a day's
        decisions); the note is logged without notifying, as the activity is what
        reaches the person."""
        if not decisions:
            return
        cores = {d.id: d._core() for d in decisions}
        assignees = self._assignees(
            decisions,
            {
                i: (core.escalation.to if core.escalation else "collections_manager")
                == "salesperson"
                for i, core in cores.items()
            },
        )
        activity_vals, note_vals = [], []
        model_id = self.env["ir.model"]._get("res.partner").id
        todo = self.env.ref("mail.mail_activity_data_todo")
        note_subtype = self.env.ref(NOTE_SUBTYPE)
        customers = decisions.partner_id
        author_id, email_from = customers._message_compute_author(None, None)
        # Reply-to read for the whole batch (mail.message would read it per message).
        reply_to = customers.sudo()._notify_get_reply_to(default=email_from, author_id=author_id)
        today = fields.Date.context_today(self)
        for decision in decisions:
            core = cores[decision.id]
            user = assignees[decision.id]
            activity_vals.append(
                {
                    "activity_type_id": todo.id,
                    "res_model_id": model_id,
                    "res_id": decision.partner_id.id,
                    "automated": True,
                    "date_deadline": today,
                    "summary": self.env._(
                        "Collections: %(customer)s needs a person",
                        customer=decision.partner_id.name,
                    ),
                    "note": _as_html(decision.escalation_text or decision.reason_text or ""),
                    "user_id": user.id,
                }
            )
            note_vals.append(
                {
                    "model": "res.partner",
                    "res_id": decision.partner_id.id,
                    "body": Markup("%s<br/>%s")
                    % (
                        self.env._("Escalated to %(user)s.", user=user.name),
                        (core.escalation.next_step_text if core.escalation else ""),
                    ),
                    "subtype_id": note_subtype.id,
                    "message_type": "comment",
                    "author_id": author_id,
                    "email_from": email_from,
                    "reply_to": reply_to[decision.partner_id.id],
                }
            )
        # No assignment email per activity: a person sees them in their activities.
        activities = (
            self.env["mail.activity"]
            .with_context(mail_activity_quick_update=True)
            .create(activity_vals)
        )
        self.env["mail.message"].sudo().create(note_vals)
        for decision, activity in zip(decisions, activities, strict=True):
            decision.with_context(agent_write=True, tracking_disable=True).write(
                {"activity_id": activity.id, "activity_user_id": activity.user_id.id}
            )
        decisions.with_context(agent_write=True, tracking_disable=True).write(
            {"state": "sent", "sent_at": fields.Datetime.now(), "error": False}
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
