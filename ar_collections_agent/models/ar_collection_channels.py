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
    def _escalate(self, decision):
        """An activity for the salesperson or the collections manager with the core's
        summary, and a short note on the customer's chatter."""
        core = decision._core()
        to = core.escalation.to if core.escalation else "collections_manager"
        summary = decision.escalation_text or decision.reason_text or ""
        activity = self._activity(
            decision,
            "mail.mail_activity_data_todo",
            self.env._(
                "Collections: %(customer)s needs a person", customer=decision.partner_id.name
            ),
            _as_html(summary),
            prefer_salesperson=to == "salesperson",
        )
        self._customer(decision).message_post(
            body=Markup("%s<br/>%s")
            % (
                self.env._("Escalated to %(user)s.", user=activity.user_id.name),
                (core.escalation.next_step_text if core.escalation else ""),
            ),
            subtype_xmlid=NOTE_SUBTYPE,
            message_type="comment",
        )
        decision.with_context(agent_write=True, tracking_disable=True).write(
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
        """The salesperson of the chased invoices (or the customer's), else the
        company's collections manager, else the current user."""
        if prefer_salesperson:
            salesperson = decision.invoice_ids.invoice_user_id.filtered("active")[:1]
            if not salesperson:
                user_id = agent_sql.salespeople(
                    self.env, decision.company_id, decision.partner_id.ids
                )[decision.partner_id.id]
                salesperson = self.env["res.users"].browse(user_id)
            if salesperson and not salesperson.share:
                return salesperson
        return self._collections_manager(decision.company_id)

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
