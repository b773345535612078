"""Claude's reading of a reply: when it is asked, what it is sent, how it is checked,
and the offline reading coming back whenever anything fails."""

from __future__ import annotations

import json
from datetime import date

import pytest
from arc_llm_fixtures import OPEN_INVOICES, PROMISE_TEXT, TODAY, answer, offline_reading
from conftest import requires_sdk

from ar_collections_core.llm import understand_with_llm
from ar_collections_core.llm.fake_api import Scripted, error, text_answer, tool_answer
from ar_collections_core.replies.types import Understanding

pytestmark = requires_sdk


def read(client, text=PROMISE_TEXT, offline=None, **kwargs):
    offline = offline or offline_reading(text)
    kwargs.setdefault("open_invoices", OPEN_INVOICES)
    kwargs.setdefault("today", TODAY)
    return understand_with_llm(offline, client=client, **kwargs)


def reply_answer(**overrides):
    return tool_answer("record_reply", answer(**overrides))


def sent_texts(fake_api) -> str:
    body = fake_api.last_body
    return body["system"] + "\n".join(
        block["text"] for message in body["messages"] for block in message["content"]
    )


def test_a_valid_answer_becomes_the_reading(fake_api, make_llm):
    fake_api.push(reply_answer())
    outcome = read(make_llm())
    assert outcome.outcome == "ok" and outcome.used_llm
    reading = outcome.understanding
    assert isinstance(reading, Understanding)
    assert reading.to_contract_dict() == {
        "intent": "promise_to_pay",
        "intents": ["promise_to_pay"],
        "promised_date": "2025-03-14",
        "return_date": None,
        "amount": 1234.56,
        "currency": "EUR",
        "invoices": ["INV/2025/0012"],
        "reason": None,
        "new_contact": None,
        "confidence": 0.9,
        "engine": "llm",
    }
    assert reading.customer_text == PROMISE_TEXT
    assert [e.code for e in reading.evidence] == ["llm_quote"]
    assert outcome.usage.outcome == "ok" and outcome.usage.kind == "understanding"


def test_a_customer_reference_resolves_to_our_number(fake_api, make_llm):
    fake_api.push(
        reply_answer(
            invoices=["PO-4471"], intent_invoices=[{"intent": "promise_to_pay", "invoices": []}]
        )
    )
    assert read(make_llm()).understanding.invoices == ("INV/2025/0012",)


def test_the_request_holds_the_stripped_reply_and_minimal_invoice_facts(fake_api, make_llm):
    fake_api.push(reply_answer())
    read(make_llm(redact=False), partner_lang="fr_FR")
    body = fake_api.last_body
    tool = body["tools"][0]
    assert tool["name"] == "record_reply" and tool["strict"] is True
    assert body["tool_choice"] == {"type": "tool", "name": "record_reply"}
    schema = tool["input_schema"]
    assert schema["additionalProperties"] is False
    assert schema["properties"]["invoices"]["items"]["enum"] == [i.number for i in OPEN_INVOICES]
    context, reply = body["messages"][0]["content"]
    facts = json.loads(context["text"].split(":\n", 1)[1])
    assert facts["message_date"] == "2025-03-12" and facts["message_weekday"] == "Wednesday"
    assert facts["open_invoices"][0] == {
        "number": "INV/2025/0012",
        "ref": "PO-4471",
        "amount_due": 1234.56,
        "currency": "EUR",
        "due_date": "2025-02-09",
    }
    assert "<customer_reply>\n" + PROMISE_TEXT + "\n</customer_reply>" in reply["text"]
    assert "untrusted" in body["system"] and PROMISE_TEXT not in body["system"]


def test_a_confident_offline_reading_is_not_sent(fake_api, make_llm):
    confident = offline_reading(PROMISE_TEXT, intent="promise_to_pay", confidence=0.8)
    outcome = read(make_llm(confidence_threshold=0.6), offline=confident)
    assert outcome.outcome == "skipped:confident" and outcome.understanding is confident
    assert outcome.usage is None and fake_api.requests == []


def test_force_asks_even_when_confident(fake_api, make_llm):
    fake_api.push(reply_answer())
    confident = offline_reading(PROMISE_TEXT, confidence=0.99)
    assert read(make_llm(), offline=confident, force=True).outcome == "ok"


