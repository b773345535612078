"""The composer's batch path: the messages of a batch of customers at once.

The facts are built per customer; the body of each tone's template is rendered once
per template, language and company for all its customers (Odoo compiles a mail
template's body at each render: one render for many customers compiles it once).
"""

from collections import defaultdict

import psycopg2
from odoo import api, models
from odoo.exceptions import UserError

from ar_collections_core.messages import check_draft
from ar_collections_core.policy import TONES

from .ar_collection_composer import (
    KINDS,
    STATEMENT_TEMPLATE_XMLID,
    TEMPLATE_XMLIDS,
    html_text,
)
from .ar_collection_composer_llm import DECISION_KEY


# Kept in its own file on purpose: one concern per file, each well under 500 lines.
class ArCollectionComposerBatch(models.AbstractModel):
    _inherit = "ar.collection.composer"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def compose_reminders(self, requests):
        """The messages of a batch: ``requests`` is a list of dicts with the
        arguments of ``compose_reminder`` (partner, invoices, tone and the optional
        ones). The facts are built per customer, the body is rendered once per
        template, language and company for all its customers. Returns, in the order
        of ``requests``, each message (as ``compose_reminder``) or the exception that
        kept it from being composed (a database error is raised)."""
        results = []
        for request in requests:
            try:
                results.append(self._collection_prepare(**request))
            except psycopg2.Error:
                raise
            except Exception as error:
                results.append(error)
        groups = defaultdict(dict)  # (template, lang, company, n) -> {partner id: index}
        for index, item in enumerate(results):
            if isinstance(item, Exception):
                continue
            key = (item["template"], item["lang"], item["company"], 0)
            while item["partner"].id in groups[key]:  # a customer twice: another render
                key = (*key[:3], key[3] + 1)
            groups[key][item["partner"].id] = index
        for (template, lang, _company, _n), members in groups.items():
            contexts = {pid: results[index]["context"] for pid, index in members.items()}
            try:
                bodies = template.with_context(collection_batch=contexts)._render_field(
                    "body_html", list(members), set_lang=lang, add_context={"collection": None}
                )
            except psycopg2.Error:
                raise
            except Exception as error:
                bodies = dict.fromkeys(members, error)
            for pid, index in members.items():
                body = bodies[pid]
                try:
                    if isinstance(body, Exception):
                        raise body
                    results[index] = self._collection_finish(results[index], body)
                except psycopg2.Error:
                    raise
                except Exception as error:
                    results[index] = error
        return results

    def _collection_prepare(
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
        """Everything of one message but its body (``compose_reminders``).
        ``llm_decision_id``: the decision a Claude draft is written for (call log)."""
        partner.ensure_one()
        partner = partner.commercial_partner_id
        if tone not in TONES:
            raise UserError(self.env._("Unknown tone %(tone)s.", tone=tone))
        if kind not in KINDS:
            raise UserError(self.env._("Unknown message kind %(kind)s.", kind=kind))
        company = self._collection_company(partner, invoices, kind)
        self._collection_ensure_tokens(invoices)
        recipient = partner.collection_contact_id or partner
        lang = recipient.lang or partner.lang or company.partner_id.lang or "en_US"
        facts = self._collection_facts(
            partner, invoices, tone, since, kind, company, recipient, ledger=ledger, policy=policy
        )
        xmlid = STATEMENT_TEMPLATE_XMLID if kind == "statement" else TEMPLATE_XMLIDS[tone]
        context = self.with_context(lang=lang)._collection_render_context(
            facts, partner, recipient, company, invoices
        )
        attach = kind == "statement" and attach_statement
        context["attached"] = attach
        template = self.env.ref(xmlid).sudo().with_company(company)
        subject = template.with_context(collection_numbers=context["numbers"])._render_field(
            "subject", partner.ids, set_lang=lang, add_context={"collection": context}
        )[partner.id]
        return {
            "partner": partner,
            "recipient": recipient,
            "company": company,
            "lang": lang,
            "facts": facts,
            "context": context,
            "template": template,
            "xmlid": xmlid,
            "subject": subject,
            "attach": attach,
            "kind": kind,
            "llm_decision_id": llm_decision_id,
        }

    def _collection_finish(self, item, body):
        """The message of a prepared ``item`` with its rendered ``body``: the statement
        PDF when asked, and the core's fact guard on the text."""
        partner, recipient, company = item["partner"], item["recipient"], item["company"]
        facts, context = item["facts"], item["context"]
        composer = self
        if item.get("llm_decision_id"):
            composer = self.with_context(**{DECISION_KEY: item["llm_decision_id"]})
        # Claude's draft replaces the template's text only when it passed the fact guard
        # (ar_collection_composer_llm.py); the guard below checks what goes out anyway.
        subject, body, llm_log = composer._llm_draft(
            facts, partner, recipient, company, item["kind"], item["subject"], body
        )
        attachment_ids = []
        if item["attach"]:
            attachment_ids = self._collection_statement_attachment(
                partner, company, item["lang"], facts.today
            ).ids
        # Names come from the records, not from figures: the guard reads the rest.
        text = html_text(body)
        for name in sorted(
            {partner.name, recipient.name, company.name} - {False, ""}, key=len, reverse=True
        ):
            text = text.replace(name, " ")
        guard = check_draft(text, facts, lang=facts.lang)
        log = facts.to_dict()
        log["check"] = {
            "ok": guard.ok,
            "problems": [{"code": p.code, "text": p.text} for p in guard.problems],
            "needs_approval": guard.needs_approval,
            "sensitive": list(guard.sensitive),
        }
        log["pay_links"] = {str(k): v for k, v in context["pay_links"].items()}
        log["template"] = item["xmlid"]
        if llm_log:
            log["llm"] = llm_log
        return {
            "subject": subject,
            "body_html": body,
            "lang": item["lang"],
            "recipient": recipient,
            "attachment_ids": attachment_ids,
            "facts": log,
        }
