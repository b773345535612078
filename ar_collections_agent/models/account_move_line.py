from odoo import models


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    def reconcile(self):
        result = super().reconcile()
        # Registered payments and credit notes are matched here: promises and disputes
        # on the invoices concerned are updated at once.
        self.move_id._collection_after_settlement()
        return result
