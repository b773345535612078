"""Carrying out the core's reply plan in Odoo (``ar_collections_core.replies.actions``).

Each action writes only collection records (promises, disputes, the customer's hold
and snooze flags, activities, messages): nothing here touches the ledger.
"""

from markupsafe import Markup
from odoo import fields
from odoo.tools.misc import format_date

from ar_collections_core.replies.actions import ReplyAction

CORE_TO_DISPUTE_REASON = {
    "price": "price",
    "quantity_not_received": "quantity",
    "quality": "quality",
    "duplicate": "duplicate",
    "missing_po": "missing_po",
    "tax": "tax",
    "service_level": "service",
    "other": "other",
}
CAUSE_REVIEW = "low_confidence_reply"
COLLECTOR = "ar_collections_agent.group_collections_collector"
TEMPLATES = {
    "promise": "ar_collections_agent.mail_template_reply_promise",
    "dispute": "ar_collections_agent.mail_template_reply_dispute",
    "remittance": "ar_collections_agent.mail_template_reply_remittance",
    "documents": "ar_collections_agent.mail_template_reply_documents",
}


def carry_out(reply, actions):
    """Run ``actions`` for ``reply`` (sudo); returns one line per thing done."""
    done = []
    for action in actions:
        handler = HANDLERS[action.kind]
        line = handler(reply, action)
        if line:
            done.append(line)
    return done


# -- helpers ------------------------------------------------------------------------------


def _invoices(reply, names):
    return reply._open_invoice_records().filtered(lambda m: m.name in set(names))


def _contact(reply):
    return reply.contact_id or reply.partner_id.collection_contact_id or reply.partner_id


def _thread(reply):
    return reply.env[reply.res_model].sudo().browse(reply.res_id)


def _users_in(env, group_xmlid, company):
    group = env.ref(group_xmlid, raise_if_not_found=False)
    if not group:
        return env["res.users"]
    return group.sudo().all_user_ids.filtered(
        lambda u: not u.share and u.active and company in u.company_ids
    )


def _collector(reply, invoices=None):
    """Who handles this customer: the invoices' salesperson, else the person who sent
    the reminder answered, else a collector, else a collections manager."""
    env = reply.env
    for user in (invoices or env["account.move"]).invoice_user_id:
        if not user.share and user.active:
            return user
    parent = reply.message_id.parent_id
    sender = parent.author_id.user_ids.filtered(lambda u: not u.share and u.active)
    if sender:
        return sender[:1]
    return _users_in(env, COLLECTOR, reply.company_id)[:1] or _manager(reply)


def _manager(reply):
    """The company policy's collections manager, else the company's first one."""
    return reply.env["ar.collection.channels"]._collections_manager(reply.company_id)


def _activity(record, user, summary, note):
    record.sudo().activity_schedule(
        "mail.mail_activity_data_todo",
        user_id=user.id,
        summary=summary,
        note=note,
        date_deadline=fields.Date.context_today(record),
    )


def _customer_words(reply):
    text = (reply.customer_text or "").strip()
    return Markup("<blockquote>%s</blockquote>") % text[:2000] if text else ""


def _send(reply, template_key, values, attachments=None):
    """A short message to the customer from one of our templates, in their language,
    on the thread they answered, as a reply to their email."""
    contact = _contact(reply)
    template = reply.env.ref(TEMPLATES[template_key]).sudo()
    lang = _lang(reply)
    render = {"company_name": reply.company_id.name, **values}
    subject = template._render_field("subject", contact.ids, set_lang=lang, add_context=render)
    body = template._render_field(
        "body_html", contact.ids, engine="qweb", set_lang=lang, add_context=render
    )
    _thread(reply).with_context(lang=lang).message_post(
        body=body[contact.id],
        subject=subject[contact.id] or reply.subject,
        message_type="comment",
        subtype_xmlid="ar_collections_agent.mt_collection_confirmation",
        partner_ids=contact.ids,
        parent_id=reply.message_id.id or False,
        attachments=attachments or [],
    )


def _format_amount(reply, amount, currency_name):
    currency = reply.env["res.currency"].sudo().search([("name", "=", currency_name)], limit=1)
    return currency.format(amount) if currency else f"{amount:,.2f} {currency_name or ''}"


def _format_date(reply, day):
    return format_date(reply.env, day, lang_code=_lang(reply))


def _lang(reply):
    """The contact's language when it is active here, else the company's, else English."""
    installed = {code for code, _name in reply.env["res.lang"].get_installed()}
    for lang in (_contact(reply).lang, reply.partner_id.lang, reply.company_id.partner_id.lang):
        if lang in installed:
            return lang
    return "en_US"


