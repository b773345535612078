"""Telling the customer how their dispute ended (resolved or rejected), with the
"dispute outcome" template, in their language, never against a contact block."""

from odoo.tools import SQL
from odoo.tools.misc import format_date

from ar_collections_core.policy.decision import reason

TEMPLATE = "ar_collections_agent.mail_template_collection_dispute_outcome"
SUBTYPE = "ar_collections_agent.mt_collection_confirmation"


def _blocked(partner, contact):
    """Why no message may go to this customer now, or None."""
    env = partner.env
    if partner.collection_legal_hold:
        return env._("the customer is on legal hold")
    if partner.collection_no_reminders:
        return env._("the customer opted out of automated messages")
    email = contact.email_normalized or partner.email_normalized
    if not email:
        return env._("no email address")
    rows = env.execute_query(
        SQL("SELECT 1 FROM mail_blacklist WHERE active AND email = %s LIMIT 1", email)
    )
    if rows:
        return env._("the address %(email)s is blacklisted", email=email)
    return None


def _lang(env, *partners):
    installed = {code for code, _name in env["res.lang"].get_installed()}
    for partner in partners:
        if partner.lang in installed:
            return partner.lang
    return "en_US"


def send_outcome(dispute):
    """Post the outcome to the customer (an email to the invoice contact); returns the
    core reason saying it went, or why it did not."""
    env = dispute.env
    partner = dispute.partner_id.commercial_partner_id.sudo()
    contact = partner.collection_contact_id or partner
    blocked = _blocked(partner, contact)
    if blocked:
        return reason("dispute_outcome_not_sent", why=blocked)
    lang = _lang(env, contact, partner, dispute.company_id.partner_id)
    currency = dispute.invoice_ids[:1].currency_id or dispute.currency_id
    due = sum(dispute.invoice_ids.mapped("amount_residual"))
    credit_notes = dispute.credit_note_ids.filtered(lambda m: m.state == "posted")
    values = {
        "outcome": dispute.state,
        "contact_name": contact.name or partner.name or "",
        "company_name": dispute.company_id.name,
        "invoice_names": ", ".join(dispute.invoice_ids.mapped("name")),
        "explanation": (dispute.resolution or "").strip(),
        "credit_notes": ", ".join(
            f"{m.name} ({m.currency_id.format(m.amount_total)})" for m in credit_notes
        ),
        "amount_due_text": currency.format(due) if not currency.is_zero(due) else "",
        "opened_text": format_date(env, dispute.date, lang_code=lang),
    }
    template = env.ref(TEMPLATE).sudo().with_company(dispute.company_id)
    subject = template._render_field("subject", partner.ids, set_lang=lang, add_context=values)
    body = template._render_field(
        "body_html", partner.ids, engine="qweb", set_lang=lang, add_context=values
    )
    message = partner.with_context(lang=lang).message_post(
        body=body[partner.id],
        subject=subject[partner.id],
        message_type="comment",
        subtype_xmlid=SUBTYPE,
        partner_ids=contact.ids,
    )
    dispute.sudo().write({"outcome_sent": True})
    dispute.message_post(
        body=env._("Outcome sent to %(contact)s.", contact=contact.display_name),
        subtype_xmlid="mail.mt_note",
    )
    return reason("dispute_outcome_sent", contact=contact.display_name, message_id=message.id)
