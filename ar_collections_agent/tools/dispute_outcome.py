"""Telling the customer how their dispute ended (resolved or rejected), with the
"dispute outcome" template, in their language, never against a contact block."""

from odoo import fields
from odoo.tools.misc import format_date

from ar_collections_core.policy import manual_contact_refusals
from ar_collections_core.policy.decision import reason

from . import agent_snapshot

TEMPLATE = "ar_collections_agent.mail_template_collection_dispute_outcome"
SUBTYPE = "ar_collections_agent.mt_collection_confirmation"


def _blocked(partner, contact, company):
    """Why no message may go to this customer now, or None: the gates a person's own
    message meets (core ``manual_contact_refusals``). A hold until a date does not
    apply: this answers the customer's own dispute."""
    env = partner.env
    if not (contact.email_normalized or partner.email_normalized):
        return env._("no email address")
    _info, flags = agent_snapshot.read_customer_info(env, company, partner.ids)[partner.id]
    refusals = manual_contact_refusals(
        today=fields.Date.context_today(partner),
        legal_hold=flags["legal_hold"],
        opted_out=flags["opted_out"],
        blacklisted=flags["blacklisted"],
    )
    return " ".join(r.text for r in refusals) or None


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
    blocked = _blocked(partner, contact, dispute.company_id)
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