@pytest.mark.parametrize(
    ("offline", "settings", "skipped"),
    [
        (offline_reading(PROMISE_TEXT), {"mode": "off"}, "skipped:mode_off"),
        (offline_reading(""), {}, "skipped:no_text"),
        (offline_reading("Away", is_auto_reply=True), {}, "skipped:auto_reply"),
        (offline_reading("Undeliverable", is_bounce=True), {}, "skipped:bounce"),
    ],
)
def test_when_claude_is_not_asked(fake_api, make_llm, offline, settings, skipped):
    outcome = read(make_llm(**settings), offline=offline)
    assert outcome.outcome == skipped and outcome.understanding is offline
    assert fake_api.requests == []


def test_no_client_is_mode_off():
    offline = offline_reading(PROMISE_TEXT)
    outcome = understand_with_llm(offline, client=None, open_invoices=OPEN_INVOICES, today=TODAY)
    assert outcome.outcome == "skipped:mode_off" and outcome.understanding is offline


FAILURES = [
    pytest.param([error(500, "api_error")] * 3, "fallback:server_error", id="server error"),
    pytest.param([error(529, "overloaded_error")] * 3, "fallback:overloaded", id="overloaded"),
    pytest.param(
        [error(429, "rate_limit_error", headers={"retry-after": "600"})],
        "fallback:rate_limited",
        id="rate limited",
    ),
    pytest.param(
        [text_answer("I'm sorry, I can't help with that.", stop_reason="refusal")],
        "fallback:refusal",
        id="refusal stop reason",
    ),
    pytest.param(
        [text_answer("I cannot assist with reading this email.")],
        "fallback:refusal",
        id="refusing text",
    ),
    pytest.param([text_answer('{"intent": "paid_already"}')], "rejected:malformed", id="text json"),
    pytest.param(
        [Scripted(200, "<html>gateway</html>", {"content-type": "text/html"})],
        "fallback:bad_response",
        id="not json at all",
    ),
    pytest.param(
        [tool_answer("record_reply", {"intent": "promise_to_pay"})],
        "rejected:schema",
        id="missing fields",
    ),
    pytest.param([reply_answer(intent="pay_now")], "rejected:schema", id="unknown intent"),
    pytest.param([reply_answer(reason="too_expensive")], "rejected:schema", id="unknown reason"),
    pytest.param([reply_answer(amount="1234.56")], "rejected:schema", id="amount as text"),
    pytest.param([reply_answer(confidence=7)], "rejected:schema", id="confidence above 1"),
    pytest.param([reply_answer(mark_paid=True)], "rejected:schema", id="extra field"),
    pytest.param([reply_answer(promised_date="14/03/2025")], "rejected:invalid_date", id="date"),
    pytest.param(
        [tool_answer("record_reply", answer(), stop_reason="max_tokens")],
        "ok",
        id="complete despite max_tokens",
    ),
    pytest.param(
        [text_answer('{"intent": "promi', stop_reason="max_tokens")],
        "rejected:truncated",
        id="truncated",
    ),
]


@pytest.mark.parametrize(("responses", "expected"), FAILURES)
def test_every_failure_gives_back_the_offline_reading(fake_api, make_llm, responses, expected):
    fake_api.push(*responses)
    offline = offline_reading(PROMISE_TEXT)
    outcome = read(make_llm(), offline=offline)
    assert outcome.outcome == expected
    if expected == "ok":
        return
    reading = outcome.understanding
    assert reading.engine == "offline"
    assert reading.to_contract_dict() == offline.to_contract_dict()
    assert reading.evidence[-1].text == expected  # the fallback is on record
    assert outcome.usage.outcome == expected and outcome.usage.called
    assert outcome.problems


def test_a_timeout_gives_back_the_offline_reading(fake_api, make_llm):
    fake_api.default = Scripted(delay=1.0)
    offline = offline_reading(PROMISE_TEXT)
    outcome = read(make_llm(timeout=0.2, max_retries=0), offline=offline)
    assert outcome.outcome == "fallback:timeout"
    assert outcome.understanding.to_contract_dict() == offline.to_contract_dict()


def test_an_open_breaker_gives_back_the_offline_reading_without_a_call(fake_api, make_llm):
    client = make_llm(max_retries=0, breaker_threshold=1)
    fake_api.push(error(500, "api_error"))
    assert read(client).outcome == "fallback:server_error"
    outcome = read(client)
    assert outcome.outcome == "fallback:breaker_open"
    assert not outcome.usage.called and len(fake_api.requests) == 1


def test_the_cap_gives_back_the_offline_reading(fake_api, make_llm):
    client = make_llm(monthly_cost_cap=0.0)
    outcome = read(client)
    assert outcome.outcome == "fallback:cap_reached" and fake_api.requests == []


