from odoo.tests import tagged
from odoo.tests.common import TransactionCase


@tagged("post_install", "-at_install")
class TestInstall(TransactionCase):
    def test_accounting_managers_are_collections_managers(self):
        manager = self.env.ref("account.group_account_manager")
        self.assertIn(
            self.env.ref("ar_collections_agent.group_collections_manager"),
            manager.all_implied_ids,
        )

    def test_core_is_importable_from_odoo(self):
        from ar_collections_core import ledger  # noqa: PLC0415

        self.assertTrue(ledger.Receivable)
