from datetime import date, datetime, timedelta

from odoo import Command
from odoo.tests import new_test_user

from .common import COLLECTOR, CollectionsCommon

# The hand-computed example: "today" is 31 March 2025 (see test_cockpit.py).
EXAMPLE_TODAY = date(2025, 3, 31)


class CockpitCommon(CollectionsCommon):
    """Two customers with invoices paid late, on time and left open, promises, a
    dispute and the agent's decisions, dated ``shift`` days after the example's."""

    @classmethod
    def _cockpit_data(cls, shift=timedelta()):
        def day(year, month, dom):
            return date(year, month, dom) + shift

        def moment(year, month, dom, hour=9):
            return datetime(year, month, dom, hour) + shift

        cls.other_collector = new_test_user(
            cls.env,
            login="other_collector",
            name="Other Collector",
            groups=COLLECTOR,
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )
        cls.xeno = cls._customer("Xeno Trading", user_id=cls.collector.id)
        cls.yara = cls._customer(
            "Yara Industries", user_id=cls.other_collector.id, collection_segment="strategic"
        )
        x, y = cls.xeno, cls.yara
        cls.inv_a = cls._invoice(x, 1000.0, day(2025, 1, 10), day(2025, 2, 9))
        cls.inv_b = cls._invoice(x, 2000.0, day(2025, 2, 10), day(2025, 3, 12))
        cls.inv_c = cls._invoice(x, 3000.0, day(2025, 3, 5), day(2025, 4, 4))
        cls.inv_d = cls._invoice(y, 600.0, day(2025, 1, 20), day(2025, 2, 19))
        cls.inv_e = cls._invoice(y, 400.0, day(2025, 3, 20), day(2025, 4, 19))
        Promise = cls.env["ar.collection.promise"]
        Promise.create(
            {
                "partner_id": x.id,
                "invoice_ids": [Command.set(cls.inv_a.ids)],
                "amount": 1000.0,
                "date": day(2025, 2, 25),
                "promised_date": day(2025, 3, 3),
                "state": "kept",
            }
        )
        cls.broken_promise = Promise.create(
            {
                "partner_id": y.id,
                "invoice_ids": [Command.set(cls.inv_d.ids)],
                "amount": 600.0,
                "date": day(2025, 3, 10),
                "promised_date": day(2025, 3, 15),
            }
        )
        cls.env["ar.collection.dispute"].create(
            {
                "partner_id": y.id,
                "invoice_ids": [Command.set(cls.inv_e.ids)],
                "amount": 400.0,
                "date": day(2025, 3, 25),
                "reason": "price",
            }
        )
        cls._pay(cls.inv_a, 1000.0, day(2025, 3, 3))
        cls._pay(cls.inv_b, 2000.0, day(2025, 3, 10))
        Decision = cls.env["ar.collection.decision"]
        common = {"company_id": cls.company.id, "channel": "email"}
        Decision.create(
            [
                {  # answered with a promise the next day
                    **common,
                    "partner_id": x.id,
                    "action": "remind",
                    "state": "sent",
                    "local_date": day(2025, 3, 1),
                    "decided_at": moment(2025, 3, 1, 8),
                    "sent_at": moment(2025, 3, 1),
                    "invoice_ids": [Command.set(cls.inv_a.ids)],
                },
                {  # not answered
                    **common,
                    "partner_id": y.id,
                    "action": "remind",
                    "state": "sent",
                    "local_date": day(2025, 3, 20),
                    "decided_at": moment(2025, 3, 20, 8),
                    "sent_at": moment(2025, 3, 20),
                    "invoice_ids": [Command.set(cls.inv_d.ids)],
                },
                {  # a person took Xeno's case: escalated on 20 February
                    **common,
                    "partner_id": x.id,
                    "action": "escalate",
                    "state": "sent",
                    "local_date": day(2025, 2, 20),
                    "decided_at": moment(2025, 2, 20, 8),
                },
                {  # A promised, 15 days past due (a follow-up level): one avoided
                    **common,
                    "partner_id": x.id,
                    "action": "pause",
                    "state": "skipped",
                    "local_date": day(2025, 2, 24),
                    "decided_at": moment(2025, 2, 24, 8),
                    "reasons": [
                        {
                            "code": "invoice_promised",
                            "text": "promised",
                            "data": {"invoice_id": cls.inv_a.id},
                        }
                    ],
                },
                {  # D 30 days past due, Yara a reliable payer: one avoided in March
                    **common,
                    "partner_id": y.id,
                    "action": "wait",
                    "state": "skipped",
                    "local_date": day(2025, 3, 21),
                    "decided_at": moment(2025, 3, 21, 8),
                    "reasons": [{"code": "reliable_payer_grace", "text": "reliable", "data": {}}],
                },
            ]
        )
        cls.env["ar.collection.reply"].create(
            {
                "partner_id": x.id,
                "company_id": cls.company.id,
                "message_date": moment(2025, 3, 2, 10),
                "intent": "promise_to_pay",
                "intents": "promise_to_pay",
                "state": "done",
            }
        )
