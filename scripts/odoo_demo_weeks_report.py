"""The summary printed at the end of scripts/odoo_demo_weeks.py: what the agent did
over the simulated weeks, read back from the database (not from the script's own
counters, except for what only the simulation knows: what the customers meant)."""

from collections import Counter
from datetime import datetime, time, timedelta


def _line(label, counter):
    items = ", ".join(f"{n} {k}" for k, n in sorted(counter.items(), key=lambda kv: -kv[1]))
    print(f"  {label}: {items or 'none'}")


def summary(env, demo, elapsed):
    since = datetime.combine(demo.start + timedelta(days=1), time())
    Decision = env["ar.collection.decision"]
    decisions = Decision.search([("decided_at", ">=", since)])
    sent = decisions.filtered(lambda d: d.state == "sent")
    contacts = sent.filtered(lambda d: d.action in ("remind", "statement"))
    escalations = sent.filtered(lambda d: d.action == "escalate")
    replies = env["ar.collection.reply"].search([("message_date", ">=", since)])
    read = Counter(replies.mapped("intent"))
    promises = env["ar.collection.promise"].search([("date", ">", demo.start)])
    disputes = env["ar.collection.dispute"].search([("date", ">", demo.start)])
    waiting_approval = Decision.search_count([("state", "=", "proposed")])
    waiting_escalations = escalations.filtered(lambda d: d.activity_id).activity_id
    review = replies.filtered(lambda r: r.state in ("needs_review", "error"))
    currency = env.company.currency_id.name
    print(f"\nThe agent's {demo.days // 7} weeks, simulated in {elapsed:.0f} s")
    print(
        f"  decisions: {len(decisions)} "
        f"({', '.join(f'{n} {a}' for a, n in Counter(decisions.mapped('action')).most_common())})"
    )
    _line(
        f"reminders sent: {len(contacts)}, by channel",
        Counter(contacts.mapped("channel")),
    )
    _line("  by tone", Counter(contacts.mapped("tone")))
    print(
        f"  emails caught by the local SMTP catcher: {demo.counts['emails caught']}"
        f" (in {demo.maildir})"
    )
    _line(f"replies through the mail gateway: {len(replies)}, as the agent read them", read)
    _line("  as the customers meant them (first intent)", demo.written)
    _line("  languages", Counter(replies.mapped("language")))
    print(
        f"  replies handled alone: {len(replies.filtered(lambda r: r.state == 'done'))},"
        f" waiting for a person's review: {len(review)}"
    )
    _line(f"promises logged: {len(promises)}", Counter(promises.mapped("state")))
    _line(f"disputes opened: {len(disputes)}", Counter(disputes.mapped("state")))
    print(
        f"  payments registered: {demo.counts['payments']},"
        f" cash recovered: {demo.cash:,.2f} {currency}"
    )
    print(
        f"  escalations: {len(escalations)} sent to a person,"
        f" {len(waiting_escalations.exists())} activities still open"
    )
    print(f"  approvals waiting: {waiting_approval} proposed messages")
    others = {
        k: n
        for k, n in demo.counts.items()
        if k.startswith(("left to a person", "disputes settled", "credit notes", "mail exc"))
        or k in ("replies refused by the gateway", "disputes raised unprompted")
    }
    if others:
        _line("also", Counter(others))
    for error in demo.errors[:5]:
        print(f"    error: {error[:200]}")
    print("  time: " + ", ".join(f"{k} {v:.0f} s" for k, v in demo.seconds.most_common()))
    print("  login: admin / admin (Invoicing > Collections)")