def _snooze_partner(partner, until, why):
    """No contact before ``until``: extends a snooze, never shortens one."""
    partner = partner.sudo()
    if partner.collection_snoozed_until and partner.collection_snoozed_until >= until:
        return False
    partner.write({"collection_snoozed_until": until, "collection_snooze_reason": why[:250]})
    return True


# -- the actions --------------------------------------------------------------------------


def _record_promise(reply, action):
    if reply.promise_id:
        return None
    invoices = _invoices(reply, action.invoices)
    currency = invoices[:1].currency_id
    promise = (
        reply.env["ar.collection.promise"]
        .sudo()
        .with_company(reply.company_id)
        .create(
            {
                "partner_id": reply.partner_id.id,
                "company_id": reply.company_id.id,
                "currency_id": currency.id or reply.company_id.currency_id.id,
                "invoice_ids": [fields.Command.set(invoices.ids)],
                "amount": action.amount,
                "promised_date": action.date,
                "source": "email",
                "message_id": reply.message_id.id or False,
                "user_id": _collector(reply, invoices).id,
                "note": reply.customer_text or False,
            }
        )
    )
    reply.promise_id = promise
    return reply.env._("Promise recorded: %(promise)s", promise=promise.display_name)


def _confirm_promise(reply, action):
    _send(
        reply,
        "promise",
        {
            "amount_text": _format_amount(reply, action.amount or 0.0, action.currency),
            "date_text": _format_date(reply, action.date),
            "invoice_names": ", ".join(action.invoices),
        },
    )
    return reply.env._("Confirmation sent to %(contact)s", contact=_contact(reply).display_name)


def _open_dispute(reply, action):
    if reply.dispute_id:
        return None
    invoices = _invoices(reply, action.invoices)
    # the invoice's salesperson, else the company's collections manager
    owner = reply.env["ar.collection.dispute"].sudo()._default_owner(invoices, reply.company_id)
    dispute = (
        reply.env["ar.collection.dispute"]
        .sudo()
        .with_company(reply.company_id)
        .create(
            {
                "partner_id": reply.partner_id.id,
                "company_id": reply.company_id.id,
                "currency_id": invoices[:1].currency_id.id,
                "invoice_ids": [fields.Command.set(invoices.ids)],
                "amount": sum(invoices.mapped("amount_residual")),
                "reason": CORE_TO_DISPUTE_REASON.get(action.reason or "other", "other"),
                "description": reply.customer_text or False,
                "user_id": owner.id,
            }
        )
    )
    reply.dispute_id = dispute
    _activity(
        dispute,
        owner,
        reply.env._("Customer dispute to sort out"),
        Markup("%s%s") % (action.text, _customer_words(reply)),
    )
    return reply.env._(
        "Dispute opened on %(invoices)s, owner %(owner)s",
        invoices=", ".join(invoices.mapped("name")),
        owner=owner.name,
    )


def _acknowledge_dispute(reply, action):
    _send(reply, "dispute", {"invoice_names": ", ".join(action.invoices)})
    return reply.env._("Dispute acknowledged to %(contact)s", contact=_contact(reply).display_name)


def _unmatched_payments(reply):
    """Customer credits on receivable accounts not matched to any invoice (payments,
    bank lines booked without a match) and unreconciled bank statement lines."""
    env = reply.env
    lines = (
        env["account.move.line"]
        .sudo()
        .search(
            [
                ("partner_id", "=", reply.partner_id.id),
                ("company_id", "=", reply.company_id.id),
                ("account_type", "=", "asset_receivable"),
                ("parent_state", "=", "posted"),
                ("reconciled", "=", False),
                ("balance", "<", 0),
                ("move_id.move_type", "=", "entry"),
            ]
        )
    )
    statement_lines = (
        env["account.bank.statement.line"]
        .sudo()
        .search(
            [
                ("partner_id", "=", reply.partner_id.id),
                ("company_id", "=", reply.company_id.id),
                ("is_reconciled", "=", False),
                ("amount", ">", 0),
            ]
        )
    )
    return lines, statement_lines


