"""docs/POLICY.md and the rule tables say the same thing."""

from __future__ import annotations

import dataclasses
import json
import pathlib
import re

from arc_policy_builders import NOW, invoice, policy, snapshot

from ar_collections_core.policy import CollectionPolicy, decide, snapshot_from_dict
from ar_collections_core.policy.engine import account_flags, contact_flags
from ar_collections_core.policy.reasons import REASON_TEXTS
from ar_collections_core.policy.situation import Situation
from ar_collections_core.policy.table import (
    ACCOUNT_RULES,
    APPROVAL_RULES,
    CHANNEL_RULES,
    ESCALATION_ROUTES,
    KIND_RULES,
    LIMIT_CODES,
)

DOC = (pathlib.Path(__file__).resolve().parents[3] / "docs" / "POLICY.md").read_text()


def _documented(name: str) -> bool:
    return f"`{name}`" in DOC


def test_every_reason_code_is_documented():
    assert [c for c in REASON_TEXTS if not _documented(c)] == []


def test_every_rule_code_has_a_reason_text():
    codes = {r.code for r in ACCOUNT_RULES if r.code != "contact"}
    codes |= {c for c, _, _ in CHANNEL_RULES + KIND_RULES}
    codes |= (
        {c for c, _ in APPROVAL_RULES}
        | set(LIMIT_CODES)
        | set(ESCALATION_ROUTES) - {"legal_signal"}
    )
    assert codes - set(REASON_TEXTS) == set()


def test_every_setting_is_documented():
    assert [f.name for f in dataclasses.fields(CollectionPolicy) if not _documented(f.name)] == []


def test_account_table_order_is_the_documented_order():
    rows = re.findall(r"^\| \d+ \| `(\w+)` \|", DOC, flags=re.M)
    assert rows == [r.code for r in ACCOUNT_RULES]


def test_every_flag_exists_and_account_flags_are_documented():
    sit = Situation(snapshot(invoice(1, overdue=5)), policy(), NOW)
    flags = account_flags(sit) | contact_flags(sit, "friendly")
    flags |= {f"channel_{c}": False for c in ("email", "phone", "letter", "sms")}
    used = {
        flag.lstrip("!")
        for table in (
            [r.when for r in ACCOUNT_RULES],
            [w for _, w, _ in CHANNEL_RULES + KIND_RULES],
            [w for _, w in APPROVAL_RULES],
        )
        for when in table
        for flag in when
    }
    assert used - set(flags) == set()
    assert [f for f in account_flags(sit) if not _documented(f)] == []


def test_escalation_causes_and_steps_are_documented():
    for cause, route in ESCALATION_ROUTES.items():
        assert _documented(cause) and _documented(route.next_step)


def test_documented_snapshot_example_is_valid():
    block = re.search(r"```json\n(.*?)```", DOC, flags=re.S).group(1)
    snap = snapshot_from_dict(json.loads(block))
    decision = decide(snap, policy(), NOW)
    assert decision.action == "remind" and decision.invoice_ids == (7,)
