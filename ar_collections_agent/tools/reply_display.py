"""Showing a reply's reading under the customer's email, and exporting reviewed replies
as the core's labeled corpus."""

import base64
import json

from markupsafe import Markup, escape
from odoo import fields


def summary_html(reply):
    """The internal note shown under the customer's email."""
    env = reply.env
    intents = dict(reply._fields["intent"]._description_selection(env))
    states = dict(reply._fields["state"]._description_selection(env))
    facts = [
        (env._("Understood"), intents.get(reply.intent, "-")),
        (env._("Confidence"), f"{reply.confidence:.2f}"),
        (env._("Status"), states.get(reply.state, "")),
    ]
    if reply.promised_date:
        facts.append((env._("Promised date"), str(reply.promised_date)))
    if reply.return_date:
        facts.append((env._("Back on"), str(reply.return_date)))
    if reply.amount:
        facts.append((env._("Amount"), f"{reply.amount:,.2f} {reply.currency_id.name or ''}"))
    if reply.invoice_ids:
        facts.append((env._("Invoices"), ", ".join(reply.invoice_ids.mapped("name"))))
    if reply.error:
        facts.append((env._("Error"), reply.error))
    items = Markup("").join(
        Markup("<li><b>%s:</b> %s</li>") % (label, value) for label, value in facts
    )
    parts = [Markup("<p>%s</p><ul>%s</ul>") % (env._("Collections agent reading"), items)]
    for title, text in (
        (env._("Done"), reply.action_summary),
        (env._("Waiting for approval"), reply.proposed_summary),
    ):
        if text:
            lines = Markup("<br/>").join(escape(line) for line in text.splitlines())
            parts.append(Markup("<p><b>%s</b><br/>%s</p>") % (title, lines))
    return Markup("").join(parts)


def corpus_example(reply):
    """One reviewed reply in the corpus JSON-lines format of the core."""
    labels = {
        "intent": reply.intent or "other",
        "intents": [i for i in (reply.intents or "").split(",") if i] or [reply.intent],
        "promised_date": reply.promised_date.isoformat() if reply.promised_date else None,
        "return_date": reply.return_date.isoformat() if reply.return_date else None,
        "amount": reply.amount or None,
        "currency": reply.currency_id.name or None,
        "invoices": reply.invoice_ids.mapped("name"),
        "reason": reply.reason or None,
        "new_contact": reply.new_contact or None,
    }
    ident = f"odoo-reply-{reply.id}"
    return {
        "id": ident,
        "base": ident,
        "lang": (reply.language or "en")[:2],
        "today": reply._today().isoformat(),
        "partner_lang": (reply.contact_id or reply.partner_id).lang or None,
        "open_invoices": reply.open_invoices or [],
        "message": reply.raw_message or "",
        "labels": labels,
        "split": "train",
        "corrected": reply.state == "corrected",
        "engine_reading": reply.original_reading or None,
    }


def export_corpus(replies):
    lines = [json.dumps(corpus_example(r), ensure_ascii=False, sort_keys=True) for r in replies]
    data = ("\n".join(lines) + "\n" if lines else "").encode("utf-8")
    stamp = fields.Datetime.now().strftime("%Y%m%d-%H%M%S")
    attachment = (
        replies.env["ir.attachment"]
        .sudo()
        .create(
            {
                "name": f"reply-corpus-{stamp}.jsonl",
                "datas": base64.b64encode(data),
                "mimetype": "application/jsonl",
                "res_model": "ar.collection.reply",
            }
        )
    )
    return {
        "type": "ir.actions.act_url",
        "url": f"/web/content/{attachment.id}?download=true",
        "target": "self",
    }
