from . import (
    test_agent_channels,
    test_agent_cycle,
    test_agent_safety,
    test_agent_snapshot,
    test_collection_cases,
    test_inbound_replies,
    test_install,
    test_payment_profile,
    test_reminder_messages,
    test_reply_intake,
    test_reply_review,
    test_statement_report,
)
