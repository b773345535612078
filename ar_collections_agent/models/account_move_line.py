import logging

from odoo import models

_logger = logging.getLogger(__name__)


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    def reconcile(self):
        result = super().reconcile()
        # Registered payments and credit notes are matched here: promises and disputes
        # on the invoices concerned are updated at once. Collections must never stop a
        # payment from being recorded: a failure is logged and the nightly check
        # catches up.
        try:
            with self.env.cr.savepoint():
                self.move_id._collection_after_settlement()
        except Exception as error:
            self.env.invalidate_all()
            _logger.warning("collections: updating promises and disputes failed: %s", error)
        return result
