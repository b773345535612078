"""The summary printed at the end of scripts/odoo_demo.py, with its self-check."""

from collections import Counter

from ar_collections_core.profile import compute_profile

# Profile figures compared by the self-check: (core field, partner field).
CHECKED = (
    ("weighted_days_late", "payment_weighted_days_late"),
    ("on_time_rate", "payment_on_time_rate"),
    ("open_amount", "payment_open_amount"),
    ("overdue_amount", "payment_overdue_amount"),
    ("invoices_settled", "payment_invoices_settled"),
    ("promises_broken", "payment_promises_broken"),
)
BANDS = ("low", "medium", "high", "critical")


def check_profiles(ledger, partners, today):
    """Odoo's stored profiles against the core run on the generated ledger itself, for
    the customers whose amounts need no exchange rate: the whole chain (loading,
    reconciliation, SQL reading, refresh) must lose nothing. (matching, compared)"""
    by_key = {p.ref: p for p in partners}
    matching = compared = 0
    for customer in ledger.customers:
        receivables = ledger.receivables[customer.key]
        if any(r.amount_currency is not None for r in receivables):
            continue
        expected = compute_profile(receivables, today, promises=ledger.promises[customer.key])
        partner = by_key[customer.key]
        compared += 1
        matching += all(
            round(getattr(expected, core), 2) == round(partner[field], 2) for core, field in CHECKED
        )
    return matching, compared


def summary(env, ledger, today, counts, elapsed):
    partners = env["res.partner"].search([("ref", "in", [c.key for c in ledger.customers])])
    bands = Counter(partners.mapped("collection_risk_band"))
    promises = Counter(env["ar.collection.promise"].search([]).mapped("state"))
    disputes = Counter(env["ar.collection.dispute"].search([]).mapped("state"))
    moves = env["account.move"]
    open_ledger = sum(
        1
        for receivables in ledger.receivables.values()
        for r in receivables
        if r.is_open and not r.is_credit_note and r.amount > 0
    )
    open_odoo = moves.search_count(
        [
            ("move_type", "=", "out_invoice"),
            ("state", "=", "posted"),
            ("payment_state", "in", ("not_paid", "partial")),
        ]
    )
    overdue = moves.search_count([("collection_state", "=", "overdue")])
    matching, compared = check_profiles(ledger, partners, today)
    print(f"\nDemo data ready in {elapsed:.0f} s")
    print("  " + ", ".join(f"{n} {label}" for label, n in sorted(counts.items())))
    print(f"  open invoices: {open_odoo} in Odoo, {open_ledger} in the generated ledger")
    print(f"  overdue invoices to chase: {overdue}")
    print(
        f"  self-check: Odoo's profiles equal the core's on the generated ledger for"
        f" {matching} of {compared} customers invoiced in the company currency"
    )
    print("  promises: " + ", ".join(f"{n} {s}" for s, n in sorted(promises.items())))
    print("  disputes: " + ", ".join(f"{n} {s}" for s, n in sorted(disputes.items())))
    print("  risk bands: " + ", ".join(f"{bands.get(b, 0)} {b}" for b in BANDS))
    print("  login: admin / admin (Invoicing > Collections)")
