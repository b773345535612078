"""Drafting: what Claude is given, and the fact guard between its draft and a customer."""

from __future__ import annotations

import json

import pytest
from arc_llm_fixtures import GOOD_BODY, GOOD_SUBJECT, PAY_LINK, draft, message_facts
from conftest import requires_sdk

from ar_collections_core.llm import draft_reminder, draft_tone
from ar_collections_core.llm.fake_api import error, text_answer, tool_answer
from ar_collections_core.messages import PromiseFact

pytestmark = requires_sdk


def write(client, facts=None, **kwargs):
    kwargs.setdefault("contact_name", "Marie Dupont")
    kwargs.setdefault("sender_name", "Paul Martin")
    return draft_reminder(facts or message_facts(), client=client, **kwargs)


def drafted(body=GOOD_BODY, subject=GOOD_SUBJECT):
    return tool_answer("write_reminder", draft(subject, body))


def test_a_good_draft_comes_back_with_names_and_link_restored(fake_api, make_llm):
    fake_api.push(drafted())
    outcome = write(make_llm())
    assert outcome.ok and outcome.outcome == "ok" and outcome.problems == ()
    assert outcome.subject == GOOD_SUBJECT
    assert outcome.body.startswith("Dear Marie Dupont,")
    assert PAY_LINK in outcome.body and outcome.body.endswith("Paul Martin")
    assert not outcome.needs_approval
    assert outcome.usage.kind == "drafting" and outcome.usage.outcome == "ok"
    assert outcome.message_or("Reminder", "template") == (outcome.subject, outcome.body, "llm")


def test_claude_gets_only_the_facts_it_needs(fake_api, make_llm):
    fake_api.push(drafted())
    write(make_llm(redact=True))
    body = fake_api.last_body
    sent = json.dumps(body)
    for private in ("Marie", "Dupont", "Paul Martin", "abc123", "pay.example.com"):
        assert private not in sent
    facts = json.loads(body["messages"][0]["content"][0]["text"].split(":\n", 1)[1])
    assert "customer_key" not in facts and "channel" not in facts
    assert "id" not in facts["invoices"][0] and "amount_due_company" not in facts["invoices"][0]
    assert facts["greeting_name"] == "[CONTACT_NAME]" and facts["pay_link"] is True
    assert facts["tone"] == "neutral" and facts["allowed_offers"] == []
    assert body["tool_choice"] == {"type": "tool", "name": "write_reminder"}
    assert "Write in English. Tone: neutral" in body["system"]
    assert "offer nothing" in body["system"]


def test_without_redaction_the_names_are_sent_but_never_the_link(fake_api, make_llm):
    fake_api.push(drafted(GOOD_BODY.replace("[CONTACT_NAME]", "Marie Dupont")))
    outcome = write(make_llm(redact=False))
    sent = json.dumps(fake_api.last_body)
    assert "Marie Dupont" in sent and "abc123" not in sent
    assert outcome.ok


REJECTIONS = [
    pytest.param(
        GOOD_BODY.replace("EUR 1,234.56", "EUR 1,243.56"),
        "rejected:fact_guard",
        {"unknown_amount"},
        id="wrong amount",
    ),
    pytest.param(
        GOOD_BODY.replace("INV/2025/0019, due", "INV/2025/0091, due"),
        "rejected:fact_guard",
        {"unknown_reference"},
        id="invented invoice number",
    ),
    pytest.param(
        GOOD_BODY.replace("The total due", "Please pay by 31 March 2025. The total due"),
        "rejected:fact_guard",
        {"unknown_date"},
        id="date not in the facts",
    ),
    pytest.param(
        GOOD_BODY.replace("The total due", "Pay by Friday. The total due"),
        "rejected:fact_guard",
        {"relative_date"},
        id="invented deadline",
    ),
    pytest.param(
        GOOD_BODY.replace("Kind regards", "We can also offer a payment plan.\n\nKind regards"),
        "rejected:fact_guard",
        {"offer_not_allowed"},
        id="payment plan not allowed",
    ),
    pytest.param(
        GOOD_BODY.replace("Kind regards", "Pay now and get a 2% discount.\n\nKind regards"),
        "rejected:fact_guard",
        {"offer_not_allowed", "unknown_percentage"},
        id="discount",
    ),
    pytest.param(
        GOOD_BODY.replace("Kind regards", "Otherwise we will start legal action.\n\nKind regards"),
        "rejected:sensitive_wording",
        {"sensitive_wording"},
        id="legal threat",
    ),
    pytest.param(
        GOOD_BODY.replace("Kind regards", "This is our final notice.\n\nKind regards"),
        "rejected:tone_above_decision",
        {"tone_above_decision"},
        id="final notice in a neutral message",
    ),
    pytest.param(
        GOOD_BODY.replace("[SENDER_NAME]", "[ACCOUNT_MANAGER]"),
        "rejected:placeholder",
        {"placeholder"},
        id="unknown placeholder",
    ),
    pytest.param(
        GOOD_BODY.replace("[PAY_LINK]", "https://evil.example.com/pay"),
        "rejected:fact_guard",
        {"unknown_link"},
        id="other link",
    ),
]