def _check_payment(reply, action):
    env = reply.env
    lines, statement_lines = _unmatched_payments(reply)
    invoices = _invoices(reply, action.invoices)
    owner = _collector(reply, invoices)
    _snooze_partner(reply.partner_id, action.date, action.text)
    if lines or statement_lines:
        found = [ln.move_id.name for ln in lines] + [s.move_id.name for s in statement_lines]
        _activity(
            reply.partner_id,
            owner,
            env._("Match the customer's payment"),
            env._(
                "The customer says %(invoices)s is paid; unmatched payment(s) found: "
                "%(found)s. Match them to the invoices.",
                invoices=", ".join(action.invoices) or "-",
                found=", ".join(found),
            ),
        )
        return env._("Unmatched payment(s) found: %(found)s", found=", ".join(found))
    if action.message_customer:
        _send(reply, "remittance", {"invoice_names": ", ".join(action.invoices)})
        asked = env._("Remittance details asked")
    else:
        asked = env._("The customer must not be contacted: remittance details NOT asked")
    _activity(
        reply.partner_id,
        owner,
        env._("Payment claimed, not found"),
        Markup("%s%s")
        % (
            env._(
                "The customer says %(invoices)s is paid; no payment found. %(asked)s; "
                "no contact before %(until)s.",
                invoices=", ".join(action.invoices) or "-",
                asked=asked,
                until=action.date,
            ),
            _customer_words(reply),
        ),
    )
    return env._(
        "No payment found: %(asked)s, no contact before %(until)s", asked=asked, until=action.date
    )


def _send_documents(reply, action):
    invoices = _invoices(reply, action.invoices)
    report = reply.env["ir.actions.report"].sudo()
    attachments = []
    for invoice in invoices:
        content, _kind = report._render_qweb_pdf("account.account_invoices", invoice.ids)
        name = (
            invoice._get_invoice_report_filename()
            if hasattr(invoice, "_get_invoice_report_filename")
            else f"{invoice.name.replace('/', '_')}.pdf"
        )
        attachments.append((name, content))
    _send(
        reply,
        "documents",
        {"invoice_names": ", ".join(invoices.mapped("name"))},
        attachments=attachments,
    )
    return reply.env._("Documents sent: %(invoices)s", invoices=", ".join(invoices.mapped("name")))


def _escalate(reply, action, user=None, cause=None):
    """A case for a person (``ar.collection.escalation``), with the customer's words."""
    invoices = _invoices(reply, action.invoices)
    user = user or _collector(reply, invoices)
    reply.env["ar.collection.escalation"].sudo().with_company(reply.company_id)._escalate(
        reply.partner_id,
        cause or action.cause or "customer_reply",
        action.text,
        invoices=invoices,
        user=user,
        company=reply.company_id,
        reply=reply,
        extra_html=_customer_words(reply),
    )
    return reply.env._("Escalated to %(user)s", user=user.name)


def escalate_review(reply, plan):
    """A reply the agent could not act on alone: a case for a person to read it."""
    why = "\n".join(r.text for r in plan.reasons)
    names = tuple(reply.invoice_ids.mapped("name"))
    return _escalate(reply, ReplyAction("escalate", invoices=names, text=why), cause=CAUSE_REVIEW)


def _escalate_manager(reply, action):
    return _escalate(reply, action, user=_manager(reply))


def _snooze(reply, action):
    if _snooze_partner(reply.partner_id, action.date, action.text):
        return reply.env._("No contact before %(date)s", date=action.date)
    return None


def _propose_contact(reply, action):
    _activity(
        reply.partner_id,
        _collector(reply),
        reply.env._("New contact proposed by the customer"),
        Markup("%s%s")
        % (
            reply.env._("Proposed contact: %(contact)s", contact=reply.new_contact or "-"),
            _customer_words(reply),
        ),
    )
    return reply.env._("Contact change proposed: %(contact)s", contact=reply.new_contact or "-")


def _opt_out(reply, action):
    reply.partner_id.sudo().collection_no_reminders = True
    return reply.env._("No more automated reminders to this customer")


def _legal_hold(reply, action):
    reason = reply.env._("From the customer's email of %(date)s", date=reply.message_date.date())
    reply.partner_id.sudo().write({"collection_legal_hold": True, "collection_hold_reason": reason})
    return reply.env._("Legal / insolvency hold set")


def _note(reply, action):
    return reply.env._("Noted: %(text)s", text=action.text) if action.text else None


HANDLERS = {
    "record_promise": _record_promise,
    "confirm_promise": _confirm_promise,
    "open_dispute": _open_dispute,
    "acknowledge_dispute": _acknowledge_dispute,
    "check_payment": _check_payment,
    "send_documents": _send_documents,
    "escalate": _escalate,
    "escalate_manager": _escalate_manager,
    "snooze": _snooze,
    "propose_contact": _propose_contact,
    "opt_out": _opt_out,
    "legal_hold": _legal_hold,
    "note": _note,
}
