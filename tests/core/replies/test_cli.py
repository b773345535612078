"""The ``ar-collections understand`` contract: JSON lines in, JSON lines out, in order."""

import json
import subprocess
import sys
from pathlib import Path

from reply_helpers import raw

ROOT = Path(__file__).resolve().parents[3]
FIELDS = ["id", "intent", "intents", "promised_date", "return_date", "amount", "currency",
          "invoices", "reason", "new_contact", "confidence", "engine"]  # fmt: skip
INVOICES = [
    {"number": "FAC-2025-0417", "amount_residual": 2340.0, "currency": "EUR",
     "due_date": "2025-10-31", "ref": "BC-5521"},
    {"number": "FAC-2025-0433", "amount_residual": 890.0, "currency": "EUR",
     "due_date": "2025-10-31", "ref": ""},
]  # fmt: skip


def run_cli(lines: list[str], *args: str) -> list[dict]:
    result = subprocess.run(
        [sys.executable, "-m", "ar_collections_core", "understand", *args],
        input="\n".join(lines) + "\n", capture_output=True, text=True, check=True, cwd=ROOT,
    )  # fmt: skip
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_contract_with_a_malformed_line_in_the_middle():
    good = {
        "id": "a1",
        "today": "2025-11-26",
        "partner_lang": "fr_FR",
        "message": raw("Nous réglerons la facture 0417 fin de mois, soit 2 340,00 €.\n"),
        "open_invoices": INVOICES,
    }
    lines = [
        json.dumps(good),
        "{this is not json",
        json.dumps({"id": "b2", "today": "26/11/2025", "message": "x", "open_invoices": []}),
        json.dumps({**good, "id": "c3", "partner_lang": None}),
    ]
    out = run_cli(lines, "--engine", "offline")
    assert [record.get("id") for record in out] == ["a1", None, "b2", "c3"]
    assert list(out[0]) == FIELDS
    assert out[0]["intent"] == "promise_to_pay"
    assert out[0]["promised_date"] == "2025-11-30"
    assert out[0]["invoices"] == ["FAC-2025-0417"]
    assert out[0]["amount"] == 2340.0 and out[0]["currency"] == "EUR"
    assert out[0]["engine"] == "offline"
    assert set(out[1]) == {"id", "error"} and set(out[2]) == {"id", "error"}
    assert "today" in out[2]["error"]
    assert out[3]["intent"] == "promise_to_pay"


def test_unknown_engine_is_refused():
    result = subprocess.run(
        [sys.executable, "-m", "ar_collections_core", "understand", "--engine", "nope"],
        input="", capture_output=True, text=True, cwd=ROOT,
    )  # fmt: skip
    assert result.returncode == 2 and "unknown engine" in result.stderr