@pytest.mark.parametrize(("body", "outcome", "codes"), REJECTIONS)
def test_a_draft_that_breaks_a_rule_is_rejected_with_its_reasons(
    fake_api, make_llm, body, outcome, codes
):
    fake_api.push(drafted(body))
    result = write(make_llm())
    assert not result.ok and result.outcome == outcome
    assert codes <= set(result.codes)
    assert result.subject == "" and result.body == ""  # nothing to send: the template goes
    assert result.message_or("Reminder", "template body") == (
        "Reminder",
        "template body",
        "template",
    )
    assert result.rejected_text  # kept for the reviewer
    assert result.usage.outcome == outcome


def test_an_offer_the_policy_allows_passes(fake_api, make_llm):
    body = GOOD_BODY.replace(
        "Kind regards", "If it helps, we can discuss a payment plan.\n\nKind regards"
    )
    fake_api.push(drafted(body))
    assert write(make_llm(), message_facts(allowed_offers=("payment_plan",))).ok


def test_final_notice_wording_only_in_a_final_message_and_then_with_approval(fake_api, make_llm):
    body = GOOD_BODY.replace("Kind regards", "This is our final reminder.\n\nKind regards")
    fake_api.push(drafted(body))
    outcome = write(make_llm(), message_facts(tone="final"))
    assert outcome.ok and outcome.needs_approval and outcome.sensitive == ("final_notice",)


def test_a_promise_in_force_may_be_mentioned(fake_api, make_llm):
    promise = PromiseFact(
        "P1", 500.0, "EUR", message_facts().today.replace(day=20), ("INV/2025/0019",)
    )
    body = GOOD_BODY.replace(
        "The total due",
        "As agreed, INV/2025/0019 (EUR 500.00) will be paid on 20 March 2025. The total due",
    )
    fake_api.push(drafted(body))
    assert write(make_llm(), message_facts(promises=(promise,))).ok


def test_the_tone_is_never_above_the_decision_or_the_policy(fake_api, make_llm):
    assert draft_tone("firm", "neutral") == "neutral"
    assert draft_tone("friendly", "firm") == "friendly"
    assert draft_tone(None) == "neutral"
    fake_api.push(drafted())
    outcome = write(make_llm(), message_facts(tone="final"), max_tone="firm")
    assert outcome.tone == "firm"
    assert "Tone: firm" in fake_api.last_body["system"]
    assert "final or last notice" in fake_api.last_body["system"]


@pytest.mark.parametrize(
    ("responses", "expected"),
    [
        ([error(500, "api_error")] * 3, "fallback:server_error"),
        ([error(529, "overloaded_error")] * 3, "fallback:overloaded"),
        ([text_answer("I can't write that.", stop_reason="refusal")], "fallback:refusal"),
        ([text_answer("Dear customer, please pay.")], "rejected:malformed"),
        ([text_answer("I'm sorry, but I won't write this email.")], "fallback:refusal"),
        ([tool_answer("write_reminder", {"subject": "Hi"})], "rejected:schema"),
        ([tool_answer("write_reminder", {"subject": "", "body": GOOD_BODY})], "rejected:schema"),
    ],
)
def test_failures_leave_the_template(fake_api, make_llm, responses, expected):
    fake_api.push(*responses)
    outcome = write(make_llm())
    assert not outcome.ok and outcome.outcome == expected
    assert outcome.body == "" and outcome.problems


def test_drafting_needs_its_mode(fake_api, make_llm):
    assert write(make_llm(mode="understanding")).outcome == "skipped:mode_off"
    assert write(None).outcome == "skipped:mode_off"
    assert write(make_llm(), message_facts(invoices=())).outcome == "skipped:no_invoices"
    assert fake_api.requests == []


@pytest.mark.parametrize("redact", [True, False])
def test_names_with_figures_are_not_taken_for_references(fake_api, make_llm, redact):
    body = GOOD_BODY
    if not redact:
        body = body.replace("[CONTACT_NAME]", "Team 42").replace("[SENDER_NAME]", "Studio 54")
    fake_api.push(drafted(body))
    outcome = write(make_llm(redact=redact), contact_name="Team 42", sender_name="Studio 54")
    assert outcome.outcome == "ok", outcome.problems
    assert outcome.body.startswith("Dear Team 42,") and outcome.body.endswith("Studio 54")


def test_a_wrong_figure_next_to_a_name_is_still_caught(fake_api, make_llm):
    fake_api.push(drafted(GOOD_BODY.replace("EUR 500.00 of", "EUR 550.00 of")))
    outcome = write(make_llm(), sender_name="Studio 54")
    assert outcome.outcome == "rejected:fact_guard"
    assert "unknown_amount" in outcome.codes