def test_an_amount_above_what_is_due_rejects_the_answer(fake_api, make_llm):
    fake_api.push(reply_answer(amount=1500.0))
    outcome = read(make_llm())
    assert outcome.outcome == "rejected:amount_above_due"
    assert "1500.00 EUR is above the 1234.56 EUR due" in outcome.problems[0]


def test_without_named_invoices_the_amount_is_bounded_by_all_open(fake_api, make_llm):
    fake_api.push(
        reply_answer(invoices=[], intent_invoices=[], amount=1734.56, currency="EUR"),
        reply_answer(invoices=[], intent_invoices=[], amount=1734.57, currency="EUR"),
    )
    client = make_llm()
    assert read(client).understanding.amount == 1734.56
    assert read(client).outcome == "rejected:amount_above_due"


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({"amount": 0}, "rejected:invalid_amount"),
        ({"amount": -50.0}, "rejected:invalid_amount"),
        ({"currency": "GBP"}, "rejected:currency_mismatch"),
        ({"currency": "USD", "amount": 100.0}, "rejected:currency_mismatch"),
        ({"promised_date": "2025-03-11"}, "rejected:past_date"),
        ({"promised_date": "2027-01-01"}, "rejected:date_too_far"),
        (
            {"invoices": ["INV/2024/0005"], "intent_invoices": []},
            "rejected:unknown_invoice",
        ),
    ],
)
def test_answers_that_contradict_the_ledger_are_rejected(fake_api, make_llm, overrides, expected):
    fake_api.push(reply_answer(**overrides))
    assert read(make_llm()).outcome == expected


def test_smaller_slips_are_dropped_and_cost_confidence(fake_api, make_llm):
    fake_api.push(
        reply_answer(
            invoices=["INV/2025/0012", "INV/2099/9999"],
            reason="price",  # no dispute
            return_date="2025-03-20",  # not out of office
            new_contact="boss@example.com",  # no redirect
            quotes=[{"intent": "promise_to_pay", "text": "we promise everything"}],
        )
    )
    outcome = read(make_llm())
    reading = outcome.understanding
    assert outcome.outcome == "ok"
    assert reading.invoices == ("INV/2025/0012",)
    assert (reading.reason, reading.return_date, reading.new_contact) == (None, None, None)
    assert reading.evidence == ()
    assert len(outcome.problems) == 5
    assert reading.confidence == pytest.approx(0.9 - 4 * 0.1)


def test_mixed_intents_keep_their_invoices_and_the_primary_follows_priority(fake_api, make_llm):
    text = "We pay PO-4471 on Friday but INV/2025/0019 is wrong, the price is not what we agreed."
    fake_api.push(
        reply_answer(
            intent="promise_to_pay",
            intents=["promise_to_pay", "dispute"],
            invoices=[],
            intent_invoices=[
                {"intent": "promise_to_pay", "invoices": ["INV/2025/0012"]},
                {"intent": "dispute", "invoices": ["INV/2025/0019"]},
            ],
            amount=None,
            currency=None,
            reason="price",
            quotes=[{"intent": "dispute", "text": "INV/2025/0019 is wrong"}],
        )
    )
    reading = read(make_llm(), text=text).understanding
    assert reading.intent == "dispute"  # a dispute asks more of the collector
    assert reading.intents == ("dispute", "promise_to_pay")
    assert dict(reading.intent_invoices) == {
        "promise_to_pay": ("INV/2025/0012",),
        "dispute": ("INV/2025/0019",),
    }
    assert reading.invoices == ("INV/2025/0012", "INV/2025/0019")
    assert reading.reason == "price"


def test_a_redirect_contact_must_be_in_the_reply(fake_api, make_llm):
    text = "Please write to our accounts payable team at ap@client.example from now on."
    fake_api.push(
        reply_answer(
            intent="redirect",
            intents=["redirect"],
            invoices=[],
            intent_invoices=[],
            amount=None,
            currency=None,
            promised_date=None,
            new_contact="[EMAIL_1]",
            quotes=[],
        )
    )
    reading = read(make_llm(redact=True), text=text).understanding
    assert reading.new_contact == "ap@client.example"  # restored locally


def test_an_out_of_office_return_date(fake_api, make_llm):
    fake_api.push(
        reply_answer(
            intent="out_of_office",
            intents=["out_of_office"],
            invoices=[],
            intent_invoices=[],
            amount=None,
            currency=None,
            promised_date=None,
            return_date="2025-03-24",
            quotes=[],
        )
    )
    reading = read(make_llm(), text="I am away until 24 March.").understanding
    assert reading.return_date == date(2025, 3, 24) and reading.intent == "out_of_office"
