import xmlrpc.client

from odoo import api, models

RAW_EMAIL_KEY = "ar_collection_raw_email"


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    @api.model
    def message_process(
        self,
        model,
        message,
        custom_values=None,
        save_original=False,
        strip_attachments=False,
        thread_id=None,
    ):
        """Keep the raw RFC 822 text at hand while the gateway posts it: the reply
        reader needs the headers (Auto-Submitted...) that parsing drops."""
        raw = message
        if isinstance(raw, xmlrpc.client.Binary):
            raw = bytes(raw.data)
        if isinstance(raw, str):
            raw = raw.encode("utf-8")
        return super(MailThread, self.with_context(**{RAW_EMAIL_KEY: raw})).message_process(
            model,
            raw,
            custom_values=custom_values,
            save_original=save_original,
            strip_attachments=strip_attachments,
            thread_id=thread_id,
        )
