import logging

from odoo import fields, models

from ar_collections_core.llm.understanding import understand_with_llm

_logger = logging.getLogger(__name__)


class ArCollectionReply(models.Model):
    """Claude's second reading of the replies the offline reader is unsure about."""

    _inherit = "ar.collection.reply"

    llm_outcome = fields.Char(
        string="Claude",
        readonly=True,
        help="ok: Claude's checked reading is used; fallback / rejected: the offline "
        "reading is kept (the call log says why); skipped: Claude was not needed.",
    )
    llm_problems = fields.Text(string="Claude's Reading: Notes", readonly=True)
    llm_call_ids = fields.One2many("ar.collection.llm.call", "reply_id", readonly=True)

    def _llm_reading(self, offline, open_invoices):
        """Claude's reading when the settings allow it and the offline one is unsure,
        else ``offline``. The customer's words go as data; the answer is a proposal
        checked against ``open_invoices`` (the core's rules). Never raises: any failure
        keeps the offline reading, and the call log says why."""
        self.ensure_one()
        try:
            client = self.env["ar.collection.llm.call"]._llm_client(
                reply_id=self.id, partner_id=self.partner_id.id
            )
            if client is None:
                return offline
            outcome = understand_with_llm(
                offline,
                client=client,
                open_invoices=open_invoices,
                today=self._today(),
                partner_lang=(self.contact_id or self.partner_id).lang or None,
                contact_names=self._llm_contact_names(),
            )
        except Exception:  # the mail gateway must never wait on Claude
            _logger.exception("collections: Claude's reading of reply %s failed", self.id)
            self.llm_outcome = "fallback:internal_error"
            return offline
        self.write(
            {
                "llm_outcome": outcome.outcome,
                "llm_problems": "\n".join(str(p) for p in outcome.problems) or False,
            }
        )
        return outcome.understanding

    def _llm_contact_names(self):
        """The names redaction replaces: the customer's people and the sender's."""
        people = (
            self.env["res.partner"]
            .sudo()
            .with_context(active_test=False)
            .search([("commercial_partner_id", "=", self.partner_id.id)])
        )
        names = {p.name for p in people if p.name}
        if self.email_from and "<" in self.email_from:
            names.add(self.email_from.split("<", 1)[0].strip().strip('"'))
        return sorted((n for n in names if n), key=len, reverse=True)
